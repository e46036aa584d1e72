import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

const GET_ORDERS = { rate: 0.0167, burst: 20 };

function limiterAt(timeScale: number): { limiter: RateLimiter; tick: (ms: number) => void } {
  let now = 0;
  const limiter = new RateLimiter(timeScale, () => now);
  return { limiter, tick: (ms) => (now += ms) };
}

function drain(limiter: RateLimiter, seller = 'A1SELLER'): number {
  let taken = 0;
  while (limiter.tryTake(seller, 'client', 'getOrders', GET_ORDERS)) taken += 1;
  return taken;
}

describe('RateLimiter', () => {
  it('starts full at the burst and refuses once empty', () => {
    const { limiter } = limiterAt(1);
    expect(drain(limiter)).toBe(20);
    expect(limiter.tryTake('A1SELLER', 'client', 'getOrders', GET_ORDERS)).toBe(false);
  });

  it('refills at the usage-plan rate: one getOrders token per ~60 s', () => {
    const { limiter, tick } = limiterAt(1);
    drain(limiter);
    tick(59_000);
    expect(limiter.tryTake('A1SELLER', 'client', 'getOrders', GET_ORDERS)).toBe(false);
    tick(1_000);
    expect(limiter.tryTake('A1SELLER', 'client', 'getOrders', GET_ORDERS)).toBe(true);
  });

  it('the time scale speeds refill proportionally', () => {
    const { limiter, tick } = limiterAt(600);
    drain(limiter);
    tick(1_000); // 1 s × 600 × 0.0167/s ≈ 10 tokens
    expect(drain(limiter)).toBe(10);
    limiter.setTimeScale(60);
    tick(1_000); // ≈ 1 token
    expect(drain(limiter)).toBe(1);
  });

  it('keeps separate buckets per seller, application and operation', () => {
    const { limiter } = limiterAt(1);
    drain(limiter, 'A1SELLER');
    expect(limiter.tryTake('A2OTHER', 'client', 'getOrders', GET_ORDERS)).toBe(true);
    expect(limiter.tryTake('A1SELLER', 'other-client', 'getOrders', GET_ORDERS)).toBe(true);
    expect(limiter.tryTake('A1SELLER', 'client', 'getOrder', GET_ORDERS)).toBe(true);
  });

  it('applies a per-seller override (dynamic usage plan) to that seller only', () => {
    const { limiter, tick } = limiterAt(1);
    limiter.setOverride('A1SELLER', 'getOrders', { rate: 2, burst: 5 });
    expect(limiter.effectivePlan('A1SELLER', 'getOrders', GET_ORDERS)).toEqual({
      rate: 2,
      burst: 5,
    });
    expect(limiter.effectivePlan('A2OTHER', 'getOrders', GET_ORDERS)).toEqual(GET_ORDERS);
    expect(drain(limiter)).toBe(5);
    tick(1_000);
    expect(drain(limiter)).toBe(2);
    limiter.setOverride('A1SELLER', 'getOrders', null);
    expect(limiter.effectivePlan('A1SELLER', 'getOrders', GET_ORDERS)).toEqual(GET_ORDERS);
  });
});
