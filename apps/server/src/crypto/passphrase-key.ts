/**
 * Key derivation from a passphrase with Argon2id (`crypto_pwhash`, ALG_ARGON2ID13), for the
 * secrets module's encrypted key file. Not for user passwords: those are stored as Argon2id
 * strings by `password.ts`. The salt and cost are stored beside the ciphertext they protect.
 *
 * Synchronous and memory-hard on purpose: it runs once at start-up (or in the admin CLI), never
 * on a request path.
 */
import { randomBytes, withBytes, type BytesLike } from './bytes.js';
import { KEY_BYTES } from './aead.js';
import { CryptoError } from './crypto-error.js';
import type { Argon2idCost } from './password.js';
import { PASSWORD_PROFILES } from './password.js';
import { sodium } from './sodium.js';

export const KDF_SALT_BYTES = 16;
const MIN_PASSPHRASE_BYTES = 1;
const MAX_PASSPHRASE_BYTES = 4096;
/** Bounds a stored cost so a tampered file cannot make start-up allocate gigabytes. */
const MAX_COST: Argon2idCost = { opslimit: 10, memlimit: 1024 * 1024 * 1024 };

/** A fresh random salt for {@link deriveKeyFromPassphrase}. */
export function generateKdfSalt(): Uint8Array {
  return randomBytes(KDF_SALT_BYTES);
}

/**
 * A 32-byte key from `passphrase` and `salt` with Argon2id. With `production` true any cost
 * below libsodium's INTERACTIVE is refused (`WEAK_PROFILE`). Wipe the result when done.
 */
export function deriveKeyFromPassphrase(
  passphrase: BytesLike,
  salt: Uint8Array,
  cost: Argon2idCost,
  production: boolean,
): Uint8Array {
  if (salt.length !== KDF_SALT_BYTES) throw new CryptoError('INVALID_INPUT', 'salt length');
  const lib = sodium();
  const floor = production ? PASSWORD_PROFILES.interactive : PASSWORD_PROFILES.test;
  if (cost.opslimit < floor.opslimit || cost.memlimit < floor.memlimit) {
    throw new CryptoError(production ? 'WEAK_PROFILE' : 'INVALID_INPUT', 'Argon2id cost');
  }
  if (cost.opslimit > MAX_COST.opslimit || cost.memlimit > MAX_COST.memlimit) {
    throw new CryptoError('INVALID_INPUT', 'Argon2id cost');
  }
  return withBytes(passphrase, (bytes) => {
    if (bytes.length < MIN_PASSPHRASE_BYTES || bytes.length > MAX_PASSPHRASE_BYTES) {
      throw new CryptoError('INVALID_INPUT', 'passphrase length');
    }
    return lib.crypto_pwhash(
      KEY_BYTES,
      bytes,
      salt,
      cost.opslimit,
      cost.memlimit,
      lib.crypto_pwhash_ALG_ARGON2ID13,
    );
  });
}
