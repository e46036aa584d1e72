/**
 * What reaches the disk: canary PII written through the vault (with a rotation, re-encryption
 * and retirement on the way) must not appear in the SQLite files (database, WAL, shared memory)
 * nor in any Postgres row, in any common encoding; neither may an unwrapped data key.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect, type DialectContext } from '../../test/storage-harness.js';
import { ready, wipe } from '../crypto/index.js';
import { createMasterKeys } from './master-key.js';
import {
  createTestTable,
  createVaultKit,
  decryptOrder,
  type VaultKit,
} from './testing/vault-fixtures.js';

beforeAll(ready);

const CANARY_NAME = 'Canary Zebediah Quillfeather-Oyelaran';
const CANARY_POSTAL = 'QX9 7ZK';

/** Every way the canaries could sit in bytes: UTF-8 and UTF-16LE, as written and normalised. */
function needles(): Buffer[] {
  const texts = [CANARY_NAME, CANARY_POSTAL, 'Quillfeather', 'QX97ZK', 'Zebediah'];
  return texts.flatMap((text) =>
    [text, text.toLowerCase(), text.toUpperCase()].flatMap((variant) => [
      Buffer.from(variant, 'utf8'),
      Buffer.from(variant, 'utf16le'),
    ]),
  );
}

function findIn(haystack: Buffer, wanted: readonly Buffer[]): number {
  return wanted.filter((needle) => haystack.includes(needle)).length;
}

async function sqliteFiles(t: DialectContext): Promise<Buffer[]> {
  const dir = dirname(t.handle().location);
  const names = await readdir(dir);
  return Promise.all(names.map((name) => readFile(join(dir, name))));
}

/** Every row of every table in the suite's schema, as Postgres renders it and as raw bytes. */
async function postgresRows(t: DialectContext): Promise<Buffer[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${t.handle().location}`.execute(t.db());
  const out: Buffer[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await sql<Record<string, unknown>>`
      select *, r::text as row_text from ${sql.table(table)} r`.execute(t.db());
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (Buffer.isBuffer(value)) out.push(value);
        else if (value !== null) out.push(Buffer.from(JSON.stringify(value), 'utf8'));
      }
    }
  }
  return out;
}

describe('PII vault: no plaintext at rest', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    it('leaves no canary PII and no unwrapped data key in the stored bytes', async () => {
      const org = await kit.organization();
      const ids = [];
      for (let i = 0; i < 20; i += 1) {
        ids.push(await kit.insertOrder(org, { buyerName: CANARY_NAME, postalCode: CANARY_POSTAL }));
      }
      const cli = { actor: { kind: 'cli', id: null } } as const;
      await kit.vault.rotateDataKey(org, cli);
      while ((await kit.vault.reencryptBatch(org, { limit: 7 })).cursor !== null);
      kit.clock.advance(60 * 60_000);
      expect(await kit.vault.retireUnreferencedKeys(org, cli)).toHaveLength(1);
      for (const id of ids.slice(0, 2)) {
        expect(await decryptOrder(kit.vault, org, await kit.readOrder(id))).toEqual({
          buyerName: CANARY_NAME,
          postalCode: CANARY_POSTAL,
        });
      }

      const master = createMasterKeys(kit.secrets);
      const keys = await t.db().selectFrom('data_keys').selectAll().execute();
      const wanted = needles();
      const rawKeys: Buffer[] = [];
      for (const row of keys.filter((k) => k.wrapped_key !== null)) {
        const key = await master.unwrap(row);
        rawKeys.push(Buffer.from(key));
        wipe(key);
      }
      expect(rawKeys.length).toBeGreaterThanOrEqual(2); // the current field key and the index key
      wanted.push(...rawKeys);

      const stored = t.dialect === 'sqlite' ? await sqliteFiles(t) : await postgresRows(t);
      expect(stored.length).toBeGreaterThan(0);
      const hits = stored.reduce((sum, bytes) => sum + findIn(bytes, wanted), 0);
      expect(hits).toBe(0);
      // the scan can see: the stored bytes do contain the ciphertexts it was handed
      const sample = (await kit.readOrder(ids[0] ?? '')).buyer_name_ciphertext ?? Buffer.alloc(1);
      const probe = sample.subarray(22, 54);
      expect(
        stored.some((bytes) => bytes.includes(probe) || bytes.includes(probe.toString('hex'))),
      ).toBe(true);
    });
  });
});
