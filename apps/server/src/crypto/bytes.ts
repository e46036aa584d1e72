import { randomFillSync } from 'node:crypto';
import { CryptoError } from './crypto-error.js';
import { sodium } from './sodium.js';

/** Bytes, or text that is encoded as UTF-8. */
export type BytesLike = Uint8Array | string;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Random bytes from Node's CSPRNG (libsodium's `randombytes_buf` is about 100× slower here).
 * A fresh `Uint8Array` with its own buffer, so wiping it wipes exactly these bytes.
 */
export function randomBytes(length: number): Uint8Array {
  return randomFillSync(new Uint8Array(length));
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: invalid sequences throw instead of becoming U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new CryptoError('INVALID_INPUT', 'not UTF-8');
  }
}

/** Runs `use` on the bytes of `input`; bytes encoded here from a string are wiped afterwards. */
export function withBytes<T>(input: BytesLike, use: (bytes: Uint8Array) => T): T {
  if (typeof input !== 'string') return use(input);
  const bytes = utf8(input);
  try {
    return use(bytes);
  } finally {
    wipe(bytes);
  }
}

/** Overwrites key material or plaintext with zeros (`sodium_memzero`; not optimised away). */
export function wipe(bytes: Uint8Array): void {
  sodium().memzero(bytes);
}

export function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CryptoError('INVALID_INPUT', `${what} must be ${String(length)} bytes`);
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
