import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { blindIndexInput, normalisePersonName, normalisePostalCode } from './blind-index.js';
import {
  codeOf,
  createTestTable,
  createVaultKit,
  TEST_TABLE,
  type VaultKit,
} from './testing/vault-fixtures.js';

beforeAll(ready);

describe('blind index normalisation', () => {
  it('folds case, whitespace and compatibility forms of names', () => {
    const same = [
      'Jane Q. Example',
      '  jane   q.  EXAMPLE ',
      'JANE\tQ.\nExample',
      'Ｊａｎｅ\u00a0Ｑ. Example', // full-width letters, no-break space
    ];
    for (const name of same) expect(normalisePersonName(name)).toBe('jane q. example');
    expect(normalisePersonName('Straße')).toBe(normalisePersonName('STRASSE'));
    expect(normalisePersonName('STRAẞE')).toBe('strasse'); // capital sharp s: two folding rounds
    expect(normalisePersonName('Jane Example')).not.toBe(normalisePersonName('Jane Exampel'));
  });

  it('drops spaces and dashes from postal codes and upper-cases them', () => {
    for (const code of ['sw1a 1aa', 'SW1A-1AA', ' sw1a\u20101aa ', 'ｓｗ１ａ　１ａａ']) {
      expect(normalisePostalCode(code)).toBe('SW1A1AA');
    }
    expect(normalisePostalCode('97201-1234')).toBe('972011234');
    expect(normalisePostalCode('97201')).not.toBe(normalisePostalCode('97202'));
  });

  it('gives no index for null or for what normalises to nothing', () => {
    expect(blindIndexInput('person-name', null)).toBeNull();
    expect(blindIndexInput('person-name', ' \t ')).toBeNull();
    expect(blindIndexInput('postal-code', ' - ')).toBeNull();
  });

  it('is idempotent on arbitrary Unicode (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        const name = normalisePersonName(value);
        const postal = normalisePostalCode(value);
        expect(normalisePersonName(name)).toBe(name);
        expect(normalisePostalCode(postal)).toBe(postal);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('PII vault: blind indexes', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    it('are equal for equal normalised values and differ otherwise', async () => {
      const org = await kit.organization();
      const index = (kind: 'person-name' | 'postal-code', value: string | null) =>
        kit.vault.blindIndex(org, kind, value);
      const a = await index('person-name', 'Jane Q. Example');
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(await index('person-name', '  JANE q.   example')).toBe(a);
      expect(await index('person-name', 'Jane Q. Exampel')).not.toBe(a);
      expect(await index('postal-code', 'sw1a 1aa')).toBe(await index('postal-code', 'SW1A-1AA'));
      // the same text as a name and as a postal code: unrelated values
      expect(await index('postal-code', 'janeq.example')).not.toBe(
        await index('person-name', 'janeq.example'),
      );
      expect(await index('postal-code', null)).toBeNull();
      expect(await codeOf(kit.vault.blindIndex(org, 'email' as 'postal-code', 'x'))).toBe(
        'INVALID_INPUT',
      );
    });

    it('differ between organizations and use a key of their own', async () => {
      const [one, two] = [await kit.organization(), await kit.organization()];
      const first = await kit.vault.blindIndex(one, 'postal-code', '97201');
      const second = await kit.vault.blindIndex(two, 'postal-code', '97201');
      expect(first).not.toBe(second);
      const keys = await kit.vault.listKeys(one);
      expect(keys.map((k) => k.purpose)).toEqual(['blind-index']);
      await kit.vault.encryptField(
        one,
        { table: TEST_TABLE, column: 'postal_code_ciphertext', rowId: 'r1' },
        '97201',
      );
      const purposes = (await kit.vault.listKeys(one)).map((k) => k.purpose).sort();
      expect(purposes).toEqual(['blind-index', 'pii-field']);
    });

    it('find a row by exact postal code and by buyer name', async () => {
      const org = await kit.organization();
      const wanted = await kit.insertOrder(org, {
        buyerName: 'Ada Lovelace',
        postalCode: 'EC1A 1BB',
      });
      await kit.insertOrder(org, { buyerName: 'Charles Babbage', postalCode: 'EC1A 1BC' });
      const other = await kit.organization();
      await kit.insertOrder(other, { buyerName: 'Ada Lovelace', postalCode: 'EC1A 1BB' });

      const byPostal = await kit.vault.blindIndex(org, 'postal-code', 'ec1a-1bb');
      const byName = await kit.vault.blindIndex(org, 'person-name', 'ADA  LOVELACE');
      const { rows } = await sql<{ id: string }>`
        select id from ${sql.table(TEST_TABLE)}
        where organization_id = ${org} and postal_code_bidx = ${byPostal}
          and buyer_name_bidx = ${byName}`.execute(t.db());
      expect(rows.map((r) => r.id)).toEqual([wanted]);
      const { rows: anywhere } = await sql<{ id: string }>`
        select id from ${sql.table(TEST_TABLE)} where postal_code_bidx = ${byPostal}`.execute(
        t.db(),
      );
      expect(anywhere.map((r) => r.id)).toEqual([wanted]); // the other org's index differs
    });
  });
});
