import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scaledClock } from '../clock.js';
import { createSpapiClient } from '../client/spapi-client.js';
import { retryPolicyOf } from '../retry-policy.js';
import { accessHarness, type AccessHarness } from '../testing/access-harness.js';
import { simControl, type SimControl } from '../testing/sim-control.js';
import {
  SELLER_NA,
  SELLER_NA_2,
  SIM_WORLD,
  connectSeller,
  testRefreshTokens,
  type TestRefreshTokens,
} from '../testing/sim-world.js';

// The governor against the simulator's token buckets, refilled TIME_SCALE times faster on both
// sides: bursts beyond the burst size wait for tokens and provoke no 429; a per-seller rate
// that differs from the model's is learned from x-amzn-RateLimit-Limit. Counts come from the
// simulator's control API; nothing here asserts on time.

const TIME_SCALE = 20;
const US = SELLER_NA.marketplaceIds[0];
const DAY_MS = 86_400_000;

let sim: RunningSimulator;
let control: SimControl;
let refreshTokens: TestRefreshTokens;
let orderIds: string[];
let otherOrderIds: string[];

function governed(): AccessHarness {
  return accessHarness(sim.urls, refreshTokens, { rateClock: scaledClock(TIME_SCALE) });
}

/** `count` order ids, reusing the seller's orders (a call per id, as a per-order fetch does). */
const ids = (count: number, from = orderIds): string[] =>
  Array.from({ length: count }, (_, i) => from[i % from.length] ?? '');

beforeAll(async () => {
  sim = await startSimulator({ ...SIM_WORLD, timeScale: TIME_SCALE });
  control = simControl(sim.urls.control);
  refreshTokens = testRefreshTokens();
  const h = governed();
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA);
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA_2);
  const page = await h.access.client.call(
    'ordersV0.getOrders',
    {
      query: {
        MarketplaceIds: [US],
        CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
      },
    },
    { sellerId: SELLER_NA.sellingPartnerId, region: 'na' },
  );
  orderIds = (page.body.payload?.Orders ?? []).map((o) => o.AmazonOrderId);
  const other = await h.access.client.call(
    'ordersV0.getOrders',
    {
      query: {
        MarketplaceIds: [US],
        CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
      },
    },
    { sellerId: SELLER_NA_2.sellingPartnerId, region: 'na' },
  );
  otherOrderIds = (other.body.payload?.Orders ?? []).map((o) => o.AmazonOrderId);
});

beforeEach(async () => {
  await control.resetCalls();
});

afterAll(async () => {
  await sim.stop();
});

describe('rate governor against the simulator', () => {
  it('45 concurrent getOrder requests for one seller, run by its executor (plan 0.5/s, burst 30): no 429', async () => {
    const h = governed();
    const context = { sellerId: SELLER_NA.sellingPartnerId, region: 'na' } as const;
    const answers = await Promise.all(
      ids(45).map((orderId) =>
        h.access.executor.run(context.sellerId, () =>
          h.access.client.call('ordersV0.getOrder', { path: { orderId } }, context),
        ),
      ),
    );
    expect(answers.map((a) => a.attempts)).toEqual(ids(45).map(() => 1));
    const { calls, responses } = await control.calls();
    expect(calls['ordersV0.getOrder']).toBe(45);
    expect(responses['ordersV0.getOrder 429']).toBeUndefined();
  });

  it('learns a seller-specific rate from x-amzn-RateLimit-Limit and keeps to it', async () => {
    const { sellingPartnerId } = SELLER_NA;
    await control.setRate(sellingPartnerId, {
      operationId: 'getOrderItems',
      rate: 0.25,
      burst: 30,
    });
    try {
      const h = governed();
      const context = { sellerId: sellingPartnerId, region: 'na' } as const;
      const bucket = { ...context, operation: 'ordersV0.getOrderItems' } as const;
      expect(h.access.governor.inspect(bucket).rate).toBe(0.5); // the model's plan
      for (const orderId of ids(34)) {
        await h.access.client.call('ordersV0.getOrderItems', { path: { orderId } }, context);
      }
      expect(h.access.governor.inspect(bucket).rate).toBe(0.25);
      expect(await control.throttled()).toEqual({});
      expect((await control.calls()).calls.getOrderItems).toBe(34);
    } finally {
      await control.clearRate(sellingPartnerId, 'getOrderItems');
    }
  });

  it('without the governor, the same burst runs into 429s (the simulator meters for real)', async () => {
    const h = governed();
    const ungoverned = createSpapiClient({
      spapiBaseUrls: sim.urls.spapi,
      tokens: h.access.tokens,
      http: h.counter.http,
      clock: h.clock,
      retry: retryPolicyOf({ maxAttempts: 1 }),
      random: () => 0.5,
    });
    const context = { sellerId: SELLER_NA_2.sellingPartnerId, region: 'na' } as const;
    const outcomes = await Promise.allSettled(
      ids(45, otherOrderIds).map((orderId) =>
        ungoverned.call('ordersV0.getOrder', { path: { orderId } }, context),
      ),
    );
    const throttled = (await control.throttled())['ordersV0.getOrder'] ?? 0;
    expect(throttled).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(throttled);
  });
});
