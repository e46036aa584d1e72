/**
 * The field ciphertext: what a `*_ciphertext` column holds. Self-describing, so a value can be
 * opened (and re-encrypted) knowing only where it sits.
 *
 *   offset 0     1 byte    format 0x46 ('F', field ciphertext)
 *   offset 1     1 byte    format version 0x01
 *   offset 2    16 bytes   data key id (a UUID, binary)
 *   offset 18    4 bytes   data key version (uint32, big-endian)
 *   offset 22    …         crypto envelope v1: version byte, 24-byte nonce, ciphertext, 16-byte tag
 *
 * The associated data is `["spapi:pii-field:v1", organizationId, table, column, rowId, keyId,
 * keyVersion]` as JSON (an unambiguous encoding), so a value moved to another organization,
 * table, column or row, or relabelled with another key id or version, fails authentication.
 */
import { ENVELOPE_OVERHEAD } from '../crypto/index.js';
import type { FieldRef } from './encrypted-columns.js';
import { PiiVaultError } from './pii-vault-error.js';

const FORMAT = 0x46;
const FORMAT_VERSION = 0x01;
const KEY_ID_BYTES = 16;
export const FIELD_HEADER_BYTES = 2 + KEY_ID_BYTES + 4;
/** A field ciphertext of `n` plaintext bytes is `n + FIELD_CIPHERTEXT_OVERHEAD` bytes. */
export const FIELD_CIPHERTEXT_OVERHEAD = FIELD_HEADER_BYTES + ENVELOPE_OVERHEAD;
const DOMAIN = 'spapi:pii-field:v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_VERSION = 0xffffffff;

export interface FieldKeyRef {
  /** The data key's UUID (lower-case). */
  readonly keyId: string;
  readonly version: number;
}

export interface ParsedFieldCiphertext extends FieldKeyRef {
  /** The crypto envelope (a view into the ciphertext). */
  readonly envelope: Uint8Array;
}

function keyIdBytes(keyId: string): Buffer {
  if (!UUID.test(keyId)) throw new PiiVaultError('INVALID_INPUT', 'data key id');
  return Buffer.from(keyId.replaceAll('-', ''), 'hex');
}

function keyIdText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Header + envelope in one new buffer. */
export function assembleFieldCiphertext(key: FieldKeyRef, envelope: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(key.version) || key.version < 1 || key.version > MAX_VERSION) {
    throw new PiiVaultError('INVALID_INPUT', 'data key version');
  }
  const out = new Uint8Array(FIELD_HEADER_BYTES + envelope.length);
  out[0] = FORMAT;
  out[1] = FORMAT_VERSION;
  out.set(keyIdBytes(key.keyId), 2);
  new DataView(out.buffer).setUint32(2 + KEY_ID_BYTES, key.version);
  out.set(envelope, FIELD_HEADER_BYTES);
  return out;
}

/** Splits a field ciphertext; `INVALID_CIPHERTEXT` if it is not one of ours. */
export function parseFieldCiphertext(ciphertext: Uint8Array): ParsedFieldCiphertext {
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < FIELD_CIPHERTEXT_OVERHEAD) {
    throw new PiiVaultError('INVALID_CIPHERTEXT');
  }
  if (ciphertext[0] !== FORMAT || ciphertext[1] !== FORMAT_VERSION) {
    throw new PiiVaultError('INVALID_CIPHERTEXT', 'format');
  }
  const view = new DataView(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
  const version = view.getUint32(2 + KEY_ID_BYTES);
  if (version < 1) throw new PiiVaultError('INVALID_CIPHERTEXT', 'key version');
  return {
    keyId: keyIdText(ciphertext.subarray(2, 2 + KEY_ID_BYTES)),
    version,
    envelope: ciphertext.subarray(FIELD_HEADER_BYTES),
  };
}

/**
 * The data key id a field ciphertext names: store it in the column's `keyIdColumn`, so that
 * re-encryption and retirement find the rows of a key.
 */
export function keyIdOf(ciphertext: Uint8Array): string {
  return parseFieldCiphertext(ciphertext).keyId;
}

/** The associated data binding a value to its organization, place and key. */
export function fieldAssociatedData(
  organizationId: string,
  field: FieldRef,
  key: FieldKeyRef,
): string {
  return JSON.stringify([
    DOMAIN,
    organizationId,
    field.table,
    field.column,
    field.rowId,
    key.keyId,
    key.version,
  ]);
}
