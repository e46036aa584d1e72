/**
 * Envelope encryption of keys: a data key is stored only wrapped (encrypted) by a
 * key-encryption key (KEK) held by the secrets provider. A wrapped key is an ordinary
 * version-1 AEAD envelope (see aead.ts) whose associated data binds it to its key id and
 * purpose, under a domain tag of its own, so it can neither be unwrapped as another key nor
 * be confused with an encrypted PII value.
 */
import { aeadDecrypt, aeadEncrypt, KEY_BYTES } from './aead.js';
import { assertLength, utf8 } from './bytes.js';
import { CryptoError } from './crypto-error.js';

export interface KeyWrapContext {
  /** Stable id of the data key being wrapped (stored beside the wrapped bytes). */
  readonly keyId: string;
  /** What the key is for, e.g. `pii-field`, `blind-index`, `audit-signing`. */
  readonly purpose: string;
}

const DOMAIN = 'spapi:key-wrap:v1';
const MIN_WRAPPED_KEY = 16;
const MAX_WRAPPED_KEY = 64;

function wrapAssociatedData({ keyId, purpose }: KeyWrapContext): Uint8Array {
  if (keyId.length === 0 || purpose.length === 0) {
    throw new CryptoError('INVALID_INPUT', 'key id and purpose are required');
  }
  // A JSON array is an unambiguous encoding: ("a:b", "c") and ("a", "b:c") differ.
  return utf8(JSON.stringify([DOMAIN, keyId, purpose]));
}

/** Wraps `dataKey` (16–64 bytes: AEAD keys, Ed25519 secret keys) under `kek`. */
export function wrapKey(kek: Uint8Array, dataKey: Uint8Array, context: KeyWrapContext): Uint8Array {
  assertLength(kek, KEY_BYTES, 'key-encryption key');
  if (dataKey.length < MIN_WRAPPED_KEY || dataKey.length > MAX_WRAPPED_KEY) {
    throw new CryptoError('INVALID_INPUT', 'data key must be 16 to 64 bytes');
  }
  return aeadEncrypt(kek, dataKey, wrapAssociatedData(context));
}

/** Unwraps a key wrapped with the same KEK, key id and purpose; otherwise `DECRYPT_FAILED`. */
export function unwrapKey(
  kek: Uint8Array,
  wrapped: Uint8Array,
  context: KeyWrapContext,
): Uint8Array {
  assertLength(kek, KEY_BYTES, 'key-encryption key');
  return aeadDecrypt(kek, wrapped, wrapAssociatedData(context));
}
