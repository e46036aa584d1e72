/** Hashes, keyed hashes, random tokens and comparison. Hex output is lower-case. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { randomBytes, toBase64Url, withBytes, type BytesLike } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { sodium } from './sodium.js';

const HASH_BYTES = 32;
const MIN_HASH_KEY = 16;
const MAX_HASH_KEY = 64;
const MIN_TOKEN_BYTES = 16;
const MAX_TOKEN_BYTES = 1024;

/**
 * BLAKE2b-256 keyed with `key` (16–64 bytes; use a 32-byte {@link generateKey}), as hex.
 * Deterministic per key: for blind indexes (find a row by an encrypted value) and for the
 * pseudonymous buyer identifiers in audit entries. Use one key per purpose, so an index
 * value cannot be joined to an audit value.
 */
export function keyedHash(key: Uint8Array, data: BytesLike): string {
  if (!(key instanceof Uint8Array) || key.length < MIN_HASH_KEY || key.length > MAX_HASH_KEY) {
    throw new CryptoError('INVALID_INPUT', 'hash key must be 16 to 64 bytes');
  }
  return withBytes(data, (bytes) => sodium().crypto_generichash(HASH_BYTES, bytes, key, 'hex'));
}

/** Unkeyed BLAKE2b-256 as hex, for hash chains. */
export function blake2bHex(data: BytesLike): string {
  return withBytes(data, (bytes) => sodium().crypto_generichash(HASH_BYTES, bytes, null, 'hex'));
}

/** SHA-256 as hex (Node's implementation; no `ready()` needed), for hash chains and digests. */
export function sha256Hex(data: BytesLike): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Compares in time independent of the contents (not of the lengths: unequal lengths return
 * false at once, which leaks only the length). For MACs, hashes and token digests.
 */
export function constantTimeEqual(a: BytesLike, b: BytesLike): boolean {
  const left = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const right = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A random opaque token, base64url without padding (32 bytes → 43 characters). */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES || bytes > MAX_TOKEN_BYTES) {
    throw new CryptoError('INVALID_INPUT', 'token size must be 16 to 1024 bytes');
  }
  return toBase64Url(randomBytes(bytes));
}

/**
 * The digest under which a session id, refresh token or recovery code is stored: SHA-256 hex of
 * its UTF-8 bytes. Tokens from {@link randomToken} carry ≥128 bits of entropy, so a fast
 * unsalted hash is enough; a stolen table cannot be turned back into working tokens. Look the
 * row up by digest; compare digests with {@link constantTimeEqual} where a row is already known.
 */
export function hashToken(token: string): string {
  return sha256Hex(token);
}
