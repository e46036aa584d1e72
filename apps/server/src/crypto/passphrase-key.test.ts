import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error.js';
import { deriveKeyFromPassphrase, generateKdfSalt, KDF_SALT_BYTES } from './passphrase-key.js';
import { PASSWORD_PROFILES } from './password.js';
import { ready } from './sodium.js';

beforeAll(ready);

const cost = PASSWORD_PROFILES.test;

describe('deriveKeyFromPassphrase (Argon2id)', () => {
  it('is deterministic for a passphrase and salt, and differs otherwise', () => {
    const salt = generateKdfSalt();
    expect(salt).toHaveLength(KDF_SALT_BYTES);
    const key = deriveKeyFromPassphrase('long passphrase', salt, cost, false);
    expect(key).toHaveLength(32);
    expect(deriveKeyFromPassphrase('long passphrase', salt, cost, false)).toEqual(key);
    expect(deriveKeyFromPassphrase('long passphrase!', salt, cost, false)).not.toEqual(key);
    expect(deriveKeyFromPassphrase('long passphrase', generateKdfSalt(), cost, false)).not.toEqual(
      key,
    );
  });

  it('refuses a weak cost in production, bad salts, empty passphrases and absurd costs', () => {
    const salt = generateKdfSalt();
    const code = (work: () => unknown): string | undefined => {
      try {
        work();
        return undefined;
      } catch (error) {
        return error instanceof CryptoError ? error.code : 'other';
      }
    };
    expect(code(() => deriveKeyFromPassphrase('p', salt, cost, true))).toBe('WEAK_PROFILE');
    expect(code(() => deriveKeyFromPassphrase('p', new Uint8Array(8), cost, false))).toBe(
      'INVALID_INPUT',
    );
    expect(code(() => deriveKeyFromPassphrase('', salt, cost, false))).toBe('INVALID_INPUT');
    const huge = { opslimit: 1, memlimit: 8 * 1024 * 1024 * 1024 };
    expect(code(() => deriveKeyFromPassphrase('p', salt, huge, false))).toBe('INVALID_INPUT');
  });
});
