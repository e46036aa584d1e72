/**
 * Sealing and opening one field value with a given data key: the crypto module's AEAD envelope
 * inside the field ciphertext format (field-ciphertext.ts). No key lookup here.
 */
import { aeadDecrypt, aeadEncrypt, CryptoError } from '../crypto/index.js';
import type { FieldRef } from './encrypted-columns.js';
import {
  assembleFieldCiphertext,
  fieldAssociatedData,
  type FieldKeyRef,
  type ParsedFieldCiphertext,
} from './field-ciphertext.js';
import { PiiVaultError } from './pii-vault-error.js';

/** Text, or bytes (a document); text is encrypted as its UTF-8 bytes. */
export type FieldPlaintext = string | Uint8Array;

/** Unpaired UTF-16 surrogates: they cannot be encoded as UTF-8 without changing the value. */
const LONE_SURROGATE = /\p{Cs}/u;

export function assertPlaintext(plaintext: unknown): asserts plaintext is FieldPlaintext {
  if (plaintext instanceof Uint8Array) return;
  if (typeof plaintext !== 'string' || LONE_SURROGATE.test(plaintext)) {
    throw new PiiVaultError('INVALID_INPUT', 'plaintext must be bytes or well-formed text');
  }
}

export function sealField(
  key: Uint8Array,
  keyRef: FieldKeyRef,
  organizationId: string,
  field: FieldRef,
  plaintext: FieldPlaintext,
): Uint8Array {
  const ad = fieldAssociatedData(organizationId, field, keyRef);
  return assembleFieldCiphertext(keyRef, aeadEncrypt(key, plaintext, ad));
}

/** Opens a parsed field ciphertext; the caller owns (and wipes) the plaintext bytes. */
export function openField(
  key: Uint8Array,
  organizationId: string,
  field: FieldRef,
  parsed: ParsedFieldCiphertext,
): Uint8Array {
  try {
    return aeadDecrypt(key, parsed.envelope, fieldAssociatedData(organizationId, field, parsed));
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    const code = error.code === 'INVALID_ENVELOPE' ? 'INVALID_CIPHERTEXT' : 'DECRYPT_FAILED';
    throw new PiiVaultError(code, undefined, { cause: error });
  }
}
