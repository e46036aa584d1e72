/**
 * What the simulator holds versus what the sync stored: every order Amazon could have shown
 * (last updated at or before the sync's last window bound) is stored once, with the
 * simulator's status, lines and, where Amazon releases them, buyer PII (decrypted through the
 * vault, as a reveal would).
 */
import type { Kysely } from 'kysely';
import { getCheckpoint, revealFields } from '../../orders/index.js';
import type { PiiVault } from '../../pii-vault/index.js';
import type { Database } from '../../storage/index.js';
import { WINDOW_OVERLAP_MS } from '../order-sync.js';

/** Statuses for which Amazon releases buyer and address data (the models' notes). */
const PII_STATUSES = new Set(['Unshipped', 'PartiallyShipped', 'Shipped']);

/** The parts of the simulator's in-process state this comparison reads (tests pass `sim`). */
export interface SimulatorOrders {
  readonly state: {
    readonly clock: { now(): number };
    readonly orders: {
      list(
        sellingPartnerId: string,
        t: number,
      ): readonly {
        readonly amazonOrderId: string;
        readonly marketplaceId: string;
        readonly status: string;
        readonly lastUpdateDate: number;
        readonly canary: boolean;
        readonly buyer: { readonly name: string };
        readonly shippingAddress: { readonly name: string; readonly postalCode: string };
        readonly items: readonly {
          readonly orderItemId: string;
          readonly asin: string;
          readonly quantityOrdered: number;
        }[];
      }[];
    };
  };
}

export interface TruthReport {
  /** Orders the simulator shows that the store lacks. */
  readonly missing: string[];
  /** Stored orders the simulator does not have for this seller. */
  readonly unknown: string[];
  /** `<order id>: <what differs>` (field names only, never values). */
  readonly mismatched: string[];
  /** Orders compared field by field (the rest moved after the bound). */
  readonly compared: number;
  /** Orders whose PII was decrypted and compared. */
  readonly piiCompared: number;
}

export async function compareWithSimulator(input: {
  readonly sim: SimulatorOrders;
  readonly db: Kysely<Database>;
  readonly vault: PiiVault;
  readonly sellingPartnerId: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly marketplaceId: string;
  /** Compare PII of every n-th order in a PII status (and of every canary). */
  readonly piiEvery?: number;
}): Promise<TruthReport> {
  const { sim, db, vault, organizationId } = input;
  const checkpoint = await getCheckpoint(db, input.connectionId, input.marketplaceId);
  if (checkpoint?.nextToken !== null) {
    throw new Error('the sync has not completed a window');
  }
  const bound = checkpoint.lastUpdatedAfter + WINDOW_OVERLAP_MS;
  const now = sim.state.clock.now();
  const views = sim.state.orders
    .list(input.sellingPartnerId, now)
    .filter((v) => v.marketplaceId === input.marketplaceId);
  const stableViews = views.filter((v) => v.lastUpdateDate <= bound);
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'amazon_order_id', 'order_status', 'last_update_date'])
    .where('organization_id', '=', organizationId)
    .where('marketplace_id', '=', input.marketplaceId)
    .execute();
  const stored = new Map(rows.map((r) => [r.amazon_order_id, r]));
  const known = new Set(views.map((v) => v.amazonOrderId));
  const report = {
    missing: [] as string[],
    unknown: rows.map((r) => r.amazon_order_id).filter((id) => !known.has(id)),
    mismatched: [] as string[],
    compared: 0,
    piiCompared: 0,
  };
  const every = input.piiEvery ?? 10;
  let inPiiStatus = 0;
  for (const view of stableViews) {
    const row = stored.get(view.amazonOrderId);
    if (row === undefined) {
      report.missing.push(view.amazonOrderId);
      continue;
    }
    report.compared += 1;
    const differs: string[] = [];
    if (row.order_status !== view.status) differs.push('status');
    if (Math.floor(row.last_update_date / 1000) !== Math.floor(view.lastUpdateDate / 1000)) {
      differs.push('lastUpdateDate');
    }
    const items = await db
      .selectFrom('order_items')
      .select(['order_item_id', 'quantity', 'asin'])
      .where('order_id', '=', row.id)
      .orderBy('order_item_id')
      .execute();
    const want = [...view.items]
      .sort((a, b) => a.orderItemId.localeCompare(b.orderItemId))
      .map((i) => `${i.orderItemId}:${i.asin}:${String(i.quantityOrdered)}`);
    const got = items.map((i) => `${i.order_item_id}:${i.asin}:${String(i.quantity)}`);
    if (want.join('|') !== got.join('|')) differs.push('items');
    if (PII_STATUSES.has(view.status)) {
      inPiiStatus += 1;
      if (view.canary || inPiiStatus % every === 0) {
        report.piiCompared += 1;
        const pii = await revealFields(vault, db, organizationId, view.amazonOrderId, [
          'buyerName',
          'recipientName',
          'postalCode',
        ]);
        if (pii?.buyerName !== view.buyer.name) differs.push('buyerName');
        if (pii?.recipientName !== view.shippingAddress.name) differs.push('recipientName');
        if (pii?.postalCode !== view.shippingAddress.postalCode) differs.push('postalCode');
      }
    }
    if (differs.length > 0) report.mismatched.push(`${view.amazonOrderId}: ${differs.join(',')}`);
  }
  return report;
}
