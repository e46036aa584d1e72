/**
 * Bounded retries with exponential backoff and full jitter (AWS Architecture Blog, "Exponential
 * Backoff and Jitter"): before retry n the caller sleeps a uniformly random time in
 * [0, min(maxDelayMs, baseDelayMs · 2^(n-1))]. A `Retry-After` the server sent wins over the
 * computed delay, up to `maxRetryAfterMs`; beyond that we give up and hand the wait to the
 * caller (the error carries it).
 */

export interface RetryPolicy {
  /** Attempts in total, the first one included (≥ 1). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A longer `Retry-After` is not slept through: the call fails and reports the wait. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export function retryPolicyOf(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError('maxAttempts must be a whole number ≥ 1');
  }
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= policy.baseDelayMs)) {
    throw new RangeError('need 0 ≤ baseDelayMs ≤ maxDelayMs');
  }
  if (!(policy.maxRetryAfterMs >= 0)) throw new RangeError('maxRetryAfterMs must be ≥ 0');
  return policy;
}

/** Full-jitter delay before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A `Retry-After` header in milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * `undefined` when absent or unreadable; never negative.
 */
export function retryAfterMs(header: unknown, nowEpochMs: number): number | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowEpochMs);
}
