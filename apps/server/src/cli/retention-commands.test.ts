import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_ENCRYPTED_COLUMNS, itemGiftField, orderRowId } from '../orders/order-columns.js';
import { upsertPage } from '../orders/order-page.repository.js';
import { prepareOrderWrite, type PreparedOrder } from '../orders/order-write.js';
import type { DomainOrder } from '../orders/order.types.js';
import { canaryTexts, newDomainOrder, type Seller } from '../orders/testing/order-fixtures.js';
import { createEncryptedColumnRegistry, createPiiVault } from '../pii-vault/index.js';
import { openCliContext, type CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';

interface Captured {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const DAY = 86_400_000;

describe('parcel-admin retention (SQLite, demo mode, real clock)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const outputs: string[] = [];

  async function cli(...argv: string[]): Promise<Captured> {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      env,
      stdout: { write: (chunk: string) => (out += chunk) },
      stderr: { write: (chunk: string) => (err += chunk) },
    });
    outputs.push(out, err);
    return { code, out, err };
  }

  /** The CLI's own storage, secrets and audit trail, for setting the scene. */
  async function withContext<T>(use: (context: CliContext) => Promise<T>): Promise<T> {
    const sink = { write: () => true };
    const context = await openCliContext({ env, stdout: sink, stderr: sink });
    try {
      return await use(context);
    } finally {
      await context.close();
    }
  }

  /** Stores orders as the sync would have at `writtenAt` (PII encrypted by the CLI's keys). */
  async function storeOrders(seller: Seller, orders: DomainOrder[], writtenAt: number) {
    await withContext(async (context) => {
      const vault = createPiiVault({
        db: context.db,
        secrets: context.secrets,
        audit: context.audit,
        columns: createEncryptedColumnRegistry(ORDER_ENCRYPTED_COLUMNS),
      });
      try {
        const prepared: PreparedOrder[] = [];
        for (const order of orders) {
          prepared.push(await prepareOrderWrite(vault, seller.organizationId, order));
        }
        await context.db.transaction().execute((trx) => upsertPage(trx, prepared, null, writtenAt));
      } finally {
        vault.close();
      }
    });
  }

  const now = Date.now();
  let seller: Seller;
  const old = (s: Seller) =>
    newDomainOrder(s, {
      purchaseDate: now - 100 * DAY,
      lastUpdateDate: now - 99 * DAY,
      latestShipDate: now - 98 * DAY,
      shippedAt: now - 98 * DAY,
    });
  const recent = (s: Seller) =>
    newDomainOrder(s, {
      purchaseDate: now - 5 * DAY,
      lastUpdateDate: now - 4 * DAY,
      latestShipDate: now - 3 * DAY,
      shippedAt: now - 4 * DAY,
    });
  let shipped: DomainOrder;
  let kept: DomainOrder;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parcel-admin-retention-'));
    env = { SERVER_MODE: 'demo', DATA_DIR: dataDir };
    const org = await cli('org', 'create', '--name', 'Retention Parcels');
    const organizationId = /organization ([0-9a-f-]{36}) created/.exec(org.out)?.[1] ?? '';
    seller = { organizationId, connectionId: randomUUID() };
    await withContext(async ({ db }) => {
      await db
        .insertInto('amazon_connections')
        .values({
          id: seller.connectionId,
          organization_id: organizationId,
          selling_partner_id: 'A1RETENTIONTEST',
          region: 'na',
          status: 'disconnected',
          connected_by: randomUUID(),
          connected_at: now - 200 * DAY,
          updated_at: now - 200 * DAY,
        })
        .execute();
    });
    shipped = old(seller);
    kept = recent(seller);
    await storeOrders(seller, [shipped], now - 97 * DAY);
    await storeOrders(seller, [kept], now - 3 * DAY);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the retention commands in the usage', async () => {
    const help = await cli('help');
    expect(help.out).toContain('parcel-admin retention run');
    expect(help.out).toContain('parcel-admin retention verify');
  });

  it('runs retention: purges what is due, shreds the expired period, prints ids and counts', async () => {
    const ran = await cli('retention', 'run');
    expect(ran.code, ran.err).toBe(0);
    expect(ran.out).toMatch(
      /^retention run [0-9a-f-]{36}: purged 1, keys destroyed 1, organizations 1, passed$/m,
    );
    expect(ran.out).toContain(
      `organization ${seller.organizationId} orders: purged 1, held 1, overdue 0, undated 0, keys destroyed 1 (passed)`,
    );
    const states = await withContext(({ db }) =>
      db
        .selectFrom('orders')
        .select(['amazon_order_id', 'pii_state'])
        .orderBy('purchase_date')
        .execute(),
    );
    expect(states).toEqual([
      { amazon_order_id: shipped.amazonOrderId, pii_state: 'purged' },
      { amazon_order_id: kept.amazonOrderId, pii_state: 'present' },
    ]);
    const entries = await withContext(({ db }) =>
      db
        .selectFrom('audit_entries')
        .select(['actor_kind', 'outcome', 'details_json'])
        .where('action', '=', 'retention.run')
        .execute(),
    );
    expect(entries).toEqual([
      expect.objectContaining({ actor_kind: 'cli', outcome: 'success' }) as unknown,
    ]);

    const verified = await cli('retention', 'verify');
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^retention verify [0-9a-f-]{36}: organizations 1, passed$/m);
  });

  it('fails verification (exit 1) when PII is planted past the window', async () => {
    const purgedId = orderRowId(seller.organizationId, shipped.amazonOrderId);
    await withContext(async (context) => {
      const vault = createPiiVault({
        db: context.db,
        secrets: context.secrets,
        audit: context.audit,
        columns: createEncryptedColumnRegistry(ORDER_ENCRYPTED_COLUMNS),
      });
      try {
        const item = await context.db
          .selectFrom('order_items')
          .select('id')
          .where('order_id', '=', purgedId)
          .executeTakeFirstOrThrow();
        // the expired period's keys are gone: seal under the current month's
        const sealed = await vault.encryptCell(
          seller.organizationId,
          itemGiftField(item.id),
          'Planted gift message',
          { scope: `period:${new Date(now).toISOString().slice(0, 7)}` },
        );
        await context.db
          .updateTable('order_items')
          .set({ gift_message_ciphertext: sealed.ciphertext, gift_message_key_id: sealed.keyId })
          .where('id', '=', item.id)
          .execute();
      } finally {
        vault.close();
      }
    });
    const failed = await cli('retention', 'verify');
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/organizations 1, FAILED$/m);
    expect(failed.err).toContain(`organization ${seller.organizationId}: PII_OVERDUE orders 1`);

    const ran = await cli('retention', 'run');
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('purged 1, keys destroyed 0');
    expect((await cli('retention', 'verify')).code).toBe(0);
  });

  it('keys: a master key rotation re-wraps every live data key; maintenance finds nothing stale', async () => {
    const rotated = await cli('keys', 'rotate', '--name', 'masterKey');
    expect(rotated.code, rotated.err).toBe(0);
    const version = /current version (\S+)/.exec(rotated.out)?.[1] ?? '?';
    expect(rotated.out).toMatch(new RegExp(`data keys re-wrapped under ${version}: [1-9]`));
    const usage = await withContext(async (context) => {
      const vault = createPiiVault({
        db: context.db,
        secrets: context.secrets,
        audit: context.audit,
        columns: createEncryptedColumnRegistry(ORDER_ENCRYPTED_COLUMNS),
      });
      try {
        return await vault.masterKeyUsage();
      } finally {
        vault.close();
      }
    });
    // Only the new master version wraps anything: the old one can go, with its backups' PII.
    expect([...usage.keys()]).toEqual([version]);
    const maintained = await cli('keys', 'maintain');
    expect(maintained.code, maintained.err).toBe(0);
    expect(maintained.out).toContain('re-encrypted 0, unreadable 0');
    // The kept order still decrypts under the re-wrapped keys.
    expect((await cli('retention', 'verify')).code).toBe(0);
  });

  it('canary add: plants a canary order once; the audit entry names the organization only', async () => {
    const order = '114-7770001-2220001';
    const planted = await cli('canary', 'add', '--org', seller.organizationId, '--order', order);
    expect(planted.code, planted.err).toBe(0);
    expect(planted.out).toContain('canary planted');
    expect(
      (await cli('canary', 'add', '--org', seller.organizationId, '--order', order)).out,
    ).toContain('already a canary');
    expect(
      (await cli('canary', 'add', '--org', seller.organizationId, '--order', 'x y')).code,
    ).toBe(2);
    const entries = await withContext(({ db }) =>
      db
        .selectFrom('audit_entries')
        .select(['target_id', 'details_json'])
        .where('action', '=', 'canary.add')
        .execute(),
    );
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.target_id).toBe(seller.organizationId);
      expect(JSON.stringify(entry)).not.toContain(order);
    }
  });

  it('prints no PII', () => {
    const printed = outputs.join('\n');
    for (const text of [...canaryTexts(), 'Planted']) expect(printed).not.toContain(text);
  });
});
