import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  retryAfterMs,
  retryPolicyOf,
} from './retry-policy.js';

describe('backoff with full jitter', () => {
  const policy = retryPolicyOf({ baseDelayMs: 100, maxDelayMs: 1000 });

  it('draws from [0, base · 2^(n-1)], capped at maxDelayMs', () => {
    const highest = (retry: number): number => backoffDelayMs(policy, retry, () => 0.999_999);
    expect([1, 2, 3, 4, 5, 6].map(highest)).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(200);
  });

  it('refuses policies that would not bound or not retry sensibly', () => {
    expect(() => retryPolicyOf({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => retryPolicyOf({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => retryPolicyOf({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(RangeError);
    expect(retryPolicyOf()).toEqual(DEFAULT_RETRY_POLICY);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', '-1', '1.5', 'soon', '99999999999', 'Sun, 01 Mar 2026']) {
      expect(retryAfterMs(value, now)).toBeUndefined();
    }
  });
});
