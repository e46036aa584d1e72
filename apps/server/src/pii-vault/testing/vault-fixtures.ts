/**
 * Test kit for the PII vault suites: a stand-in orders table with encrypted columns (the real
 * order tables come with order sync), a vault wired to a real audit trail and an in-memory
 * secrets provider, and a hand-driven clock.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { newOrganization, T0 } from '../../../test/storage-fixtures.js';
import { createAuditTrail, createInMemorySigningKeyProvider } from '../../audit/index.js';
import type { AuditTrail, IntervalScheduler } from '../../audit/index.js';
import { createEnvSecretsProvider, type SecretsProvider } from '../../secrets/index.js';
import type { Database, DatabaseDialect } from '../../storage/index.js';
import { createTable, portableTypes } from '../../storage/migrations/portable-schema.js';
import { manualClock, type ManualClock } from '../../testing/manual-clock.js';
import {
  createEncryptedColumnRegistry,
  type EncryptedColumn,
  type EncryptedColumnRegistry,
  type FieldRef,
} from '../encrypted-columns.js';
import { keyIdOf } from '../field-ciphertext.js';
import { createPiiVault, type PiiVault, type PiiVaultOptions } from '../pii-vault.service.js';

export { manualClock };

export const TEST_TABLE = 'vault_test_orders';

export const BUYER_NAME: EncryptedColumn = {
  table: TEST_TABLE,
  column: 'buyer_name_ciphertext',
  keyIdColumn: 'buyer_name_key_id',
};
export const POSTAL_CODE: EncryptedColumn = {
  table: TEST_TABLE,
  column: 'postal_code_ciphertext',
  keyIdColumn: 'postal_code_key_id',
};

/** Creates the stand-in orders table (once per test database). */
export async function createTestTable(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
): Promise<void> {
  const t = portableTypes(dialect);
  await createTable(db as unknown as Kysely<unknown>, dialect, TEST_TABLE)
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('buyer_name_ciphertext', t.binary)
    .addColumn('buyer_name_key_id', 'text')
    .addColumn('buyer_name_bidx', 'text')
    .addColumn('postal_code_ciphertext', t.binary)
    .addColumn('postal_code_key_id', 'text')
    .addColumn('postal_code_bidx', 'text')
    .execute();
}

export interface TestOrder {
  readonly id: string;
  readonly buyer_name_ciphertext: Buffer | null;
  readonly buyer_name_key_id: string | null;
  readonly buyer_name_bidx: string | null;
  readonly postal_code_ciphertext: Buffer | null;
  readonly postal_code_key_id: string | null;
  readonly postal_code_bidx: string | null;
}

export function fieldOf(column: EncryptedColumn, rowId: string): FieldRef {
  return { table: column.table, column: column.column, rowId };
}

/** A scheduler that never fires on its own; `tick()` runs what was scheduled. */
export function manualScheduler(): IntervalScheduler & { tick: () => void; active: () => number } {
  const ticks = new Set<() => void>();
  const scheduler = (tick: () => void): (() => void) => {
    ticks.add(tick);
    return () => ticks.delete(tick);
  };
  return Object.assign(scheduler, {
    tick: () => {
      for (const tick of ticks) tick();
    },
    active: () => ticks.size,
  });
}

export interface VaultKit {
  readonly vault: PiiVault;
  readonly audit: AuditTrail;
  readonly secrets: SecretsProvider;
  readonly columns: EncryptedColumnRegistry;
  readonly clock: ManualClock;
  /** A new seller organization. */
  organization(): Promise<string>;
  /** Inserts an order with its PII encrypted and indexed, as a repository would. */
  insertOrder(
    organizationId: string,
    pii: { buyerName: string | null; postalCode: string | null },
    options?: { scope?: string },
  ): Promise<string>;
  readOrder(id: string): Promise<TestOrder>;
  /** Another vault over the same database and secrets (a second server process). */
  secondVault(overrides?: Partial<PiiVaultOptions>): PiiVault;
  close(): void;
}

export function createVaultKit(
  db: Kysely<Database>,
  overrides: Partial<PiiVaultOptions> = {},
): VaultKit {
  const clock = manualClock(T0);
  const audit = createAuditTrail({
    db,
    signingKeys: createInMemorySigningKeyProvider(),
    checkpointEvery: 0,
    clock: () => clock.now(),
  });
  const secrets = createEnvSecretsProvider({ mode: 'demo', env: {} });
  const columns = createEncryptedColumnRegistry([BUYER_NAME, POSTAL_CODE]);
  const options = (extra: Partial<PiiVaultOptions>): PiiVaultOptions => ({
    db,
    secrets,
    audit,
    columns,
    clock: () => clock.now(),
    scheduler: manualScheduler(),
    ...overrides,
    ...extra,
  });
  const vault = createPiiVault(options({}));
  const vaults = [vault];
  return {
    vault,
    audit,
    secrets,
    columns,
    clock,
    organization: async () => {
      const org = newOrganization();
      await db.insertInto('organizations').values(org).execute();
      return org.id;
    },
    insertOrder: async (organizationId, pii, encryptOptions = {}) => {
      const id = randomUUID();
      const name = await vault.encryptField(
        organizationId,
        fieldOf(BUYER_NAME, id),
        pii.buyerName,
        encryptOptions,
      );
      const postal = await vault.encryptField(
        organizationId,
        fieldOf(POSTAL_CODE, id),
        pii.postalCode,
        encryptOptions,
      );
      const row = {
        id,
        organization_id: organizationId,
        buyer_name_ciphertext: name,
        buyer_name_key_id: name === null ? null : keyIdOf(name),
        buyer_name_bidx: await vault.blindIndex(organizationId, 'person-name', pii.buyerName),
        postal_code_ciphertext: postal,
        postal_code_key_id: postal === null ? null : keyIdOf(postal),
        postal_code_bidx: await vault.blindIndex(organizationId, 'postal-code', pii.postalCode),
      };
      await sql`insert into ${sql.table(TEST_TABLE)} ${sql`(${sql.join(
        Object.keys(row).map((k) => sql.ref(k)),
      )})`} values (${sql.join(Object.values(row))})`.execute(db);
      return id;
    },
    readOrder: async (id) => {
      const { rows } = await sql<TestOrder>`
        select id, buyer_name_ciphertext, buyer_name_key_id, buyer_name_bidx,
               postal_code_ciphertext, postal_code_key_id, postal_code_bidx
        from ${sql.table(TEST_TABLE)} where id = ${id}`.execute(db);
      const row = rows[0];
      if (row === undefined) throw new Error('no such test order');
      return row;
    },
    secondVault: (extra = {}) => {
      const other = createPiiVault(options(extra));
      vaults.push(other);
      return other;
    },
    close: () => {
      for (const v of vaults) v.close();
      secrets.close();
    },
  };
}

/** Decrypts both PII columns of a test order. */
export async function decryptOrder(
  vault: PiiVault,
  organizationId: string,
  order: TestOrder,
): Promise<{ buyerName: string | null; postalCode: string | null }> {
  return {
    buyerName: await vault.decryptField(
      organizationId,
      fieldOf(BUYER_NAME, order.id),
      order.buyer_name_ciphertext,
    ),
    postalCode: await vault.decryptField(
      organizationId,
      fieldOf(POSTAL_CODE, order.id),
      order.postal_code_ciphertext,
    ),
  };
}

/** The error code a promise rejects with (or `resolved`). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'resolved';
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : 'no code';
  }
}
