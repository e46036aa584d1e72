import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { createAuditTrail, createInMemorySigningKeyProvider } from '../audit/index.js';
import { failingAuditStore } from '../audit/testing/audit-fixtures.js';
import { ready } from '../crypto/index.js';
import { replaceCell, selectCellsByKeys } from './encrypted-column.queries.js';
import { createEncryptedColumnRegistry } from './encrypted-columns.js';
import { keyIdOf } from './field-ciphertext.js';
import type { ReencryptCursor } from './reencrypt.js';
import {
  codeOf,
  createTestTable,
  createVaultKit,
  decryptOrder,
  TEST_TABLE,
  type VaultKit,
} from './testing/vault-fixtures.js';

beforeAll(ready);

const CLI = { actor: { kind: 'cli', id: null } } as const;
const MINUTE = 60_000;

describe('PII vault: data key rotation, re-encryption and retirement', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    const keyRows = (org: string) =>
      t.db().selectFrom('data_keys').selectAll().where('organization_id', '=', org).execute();
    const auditOf = async (org: string | null, phase: string) => {
      const rows = await t
        .db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('action', '=', 'key.rotate')
        .orderBy('seq')
        .execute();
      return rows.filter(
        (row) =>
          row.organization_id === org &&
          (JSON.parse(row.details_json) as { phase?: string }).phase === phase,
      );
    };
    const fieldKeyIds = async (org: string): Promise<string[]> => {
      const { rows } = await sql<{ k: string }>`
        select buyer_name_key_id as k from ${sql.table(TEST_TABLE)} where organization_id = ${org}
        union all
        select postal_code_key_id as k from ${sql.table(TEST_TABLE)} where organization_id = ${org}
      `.execute(t.db());
      return rows.map((r) => r.k);
    };

    it('makes new writes use the new version at once; old values still open', async () => {
      const org = await kit.organization();
      const before = await kit.insertOrder(org, { buyerName: 'Old Name', postalCode: '10001' });
      const rotated = await kit.vault.rotateDataKey(org, CLI);
      expect(rotated).toMatchObject({ version: 2, scope: 'default', state: 'current' });
      const after = await kit.insertOrder(org, { buyerName: 'New Name', postalCode: '10002' });
      expect((await kit.readOrder(after)).buyer_name_key_id).toBe(rotated.id);
      expect((await kit.readOrder(before)).buyer_name_key_id).not.toBe(rotated.id);
      expect(await decryptOrder(kit.vault, org, await kit.readOrder(before))).toEqual({
        buyerName: 'Old Name',
        postalCode: '10001',
      });
      const states = (await kit.vault.listKeys(org))
        .filter((k) => k.purpose === 'pii-field')
        .map((k) => [k.version, k.state]);
      expect(states).toEqual([
        [1, 'previous'],
        [2, 'current'],
      ]);
      const [created] = await auditOf(org, 'create');
      const [rotation] = await auditOf(org, 'rotate');
      expect(created).toMatchObject({ actor_kind: 'system', target_type: 'key' });
      expect(rotation).toMatchObject({
        actor_kind: 'cli',
        target_type: 'key',
        target_id: rotated.id,
        outcome: 'success',
      });
      expect(JSON.parse(rotation?.details_json ?? '{}')).toMatchObject({
        phase: 'rotate',
        purpose: 'pii-field',
        scope: 'default',
        version: 2,
      });
    });

    it('creates one first key when several processes start at once; rotations stack', async () => {
      const org = await kit.organization();
      const processes = [kit.vault, kit.secondVault(), kit.secondVault(), kit.secondVault()];
      const field = { table: TEST_TABLE, column: 'buyer_name_ciphertext', rowId: 'r' };
      const sealed = await Promise.all(processes.map((v) => v.encryptField(org, field, 'first')));
      expect(new Set(sealed.map((c) => keyIdOf(c ?? new Uint8Array()))).size).toBe(1);
      await Promise.all(processes.slice(0, 2).map((v) => v.rotateDataKey(org, CLI)));
      const versions = (await keyRows(org)).filter((k) => k.purpose === 'pii-field');
      expect(versions.map((k) => k.version).sort()).toEqual([1, 2, 3]);
      expect(await auditOf(org, 'create')).toHaveLength(1);
      expect(await auditOf(org, 'rotate')).toHaveLength(2);
    });

    it('another process keeps the previous version at most for its cache lifetime', async () => {
      const org = await kit.organization();
      const other = kit.secondVault({ cache: { ttlMs: 5 * MINUTE } });
      await kit.insertOrder(org, { buyerName: 'A', postalCode: '1' });
      const field = { table: TEST_TABLE, column: 'buyer_name_ciphertext', rowId: 'x' };
      const v1 = keyIdOf((await other.encryptField(org, field, 'A')) ?? new Uint8Array());
      const rotated = await kit.vault.rotateDataKey(org, CLI);
      expect(keyIdOf((await other.encryptField(org, field, 'A')) ?? new Uint8Array())).toBe(v1);
      kit.clock.advance(5 * MINUTE);
      expect(keyIdOf((await other.encryptField(org, field, 'A')) ?? new Uint8Array())).toBe(
        rotated.id,
      );
    });

    it('re-encrypts in resumable, idempotent batches, then retires the old version', async () => {
      const org = await kit.organization();
      const names = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus'];
      const ids = [];
      for (const [i, name] of names.entries()) {
        ids.push(await kit.insertOrder(org, { buyerName: name, postalCode: `2000${String(i)}` }));
      }
      const [v1] = (await keyRows(org)).filter((k) => k.purpose === 'pii-field');
      const v2 = await kit.vault.rotateDataKey(org, CLI);

      // 14 cells in batches of 4, the cursor persisted as JSON and handed to a new process
      let cursor: ReencryptCursor | null = null;
      let rewritten = 0;
      const cursors: (ReencryptCursor | null)[] = [];
      do {
        const worker = kit.secondVault();
        const saved = JSON.parse(JSON.stringify(cursor)) as ReencryptCursor | null;
        const batch = await worker.reencryptBatch(org, { cursor: saved, limit: 4 });
        worker.close();
        expect(batch.unreadable).toEqual([]);
        rewritten += batch.rewritten;
        cursor = batch.cursor;
        cursors.push(cursor);
      } while (cursor !== null);
      expect(rewritten).toBe(14);
      expect(cursors.slice(0, 2).map((c) => c?.column)).toEqual([
        `${TEST_TABLE}.buyer_name_ciphertext`,
        `${TEST_TABLE}.postal_code_ciphertext`,
      ]);
      expect(new Set(await fieldKeyIds(org))).toEqual(new Set([v2.id]));
      for (const [i, id] of ids.entries()) {
        expect(await decryptOrder(kit.vault, org, await kit.readOrder(id))).toEqual({
          buyerName: names[i],
          postalCode: `2000${String(i)}`,
        });
      }
      const again = await kit.vault.reencryptBatch(org);
      expect(again).toEqual({ scanned: 0, rewritten: 0, skipped: 0, unreadable: [], cursor: null });

      // retired only after the grace period (other processes' caches), then erased and audited
      expect(await kit.vault.retireUnreferencedKeys(org, CLI)).toEqual([]);
      kit.clock.advance(15 * MINUTE);
      const retired = await kit.vault.retireUnreferencedKeys(org, CLI);
      expect(retired.map((k) => [k.id, k.state])).toEqual([[v1?.id, 'retired']]);
      const row = (await keyRows(org)).find((k) => k.id === v1?.id);
      expect(row).toMatchObject({ wrapped_key: null, master_key_version: null });
      expect(row?.retired_at).toBe(kit.clock.now());
      expect(retired[0]?.masterKeyVersion).toBeNull();
      const [entry] = await auditOf(org, 'retire');
      expect(entry).toMatchObject({ target_id: v1?.id, outcome: 'success' });
      expect(await kit.vault.retireUnreferencedKeys(org, CLI)).toEqual([]);
    });

    it('leaves values that do not open, reports them, and keeps their key', async () => {
      const org = await kit.organization();
      const good = await kit.insertOrder(org, { buyerName: 'Good', postalCode: '30001' });
      const bad = await kit.insertOrder(org, { buyerName: 'Bad', postalCode: '30002' });
      const tampered = Buffer.from((await kit.readOrder(bad)).buyer_name_ciphertext ?? []);
      tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
      await sql`update ${sql.table(TEST_TABLE)} set buyer_name_ciphertext = ${tampered}
                where id = ${bad}`.execute(t.db());
      const v2 = await kit.vault.rotateDataKey(org, CLI);
      const batch = await kit.vault.reencryptBatch(org);
      expect(batch).toMatchObject({ scanned: 4, rewritten: 3, skipped: 0, cursor: null });
      expect(batch.unreadable).toEqual([
        { table: TEST_TABLE, column: 'buyer_name_ciphertext', rowId: bad },
      ]);
      expect((await kit.readOrder(bad)).buyer_name_ciphertext).toEqual(tampered);
      expect((await kit.readOrder(good)).buyer_name_key_id).toBe(v2.id);
      kit.clock.advance(15 * MINUTE);
      expect(await kit.vault.retireUnreferencedKeys(org, CLI)).toEqual([]);
      const refs = await kit.vault.countReferences(org);
      expect(refs.get(v2.id)).toBe(3);
      expect([...refs.values()].reduce((a, b) => a + b)).toBe(4);
    });

    it('never overwrites a value written after a batch read it (compare-and-set)', async () => {
      const org = await kit.organization();
      const id = await kit.insertOrder(org, { buyerName: 'Before', postalCode: null });
      const field = { table: TEST_TABLE, column: 'buyer_name_ciphertext', rowId: id };
      const column = kit.columns.resolve(field);
      const v1 = (await kit.readOrder(id)).buyer_name_key_id ?? '';
      const [cell] = await selectCellsByKeys(t.db(), column, org, [v1], null, 10);
      if (cell?.ciphertext == null) throw new Error('expected the cell');
      const newer =
        (await kit.vault.encryptField(org, field, 'Written meanwhile')) ?? cell.ciphertext;
      await sql`update ${sql.table(TEST_TABLE)}
                set buyer_name_ciphertext = ${newer}, buyer_name_key_id = ${keyIdOf(newer)}
                where id = ${id}`.execute(t.db());
      const replaced = await replaceCell(
        t.db(),
        column,
        org,
        { ...cell, ciphertext: cell.ciphertext },
        {
          ciphertext: cell.ciphertext,
          keyId: v1,
        },
      );
      expect(replaced).toBe(false);
      expect((await decryptOrder(kit.vault, org, await kit.readOrder(id))).buyerName).toBe(
        'Written meanwhile',
      );
    });

    it('picks up what a process still writing with the previous version wrote', async () => {
      const org = await kit.organization();
      const id = await kit.insertOrder(org, { buyerName: 'Before', postalCode: null });
      const stale = kit.secondVault(); // remembers v1 as current for its cache lifetime
      const field = { table: TEST_TABLE, column: 'buyer_name_ciphertext', rowId: id };
      await stale.encryptField(org, field, 'warm-up');
      const v2 = await kit.vault.rotateDataKey(org, CLI);
      expect((await kit.vault.reencryptBatch(org)).rewritten).toBe(1);
      const late = (await stale.encryptField(org, field, 'Written late')) ?? new Uint8Array();
      expect(keyIdOf(late)).not.toBe(v2.id);
      await sql`update ${sql.table(TEST_TABLE)}
                set buyer_name_ciphertext = ${late}, buyer_name_key_id = ${keyIdOf(late)}
                where id = ${id}`.execute(t.db());
      expect((await kit.vault.reencryptBatch(org)).rewritten).toBe(1);
      const order = await kit.readOrder(id);
      expect(order.buyer_name_key_id).toBe(v2.id);
      expect((await decryptOrder(kit.vault, org, order)).buyerName).toBe('Written late');
    });

    it('refuses to retire when no column is registered, and a bad cursor or limit', async () => {
      const org = await kit.organization();
      const bare = kit.secondVault({ columns: createEncryptedColumnRegistry() });
      expect(await codeOf(bare.retireUnreferencedKeys(org, CLI))).toBe('INVALID_INPUT');
      await kit.insertOrder(org, { buyerName: 'A', postalCode: null });
      await kit.vault.rotateDataKey(org, CLI);
      const cursor = { column: 'orders.nope', afterRowId: null };
      expect(await codeOf(kit.vault.reencryptBatch(org, { cursor }))).toBe('INVALID_INPUT');
      expect(await codeOf(kit.vault.reencryptBatch(org, { limit: 0 }))).toBe('INVALID_INPUT');
    });

    it('commits no rotation whose audit entry cannot be written', async () => {
      const org = await kit.organization();
      await kit.insertOrder(org, { buyerName: 'A', postalCode: null });
      const failing = kit.secondVault({
        audit: createAuditTrail({
          db: t.db().withPlugin(failingAuditStore),
          signingKeys: createInMemorySigningKeyProvider(),
        }),
      });
      expect(await codeOf(failing.rotateDataKey(org, CLI))).toBe('INTERNAL');
      const versions = (await keyRows(org)).filter((k) => k.purpose === 'pii-field');
      expect(versions.map((k) => k.version)).toEqual([1]);
    });
  });
});

