/**
 * The password rule (DPP "Access", NIST SP 800-63B §5.1.1.2): 12 to 256 characters, not a
 * common password, not built from the account's email. No composition rules.
 *
 * Common passwords: `passwords-common` of @zxcvbn-ts/language-common (≈49k entries, MIT
 * licence) plus `common-passwords.txt`, the product-specific words that list lacks. Both go into
 * one lower-cased set, built once when the module loads.
 */
import { readFileSync } from 'node:fs';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError, ErrorCode } from '@spapi/shared';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

function productSpecificPasswords(): string[] {
  const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function loadCommonPasswords(): ReadonlySet<string> {
  const entries = [...dictionary['passwords-common'], ...productSpecificPasswords()];
  return new Set(entries.map((entry) => entry.normalize('NFKC').toLowerCase()));
}

const COMMON = loadCommonPasswords();
/** Digits, whitespace and punctuation at either end ("Password123!", "!!letmein2024"). */
const EDGE_NOISE = /^[\d\s\p{P}\p{S}]+|[\d\s\p{P}\p{S}]+$/gu;

/** Counts code points, not UTF-16 units. */
function length(password: string): number {
  return Array.from(password.normalize('NFKC')).length;
}

function isRepetition(value: string): boolean {
  for (let size = 1; size <= value.length / 2; size += 1) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) {
      return true;
    }
  }
  return false;
}

function repeatedBase(value: string): string | undefined {
  for (let size = 1; size <= value.length / 2; size += 1) {
    const unit = value.slice(0, size);
    if (value.length % size === 0 && unit.repeat(value.length / size) === value) return unit;
  }
  return undefined;
}

/** Why a password is refused, or null if it is acceptable. Pure; exported for tests. */
export function passwordProblem(password: string, email?: string): string | null {
  const count = length(password);
  if (count < PASSWORD_MIN_LENGTH) return 'too-short';
  if (count > PASSWORD_MAX_LENGTH) return 'too-long';
  const lower = password.normalize('NFKC').toLowerCase();
  const core = lower.replace(EDGE_NOISE, '');
  const compact = lower.replace(/[\s\p{P}\p{S}]/gu, '');
  const candidates = [lower, core, compact, repeatedBase(core) ?? ''];
  if (candidates.some((candidate) => COMMON.has(candidate))) return 'common';
  if (isRepetition(lower)) return 'repetitive';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local !== undefined && local.length >= 4 && (core === local || compact.includes(local))) {
    return 'contains-email';
  }
  return null;
}

/** Throws AppError(PASSWORD_TOO_WEAK) (details name the rule, never the value). */
export function assertAcceptablePassword(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem !== null) {
    throw new AppError(ErrorCode.PASSWORD_TOO_WEAK, {
      message: 'password refused by policy',
      details: { fields: ['password'], ids: { rule: problem } },
    });
  }
}
