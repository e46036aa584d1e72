import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEncryptedColumnRegistry } from './encrypted-columns.js';
import {
  assembleFieldCiphertext,
  fieldAssociatedData,
  FIELD_HEADER_BYTES,
  keyIdOf,
  parseFieldCiphertext,
} from './field-ciphertext.js';
import { isPiiVaultError } from './pii-vault-error.js';

const codeOf = (work: () => unknown): string => {
  try {
    work();
    return 'returned';
  } catch (error) {
    return isPiiVaultError(error) ? error.code : 'not a PiiVaultError';
  }
};

describe('field ciphertext format', () => {
  const keyId = randomUUID();
  const envelope = new Uint8Array(41).fill(0xab);

  it('writes format, key id and version before the envelope, and reads them back', () => {
    const sealed = assembleFieldCiphertext({ keyId, version: 258 }, envelope);
    expect([...sealed.subarray(0, 2)]).toEqual([0x46, 0x01]);
    expect(Buffer.from(sealed.subarray(2, 18)).toString('hex')).toBe(keyId.replaceAll('-', ''));
    expect([...sealed.subarray(18, 22)]).toEqual([0, 0, 1, 2]);
    expect(parseFieldCiphertext(sealed)).toEqual({ keyId, version: 258, envelope });
    expect(keyIdOf(sealed)).toBe(keyId);
    expect(FIELD_HEADER_BYTES).toBe(22);
  });

  it('refuses what is not a field ciphertext', () => {
    const sealed = assembleFieldCiphertext({ keyId, version: 1 }, envelope);
    expect(codeOf(() => parseFieldCiphertext(sealed.subarray(0, 62)))).toBe('INVALID_CIPHERTEXT');
    const wrongFormat = sealed.slice();
    wrongFormat[0] = 0x01; // a bare crypto envelope starts with 0x01
    expect(codeOf(() => parseFieldCiphertext(wrongFormat))).toBe('INVALID_CIPHERTEXT');
    const versionZero = assembleFieldCiphertext({ keyId, version: 1 }, envelope);
    versionZero[21] = 0;
    expect(codeOf(() => parseFieldCiphertext(versionZero))).toBe('INVALID_CIPHERTEXT');
    expect(codeOf(() => assembleFieldCiphertext({ keyId: 'k1', version: 1 }, envelope))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => assembleFieldCiphertext({ keyId, version: 0 }, envelope))).toBe(
      'INVALID_INPUT',
    );
  });

  it('binds organization, table, column, row, key id and version unambiguously', () => {
    const key = { keyId, version: 1 };
    const base = fieldAssociatedData('org-1', { table: 'a', column: 'b_c', rowId: 'r' }, key);
    const variants = [
      fieldAssociatedData('org-2', { table: 'a', column: 'b_c', rowId: 'r' }, key),
      fieldAssociatedData('org-1', { table: 'a_b', column: 'c', rowId: 'r' }, key),
      fieldAssociatedData('org-1', { table: 'a', column: 'b_c', rowId: 'r2' }, key),
      fieldAssociatedData(
        'org-1',
        { table: 'a', column: 'b_c', rowId: 'r' },
        { keyId, version: 2 },
      ),
      fieldAssociatedData(
        'org-1',
        { table: 'a', column: 'b_c', rowId: 'r' },
        {
          keyId: randomUUID(),
          version: 1,
        },
      ),
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
  });
});

describe('encrypted column registry', () => {
  it('resolves registered columns with their defaults', () => {
    const registry = createEncryptedColumnRegistry([
      { table: 'orders', column: 'buyer_name_ciphertext', keyIdColumn: 'buyer_name_key_id' },
    ]);
    expect(registry.resolve({ table: 'orders', column: 'buyer_name_ciphertext' })).toEqual({
      table: 'orders',
      column: 'buyer_name_ciphertext',
      keyIdColumn: 'buyer_name_key_id',
      idColumn: 'id',
      organizationColumn: 'organization_id',
    });
    expect(codeOf(() => registry.resolve({ table: 'orders', column: 'notes' }))).toBe(
      'UNREGISTERED_COLUMN',
    );
  });

  it('refuses duplicates and identifiers that are not lower-case snake_case', () => {
    const registry = createEncryptedColumnRegistry();
    const column = { table: 'orders', column: 'x_ciphertext', keyIdColumn: 'x_key_id' };
    registry.register(column);
    expect(
      codeOf(() => {
        registry.register(column);
      }),
    ).toBe('INVALID_INPUT');
    for (const bad of ['Orders', 'orders; drop table users', 'o"rders', '', '1orders']) {
      expect(
        codeOf(() => {
          registry.register({ ...column, table: bad });
        }),
      ).toBe('INVALID_INPUT');
    }
    expect(registry.columns()).toHaveLength(1);
  });
});
