import { beforeAll, describe, expect, it } from 'vitest';
import { aeadDecrypt, aeadEncrypt, generateKey } from './aead.js';
import { CryptoError } from './crypto-error.js';
import { unwrapKey, wrapKey } from './key-wrap.js';
import { generateSigningKeyPair } from './signing.js';
import { ready } from './sodium.js';

beforeAll(ready);

const context = { keyId: 'dk-2025-01', purpose: 'pii-field' } as const;

const failsToUnwrap = (work: () => unknown): boolean => {
  try {
    work();
    return false;
  } catch (error) {
    return error instanceof CryptoError && error.code === 'DECRYPT_FAILED';
  }
};

describe('wrapKey / unwrapKey', () => {
  const kek = generateKey();

  it('round-trips data keys and signing keys', () => {
    const dataKey = generateKey();
    expect(unwrapKey(kek, wrapKey(kek, dataKey, context), context)).toEqual(dataKey);
    const { secretKey } = generateSigningKeyPair();
    const signing = { keyId: 'audit-1', purpose: 'audit-signing' };
    expect(unwrapKey(kek, wrapKey(kek, secretKey, signing), signing)).toEqual(secretKey);
  });

  it('binds the key id and the purpose', () => {
    const wrapped = wrapKey(kek, generateKey(), context);
    expect(failsToUnwrap(() => unwrapKey(kek, wrapped, { ...context, keyId: 'dk-2025-02' }))).toBe(
      true,
    );
    expect(
      failsToUnwrap(() => unwrapKey(kek, wrapped, { ...context, purpose: 'blind-index' })),
    ).toBe(true);
    expect(failsToUnwrap(() => unwrapKey(generateKey(), wrapped, context))).toBe(true);
  });

  it('cannot be confused with an encrypted value, or split ambiguously', () => {
    const wrapped = wrapKey(kek, generateKey(), { keyId: 'a:b', purpose: 'c' });
    expect(failsToUnwrap(() => unwrapKey(kek, wrapped, { keyId: 'a', purpose: 'b:c' }))).toBe(true);
    expect(failsToUnwrap(() => aeadDecrypt(kek, wrapped, 'a:b:c'))).toBe(true);
    const value = aeadEncrypt(kek, generateKey(), 'dk-2025-01:pii-field');
    expect(failsToUnwrap(() => unwrapKey(kek, value, context))).toBe(true);
  });

  it('refuses empty context and odd key sizes', () => {
    expect(() => wrapKey(kek, generateKey(), { keyId: '', purpose: 'x' })).toThrow(CryptoError);
    expect(() => wrapKey(kek, new Uint8Array(8), context)).toThrow(CryptoError);
    expect(() => wrapKey(new Uint8Array(31), generateKey(), context)).toThrow(CryptoError);
  });
});