describe('PII vault: master key rotation', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    it('re-wraps every live data key without touching a field ciphertext', async () => {
      const orgs = [await kit.organization(), await kit.organization()];
      const orders = [];
      for (const org of orgs) {
        orders.push({ org, id: await kit.insertOrder(org, { buyerName: 'M', postalCode: 'K1' }) });
      }
      await kit.vault.rotateDataKey(orgs[0] ?? '', CLI); // 2 orgs × (field + index) + 1 rotation
      const before = await Promise.all(orders.map(({ id }) => kit.readOrder(id)));
      const oldMaster = (await kit.secrets.versions('masterKey')).at(-1)?.id;
      const newMaster = await kit.secrets.rotate('masterKey');

      const result = await kit.vault.rewrapDataKeys(CLI, { batchSize: 2 });
      expect(result).toEqual({ rewrapped: 5, masterKeyVersion: newMaster });
      expect(await kit.vault.masterKeyUsage()).toEqual(new Map([[newMaster, 5]]));
      expect(oldMaster).not.toBe(newMaster);
      const after = await Promise.all(orders.map(({ id }) => kit.readOrder(id)));
      expect(after).toEqual(before);
      const fresh = kit.secondVault(); // nothing cached: unwraps under the new master version
      for (const [i, { org }] of orders.entries()) {
        expect(await decryptOrder(fresh, org, after[i] ?? before[0]!)).toEqual({
          buyerName: 'M',
          postalCode: 'K1',
        });
      }
      const entries = await t
        .db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('action', '=', 'key.rotate')
        .where('target_id', '=', 'masterKey')
        .execute();
      expect(entries).toHaveLength(1);
      expect(JSON.parse(entries[0]?.details_json ?? '{}')).toEqual({
        phase: 'rewrap',
        masterKeyVersion: newMaster,
        keys: 5,
      });
      expect(await kit.vault.rewrapDataKeys(CLI)).toEqual({
        rewrapped: 0,
        masterKeyVersion: newMaster,
      });
    });
  });
});
