/**
 * Test kit for the retention suites: the order store's vault kit (with the vault's stand-in
 * table, so that reference counts cover a column outside the order store), the orders PII
 * holder, and helpers that write pages as the sync does and read what retention left.
 */
import { beforeAll, afterAll } from 'vitest';
import type { DialectContext } from '../../../test/storage-harness.js';
import { T0 } from '../../../test/storage-fixtures.js';
import { orderRowId } from '../../orders/order-columns.js';
import { createOrderPiiHolder } from '../../orders/order-pii-holder.js';
import { upsertPage } from '../../orders/order-page.repository.js';
import { prepareOrderWrite, type PreparedOrder } from '../../orders/order-write.js';
import type { DomainOrder } from '../../orders/order.types.js';
import { createOrderVaultKit, type Seller } from '../../orders/testing/order-fixtures.js';
import { createTestTable, type VaultKit } from '../../pii-vault/testing/vault-fixtures.js';
import type { OrderPiiState, Row } from '../../storage/index.js';
import type { PiiHolder } from '../pii-holder.js';
import type { RetentionDeps } from '../retention-deps.js';
import { runRetention, type RetentionRunReport } from '../retention-run.js';
import { verifyRetention, type RetentionVerifyReport } from '../retention-verify.js';

export const DAY = 86_400_000;
/** After every deadline of orders purchased in January 2030 and after that period's horizon. */
export const APRIL = Date.UTC(2030, 3, 5);

/** The columns of a `retention.run` audit entry the suites look at. */
export type RetentionEntry = Pick<
  Row<'audit_entries'>,
  | 'target_type'
  | 'target_id'
  | 'outcome'
  | 'reason_code'
  | 'actor_kind'
  | 'actor_id'
  | 'details_json'
>;

export interface RetentionKit {
  kit(): VaultKit;
  deps(): RetentionDeps;
  run(now: number): Promise<RetentionRunReport>;
  verify(now: number): Promise<RetentionVerifyReport>;
  /** Encrypts outside, then one transaction for the page, as the sync does. */
  store(seller: Seller, orders: readonly DomainOrder[], now?: number): Promise<void>;
  idOf(seller: Seller, order: DomainOrder): string;
  stateOf(seller: Seller, order: DomainOrder): Promise<OrderPiiState>;
  /** This step's `retention.run` audit entries of the seller's organization. */
  entriesOf(seller: Seller): Promise<
    {
      target_id: string | null;
      outcome: string;
      reason_code: string | null;
      actor_kind: string;
      actor_id: string | null;
      details_json: string;
    }[]
  >;
}

/** The figures of one organization in a report. */
export function orgReport<T extends { organizationId: string }>(
  list: readonly T[],
  seller: Seller,
): T | undefined {
  return list.find((o) => o.organizationId === seller.organizationId);
}

/** Call inside `forEachDialect`: sets up in `beforeAll`, closes in `afterAll`. */
export function useRetentionKit(t: DialectContext): RetentionKit {
  let kit: VaultKit | undefined;
  let holders: PiiHolder[] = [];
  beforeAll(async () => {
    await createTestTable(t.db(), t.dialect); // a column the vault kit registers
    kit = createOrderVaultKit(t.db());
    holders = [createOrderPiiHolder(t.db())];
  });
  afterAll(() => {
    kit?.close();
  });
  const vaultKit = (): VaultKit => {
    if (kit === undefined) throw new Error('retention kit used outside a test');
    return kit;
  };
  const deps = (): RetentionDeps => ({
    db: t.db(),
    vault: vaultKit().vault,
    audit: vaultKit().audit,
    holders,
  });
  const idOf = (seller: Seller, order: DomainOrder) =>
    orderRowId(seller.organizationId, order.amazonOrderId);
  return {
    kit: vaultKit,
    deps,
    run: (now) => runRetention({ ...deps(), now }),
    verify: (now) => verifyRetention({ ...deps(), now }),
    store: async (seller, orders, now = T0 + DAY) => {
      const prepared: PreparedOrder[] = [];
      for (const order of orders) {
        prepared.push(await prepareOrderWrite(vaultKit().vault, seller.organizationId, order));
      }
      await t
        .db()
        .transaction()
        .execute((trx) => upsertPage(trx, prepared, null, now));
    },
    idOf,
    stateOf: async (seller, order) =>
      (
        await t
          .db()
          .selectFrom('orders')
          .select('pii_state')
          .where('id', '=', idOf(seller, order))
          .executeTakeFirstOrThrow()
      ).pii_state,
    entriesOf: (seller) =>
      t
        .db()
        .selectFrom('audit_entries')
        .select([
          'target_type',
          'target_id',
          'outcome',
          'reason_code',
          'actor_kind',
          'actor_id',
          'details_json',
        ])
        .where('organization_id', '=', seller.organizationId)
        .where('action', '=', 'retention.run')
        .orderBy('seq')
        .execute(),
  };
}
