import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { FIELD_CIPHERTEXT_OVERHEAD, keyIdOf } from './field-ciphertext.js';
import {
  BUYER_NAME,
  codeOf,
  createTestTable,
  createVaultKit,
  fieldOf,
  POSTAL_CODE,
  type VaultKit,
} from './testing/vault-fixtures.js';

beforeAll(ready);

const NAME = 'Zebediah Quillfeather';
const ROW = '5b0f7c38-1111-4a4a-9c9c-000000000001';
const OTHER_ROW = '5b0f7c38-1111-4a4a-9c9c-000000000002';

const flip = (bytes: Uint8Array, index: number): Uint8Array => {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
};

describe('PII vault: field encryption', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    let org: string;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
      org = await kit.organization();
    });
    afterAll(() => {
      kit.close();
    });

    it('round-trips text, the empty string, bytes and null', async () => {
      const { vault } = kit;
      const field = fieldOf(BUYER_NAME, ROW);
      for (const text of [NAME, '', 'Ünïcödé 名前 🙂', 'x'.repeat(10_000)]) {
        const sealed = await vault.encryptField(org, field, text);
        expect(sealed).toBeInstanceOf(Uint8Array);
        expect(await vault.decryptField(org, field, sealed)).toBe(text);
      }
      const bytes = new Uint8Array([0, 1, 2, 255]);
      const sealedBytes = await vault.encryptField(org, field, bytes);
      expect(await vault.decryptFieldBytes(org, field, sealedBytes)).toEqual(bytes);
      expect(await vault.encryptField(org, field, null)).toBeNull();
      expect(await vault.decryptField(org, field, null)).toBeNull();
      expect(await vault.decryptFieldBytes(org, field, null)).toBeNull();
    });

    it('hands out the key id to store beside a ciphertext', async () => {
      const field = fieldOf(BUYER_NAME, ROW);
      const cell = await kit.vault.encryptCell(org, field, NAME);
      expect(cell.keyId).toBe(keyIdOf(cell.ciphertext));
      expect(await kit.vault.decryptField(org, field, cell.ciphertext)).toBe(NAME);
    });

    it('makes self-describing ciphertexts with a fresh nonce each time', async () => {
      const field = fieldOf(BUYER_NAME, ROW);
      const a = await kit.vault.encryptField(org, field, NAME);
      const b = await kit.vault.encryptField(org, field, NAME);
      if (a === null || b === null) throw new Error('expected ciphertexts');
      expect(a.length).toBe(Buffer.byteLength(NAME) + FIELD_CIPHERTEXT_OVERHEAD);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
      const [key] = (await kit.vault.listKeys(org)).filter((k) => k.purpose === 'pii-field');
      expect(keyIdOf(a)).toBe(key?.id);
      expect(key).toMatchObject({ version: 1, scope: 'default', state: 'current' });
      expect(Buffer.from(a).includes(Buffer.from(NAME))).toBe(false);
    });

    it('refuses a ciphertext moved to another row, column, table or organization', async () => {
      const field = fieldOf(BUYER_NAME, ROW);
      const sealed = await kit.vault.encryptField(org, field, NAME);
      const otherOrg = await kit.organization();
      await kit.vault.encryptField(otherOrg, field, 'someone else'); // the other org has keys too
      const moved = [
        kit.vault.decryptField(org, fieldOf(BUYER_NAME, OTHER_ROW), sealed),
        kit.vault.decryptField(org, fieldOf(POSTAL_CODE, ROW), sealed),
        kit.vault.decryptField(otherOrg, field, sealed),
      ];
      for (const attempt of moved) expect(await codeOf(attempt)).toBe('DECRYPT_FAILED');
      kit.columns.register({ table: 'vault_other', column: 'name_ciphertext', keyIdColumn: 'k' });
      const otherTable = { table: 'vault_other', column: 'name_ciphertext', rowId: ROW };
      expect(await codeOf(kit.vault.decryptField(org, otherTable, sealed))).toBe('DECRYPT_FAILED');
    });

    it('refuses every flipped byte: header, key id, version, nonce, ciphertext and tag', async () => {
      const field = fieldOf(POSTAL_CODE, ROW);
      const sealed = await kit.vault.encryptField(org, field, '97201');
      if (sealed === null) throw new Error('expected a ciphertext');
      const codes = new Set<string>();
      for (let i = 0; i < sealed.length; i += 1) {
        codes.add(await codeOf(kit.vault.decryptField(org, field, flip(sealed, i))));
      }
      expect([...codes].sort()).toEqual(['DECRYPT_FAILED', 'INVALID_CIPHERTEXT', 'KEY_NOT_FOUND']);
      expect(await codeOf(kit.vault.decryptField(org, field, sealed.subarray(0, 40)))).toBe(
        'INVALID_CIPHERTEXT',
      );
      expect(await kit.vault.decryptField(org, field, sealed)).toBe('97201');
    });

    it('refuses unregistered columns, malformed references and unpaired surrogates', async () => {
      const unregistered = { table: 'orders', column: 'notes_ciphertext', rowId: ROW };
      expect(await codeOf(kit.vault.encryptField(org, unregistered, NAME))).toBe(
        'UNREGISTERED_COLUMN',
      );
      expect(await codeOf(kit.vault.encryptField(org, fieldOf(BUYER_NAME, ''), NAME))).toBe(
        'INVALID_INPUT',
      );
      expect(await codeOf(kit.vault.encryptField('', fieldOf(BUYER_NAME, ROW), NAME))).toBe(
        'INVALID_INPUT',
      );
      expect(await codeOf(kit.vault.encryptField(org, fieldOf(BUYER_NAME, ROW), 'a\uD800b'))).toBe(
        'INVALID_INPUT',
      );
      const badScope = kit.vault.encryptField(org, fieldOf(BUYER_NAME, ROW), NAME, {
        scope: 'Period 1',
      });
      expect(await codeOf(badScope)).toBe('INVALID_INPUT');
    });

    it('puts no plaintext, key or ciphertext in its errors', async () => {
      const field = fieldOf(BUYER_NAME, ROW);
      const sealed = await kit.vault.encryptField(org, field, NAME);
      const failure = await kit.vault
        .decryptField(org, fieldOf(BUYER_NAME, OTHER_ROW), sealed)
        .catch((error: unknown) => error);
      const text = `${String(failure)} ${JSON.stringify(failure)} ${(failure as Error).stack ?? ''}`;
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(OTHER_ROW);
      expect(text).not.toContain(
        Buffer.from(sealed ?? [])
          .toString('hex')
          .slice(0, 16),
      );
      expect(text).not.toContain(
        Buffer.from(sealed ?? [])
          .toString('base64')
          .slice(0, 16),
      );
    });

    it('round-trips arbitrary Unicode text (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uuid(),
          async (text, rowId) => {
            const field = fieldOf(BUYER_NAME, rowId);
            const sealed = await kit.vault.encryptField(org, field, text);
            expect(await kit.vault.decryptField(org, field, sealed)).toBe(text);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('keeps the data key only wrapped in the database, under the master key', async () => {
      const rows = await t.db().selectFrom('data_keys').selectAll().execute();
      expect(rows.length).toBeGreaterThan(0);
      const masterVersion = (await kit.secrets.versions('masterKey')).at(-1)?.id;
      for (const row of rows) {
        expect(row.wrapped_key?.length).toBe(32 + 41); // key + envelope overhead
        expect(row.master_key_version).toBe(masterVersion);
      }
    });
  });
});
