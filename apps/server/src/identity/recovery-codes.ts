/** Recovery codes: 10 per account, 80 bits each, shown once, stored as hashes. */
import { hashToken, randomBytes } from '../crypto/index.js';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford base32 (no I, L, O, U): easy to read back from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `XXXX-XXXX-XXXX-XXXX` (16 symbols × 5 bits = 80 bits). */
export function newRecoveryCode(): string {
  const symbols = [...randomBytes(16)].map((byte) => ALPHABET[byte % 32] ?? '0').join('');
  return symbols.match(/.{4}/g)?.join('-') ?? symbols;
}

/** Case, spaces and dashes do not matter; O/I/L read as 0/1/1. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashRecoveryCode(code: string): string {
  return hashToken(`recovery:v1:${normalizeRecoveryCode(code)}`);
}
