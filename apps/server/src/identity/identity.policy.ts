/** Timeouts, limits and the lockout schedule. Defaults follow OWASP ASVS v4 §2–3. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface IdentityPolicy {
  /** A signed-in session unused this long ends. */
  readonly sessionIdleMs: number;
  /** A signed-in session ends this long after MFA, whatever its use. */
  readonly sessionAbsoluteMs: number;
  /** Time allowed between the password step and a successful MFA step. */
  readonly pendingMfaMs: number;
  /** Failures (password or MFA) before the account locks. */
  readonly lockoutThreshold: number;
  /** First lock; doubles with every further failure, up to `lockoutMaxMs`. */
  readonly lockoutBaseMs: number;
  readonly lockoutMaxMs: number;
  readonly deviceAccessMs: number;
  readonly deviceRefreshMs: number;
  /** A device token is issued only this soon after an MFA sign-in. */
  readonly deviceIssueFreshMs: number;
  readonly invitationMs: number;
  readonly passwordResetMs: number;
  /** `issuer` shown by authenticator apps. */
  readonly totpIssuer: string;
}

export const DEFAULT_IDENTITY_POLICY: IdentityPolicy = {
  sessionIdleMs: 30 * MINUTE,
  sessionAbsoluteMs: 12 * HOUR,
  pendingMfaMs: 5 * MINUTE,
  lockoutThreshold: 5,
  lockoutBaseMs: MINUTE,
  lockoutMaxMs: HOUR,
  deviceAccessMs: 10 * MINUTE,
  deviceRefreshMs: 30 * 24 * HOUR,
  deviceIssueFreshMs: 10 * MINUTE,
  invitationMs: 72 * HOUR,
  passwordResetMs: 30 * MINUTE,
  totpIssuer: 'SP-API Desk',
};

/**
 * When an account with `failures` consecutive failures unlocks, or null if it is not locked:
 * threshold → base, each further failure doubles it, capped.
 */
export function lockedUntil(policy: IdentityPolicy, failures: number, now: number): number | null {
  if (failures < policy.lockoutThreshold) return null;
  const doublings = Math.min(failures - policy.lockoutThreshold, 30);
  return now + Math.min(policy.lockoutBaseMs * 2 ** doublings, policy.lockoutMaxMs);
}
