/**
 * What reaches the disk when orders are stored: no canary PII in plaintext in the SQLite files
 * (database, WAL, shared memory) nor in any Postgres row, in UTF-8 or UTF-16, as written or
 * case-folded — after inserts, an update, a re-delivery and a purge.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, type DialectContext } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ready } from '../crypto/index.js';
import type { VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import { ORDER_PII_FIELD_NAMES, orderRowId } from './order-columns.js';
import { revealFields } from './order-pii.service.js';
import { purgePii } from './order.repository.js';
import type { DomainOrder } from './order.types.js';
import {
  CANARY_PII,
  canaryTexts,
  createOrderVaultKit,
  newDomainOrder,
  newSeller,
  storeOrders,
} from './testing/order-fixtures.js';

beforeAll(ready);

function needles(): Buffer[] {
  return canaryTexts()
    .filter((text) => text.length >= 5)
    .flatMap((text) =>
      [text, text.toLowerCase(), text.toUpperCase()].flatMap((variant) => [
        Buffer.from(variant, 'utf8'),
        Buffer.from(variant, 'utf16le'),
      ]),
    );
}

async function sqliteFiles(t: DialectContext): Promise<{ name: string; bytes: Buffer }[]> {
  const dir = dirname(t.handle().location);
  const names = await readdir(dir);
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
}

async function postgresRows(t: DialectContext): Promise<{ name: string; bytes: Buffer }[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${t.handle().location}`.execute(t.db());
  const out: { name: string; bytes: Buffer }[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await sql<Record<string, unknown>>`
      select *, r::text as row_text from ${sql.table(table)} r`.execute(t.db());
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (Buffer.isBuffer(value)) out.push({ name: table, bytes: value });
        else if (value !== null) {
          out.push({ name: table, bytes: Buffer.from(JSON.stringify(value), 'utf8') });
        }
      }
    }
  }
  return out;
}

describe('order store: no plaintext PII at rest', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(() => {
      kit = createOrderVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    async function store(organizationId: string, orders: readonly DomainOrder[]): Promise<void> {
      await storeOrders(t.db(), kit.vault, organizationId, orders, { now: T0 });
    }

    it('leaves no canary PII in the stored bytes', async () => {
      const seller = await newSeller(t.db(), kit);
      const orders = Array.from({ length: 25 }, () => newDomainOrder(seller));
      await store(seller.organizationId, orders);
      await store(seller.organizationId, orders); // re-delivered
      const first = orders[0] ?? newDomainOrder(seller);
      await store(seller.organizationId, [
        { ...first, lastUpdateDate: first.lastUpdateDate + 1, orderStatus: 'Shipped' },
      ]);
      const last = orders[24] ?? first;
      await t
        .db()
        .transaction()
        .execute((trx) =>
          purgePii(trx, [orderRowId(seller.organizationId, last.amazonOrderId)], T0),
        );
      // the stored values are the canaries (the scan looks for what is really there)
      expect(
        await revealFields(
          kit.vault,
          t.db(),
          seller.organizationId,
          first.amazonOrderId,
          ORDER_PII_FIELD_NAMES,
        ),
      ).toMatchObject(CANARY_PII);

      const stored = t.dialect === 'sqlite' ? await sqliteFiles(t) : await postgresRows(t);
      if (t.dialect === 'sqlite') {
        expect(stored.map((s) => s.name)).toContain('test.sqlite-wal');
      }
      const wanted = needles();
      const hits = stored.flatMap(({ name, bytes }) =>
        wanted.filter((needle) => bytes.includes(needle)).map(() => name),
      );
      expect(hits).toEqual([]);
      // the scan can see: a plain fact is found in plaintext, the ciphertexts are there
      const title = Buffer.from('Paper lantern, blue', 'utf8');
      expect(stored.some(({ bytes }) => bytes.includes(title))).toBe(true);
      const row = await t
        .db()
        .selectFrom('orders')
        .select('buyer_name_ciphertext')
        .where('id', '=', orderRowId(seller.organizationId, first.amazonOrderId))
        .executeTakeFirstOrThrow();
      const probe = (row.buyer_name_ciphertext ?? Buffer.alloc(64)).subarray(22, 54);
      expect(
        stored.some(({ bytes }) => bytes.includes(probe) || bytes.includes(probe.toString('hex'))),
      ).toBe(true);
    });
  });
});
