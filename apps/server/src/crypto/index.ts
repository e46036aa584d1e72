// The server's crypto module: the one place that calls libsodium (STYLE.md rule 7). Feature
// code imports from here only. Await `ready()` once at start-up; the functions below are then
// synchronous, except password hashing, which runs in a worker thread.
//
// Key material is `Uint8Array`; call `wipe()` on keys and plaintexts you no longer need.

export { ready } from './sodium.js';
export { CryptoError, CryptoErrorCode, isCryptoError } from './crypto-error.js';
export { randomBytes, toHex, wipe, type BytesLike } from './bytes.js';
export {
  aeadDecrypt,
  aeadDecryptText,
  aeadEncrypt,
  ENVELOPE_OVERHEAD,
  ENVELOPE_VERSION,
  generateKey,
  KEY_BYTES,
} from './aead.js';
export { unwrapKey, wrapKey, type KeyWrapContext } from './key-wrap.js';
export {
  blake2bHex,
  constantTimeEqual,
  hashToken,
  keyedHash,
  randomToken,
  sha256Hex,
} from './hashing.js';
export {
  generateSigningKeyPair,
  sign,
  SIGNING_SECRET_KEY_BYTES,
  signingPublicKey,
  verify,
  SIGNATURE_BYTES,
  SIGNING_PUBLIC_KEY_BYTES,
  type SigningKeyPair,
} from './signing.js';
export { deriveKeyFromPassphrase, generateKdfSalt, KDF_SALT_BYTES } from './passphrase-key.js';
export {
  createPasswordHasher,
  PASSWORD_PROFILES,
  passwordCost,
  type Argon2idCost,
  type PasswordHasher,
  type PasswordHasherOptions,
  type PasswordProfileName,
} from './password.js';
