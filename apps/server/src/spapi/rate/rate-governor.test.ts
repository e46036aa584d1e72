import { describe, expect, it } from 'vitest';
import { manualClock } from '../../testing/manual-clock.js';
import { createRateGovernor, parseRateLimitHeader, type GovernedCall } from './rate-governor.js';

const getOrder: GovernedCall = {
  sellerId: 'A1SELLER',
  region: 'na',
  operation: 'ordersV0.getOrder',
};

describe('rate governor (virtual time)', () => {
  it("hands out the model's burst less the headroom at once, then one token per 1/rate", async () => {
    const clock = manualClock();
    const governor = createRateGovernor({ clock });
    expect(governor.inspect(getOrder)).toMatchObject({
      rate: 0.5,
      burst: 30,
      capacity: 29,
      tokens: 29,
    });
    const waits: number[] = [];
    for (let i = 0; i < 32; i += 1) waits.push(await governor.acquire(getOrder));
    expect(waits.slice(0, 29).every((w) => w === 0)).toBe(true);
    expect(waits.slice(29)).toEqual([2000, 2000, 2000]);
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
  });

  it('keeps buckets apart per seller, region and operation', async () => {
    const clock = manualClock();
    const governor = createRateGovernor({
      clock,
      headroomTokens: 0,
      planOf: () => ({ rate: 1, burst: 1 }),
    });
    await governor.acquire(getOrder);
    expect(await governor.acquire({ ...getOrder, sellerId: 'A2OTHER' })).toBe(0);
    expect(await governor.acquire({ ...getOrder, region: 'eu' })).toBe(0);
    expect(await governor.acquire({ ...getOrder, operation: 'ordersV0.getOrderItems' })).toBe(0);
    expect(await governor.acquire(getOrder)).toBe(1000);
  });

  it('serves concurrent callers in order, each with its own token', async () => {
    const clock = manualClock();
    const governor = createRateGovernor({
      clock,
      headroomTokens: 0,
      planOf: () => ({ rate: 1, burst: 2 }),
    });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        await governor.acquire(getOrder);
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('follows the rate Amazon reports in x-amzn-RateLimit-Limit', async () => {
    const clock = manualClock();
    const governor = createRateGovernor({
      clock,
      headroomTokens: 0,
      planOf: () => ({ rate: 0.5, burst: 1 }),
    });
    await governor.acquire(getOrder);
    governor.observeRate(getOrder, 0.1);
    expect(governor.inspect(getOrder).rate).toBe(0.1);
    expect(await governor.acquire(getOrder)).toBe(10_000);
    governor.observeRate(getOrder, 2);
    expect(await governor.acquire(getOrder)).toBe(500);
  });

  it('a 429 drains the bucket, headroom included', async () => {
    const clock = manualClock();
    const governor = createRateGovernor({
      clock,
      headroomTokens: 1,
      planOf: () => ({ rate: 1, burst: 10 }),
    });
    await governor.acquire(getOrder);
    governor.throttled(getOrder);
    expect(governor.inspect(getOrder).tokens).toBe(-1);
    expect(await governor.acquire(getOrder)).toBe(2000);
  });

  it('stops waiting when the signal aborts', async () => {
    const clock = manualClock();
    const governor = createRateGovernor({ clock, planOf: () => ({ rate: 1, burst: 1 }) });
    await governor.acquire(getOrder);
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(governor.acquire(getOrder, controller.signal)).rejects.toThrow('shutting down');
    expect(await governor.acquire(getOrder)).toBe(1000); // the aborted caller took nothing
  });

  it('reads only plausible x-amzn-RateLimit-Limit values', () => {
    expect(parseRateLimitHeader('0.0167')).toBe(0.0167);
    expect(parseRateLimitHeader('1.0')).toBe(1);
    for (const bad of [undefined, '', '0', '0.0', '-1', 'NaN', '1e3', 'fast']) {
      expect(parseRateLimitHeader(bad)).toBeUndefined();
    }
  });
});
