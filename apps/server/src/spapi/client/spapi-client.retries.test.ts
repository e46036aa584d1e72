import { ErrorCode } from '@spapi/shared';
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderings } from '../../secrets/testing/secret-leaks.js';
import { scaledClock } from '../clock.js';
import { accessHarness, type AccessHarness } from '../testing/access-harness.js';
import { simControl, type SimControl } from '../testing/sim-control.js';
import {
  SELLER_EU,
  SELLER_NA,
  SIM_WORLD,
  connectSeller,
  testRefreshTokens,
  type TestRefreshTokens,
} from '../testing/sim-world.js';
import type { CallContext } from './spapi-client.js';
import { SpapiError } from './spapi-error.js';

// Faults switched on in the simulator (5xx, 429, connection resets, truncated bodies): retries
// that end in success, retries that give up with a typed error, and the one token refresh on
// 403. Backoff sleeps run on virtual time; the governor on the simulator's scaled clock.

const TIME_SCALE = 1000;
const US = SELLER_NA.marketplaceIds[0];
const DAY_MS = 86_400_000;

let sim: RunningSimulator;
let control: SimControl;
let refreshTokens: TestRefreshTokens;
let orderIds: string[];
const na: CallContext = { sellerId: SELLER_NA.sellingPartnerId, region: 'na' };

function harness(maxAttempts = 8): AccessHarness {
  return accessHarness(sim.urls, refreshTokens, {
    rateClock: scaledClock(TIME_SCALE),
    retry: { maxAttempts },
  });
}

async function itemsOf(h: AccessHarness, orderId: string): Promise<unknown> {
  const response = await h.access.client.call('ordersV0.getOrderItems', { path: { orderId } }, na);
  return response.body.payload;
}

beforeAll(async () => {
  sim = await startSimulator({ ...SIM_WORLD, timeScale: TIME_SCALE });
  control = simControl(sim.urls.control);
  refreshTokens = testRefreshTokens();
  const h = harness();
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA);
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_EU);
  const page = await h.access.client.call(
    'ordersV0.getOrders',
    {
      query: {
        MarketplaceIds: [US],
        CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
      },
    },
    na,
  );
  orderIds = (page.body.payload?.Orders ?? []).map((o) => o.AmazonOrderId);
});

beforeEach(async () => {
  await control.setFaults({});
  await control.resetCalls();
});

afterAll(async () => {
  await sim.stop();
});

describe('retries that end in success', () => {
  it.each(['http500', 'http503', 'throttle', 'reset', 'truncate'] as const)(
    '%s on the first attempt, switched off while we back off: the second attempt succeeds',
    async (kind) => {
      const h = harness();
      await control.setFaults({ [kind]: 1, operations: ['getOrderItems'] });
      h.clock.onSleep = () => control.setFaults({});
      const response = await h.access.client.call(
        'ordersV0.getOrderItems',
        { path: { orderId: orderIds[0] ?? '' } },
        na,
      );
      expect(response.attempts).toBe(2);
      expect(response.body.payload?.OrderItems.length).toBeGreaterThan(0);
      const { responses } = await control.calls();
      const status = { http500: 500, http503: 503, throttle: 429, reset: 0, truncate: 200 }[kind];
      expect(responses[`getOrderItems ${String(status)}`]).toBeGreaterThanOrEqual(1);
      expect(h.events.filter((e) => e.kind === 'retry')).toHaveLength(1);
    },
  );

  it('a run under random faults of every kind ends with exactly the answers of a clean run', async () => {
    const clean = harness();
    const expected = await Promise.all(orderIds.slice(0, 30).map((id) => itemsOf(clean, id)));
    await control.resetCalls();
    await control.setFaults({
      seed: 7,
      http500: 0.06,
      http503: 0.06,
      throttle: 0.06,
      reset: 0.06,
      truncate: 0.06,
    });
    const h = harness();
    const got: unknown[] = [];
    for (const id of orderIds.slice(0, 30)) got.push(await itemsOf(h, id));
    expect(got).toEqual(expected);
    const { responses } = await control.calls();
    for (const status of [500, 503, 429, 0])
      expect(responses[`getOrderItems ${String(status)}`] ?? 0, String(status)).toBeGreaterThan(0);
    expect(h.events.some((e) => e.kind === 'retry' && e.networkCode === 'TRUNCATED')).toBe(true);
    const token = await h.access.tokens.accessToken(na.sellerId, 'na');
    expect(h.logger.text()).not.toContain(token);
  });
});

describe('retries that give up', () => {
  it.each([
    [
      'http503',
      { code: ErrorCode.SPAPI_UNAVAILABLE, httpStatus: 503, amazonCode: 'ServiceUnavailable' },
    ],
    [
      'http500',
      { code: ErrorCode.SPAPI_UNAVAILABLE, httpStatus: 500, amazonCode: 'InternalFailure' },
    ],
    ['throttle', { code: ErrorCode.SPAPI_THROTTLED, httpStatus: 429, amazonCode: 'QuotaExceeded' }],
    ['reset', { code: ErrorCode.SPAPI_UNAVAILABLE, httpStatus: null, networkCode: 'ECONNRESET' }],
    ['truncate', { code: ErrorCode.SPAPI_UNAVAILABLE, httpStatus: null, networkCode: 'TRUNCATED' }],
  ] as const)(
    '%s on every attempt: a typed error after exactly maxAttempts calls',
    async (kind, expected) => {
      const h = harness(3);
      await control.setFaults({ [kind]: 1, operations: ['getOrderItems'] });
      const error = await h.access.client
        .call('ordersV0.getOrderItems', { path: { orderId: orderIds[0] ?? '' } }, na)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpapiError);
      expect(error).toMatchObject({
        ...expected,
        attempts: 3,
        operation: 'ordersV0.getOrderItems',
      });
      expect((await control.calls()).calls.getOrderItems).toBe(3);
      if (expected.httpStatus !== null)
        expect((error as SpapiError).amznRequestId).toMatch(/^[0-9a-f-]{36}$/);
      const token = await h.access.tokens.accessToken(na.sellerId, 'na');
      for (const text of [renderings(error), h.logger.text()]) expect(text).not.toContain(token);
    },
  );
});

describe('tokens and regions', () => {
  it('an EU token is refused by the NA endpoint: one fresh-token retry, then SPAPI_UNAUTHORIZED', async () => {
    // A refresh-token store that mixes regions up (a bug we must survive, not hide).
    const mixed = testRefreshTokens();
    const euRefresh = await refreshTokens.source(SELLER_EU.sellingPartnerId, 'eu');
    mixed.set(SELLER_EU.sellingPartnerId, 'na', euRefresh);
    mixed.set(SELLER_EU.sellingPartnerId, 'eu', euRefresh);
    const h = accessHarness(sim.urls, mixed, { rateClock: scaledClock(TIME_SCALE) });
    const query = {
      MarketplaceIds: [SELLER_EU.marketplaceIds[0]],
      CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
    };
    const wrong = { sellerId: SELLER_EU.sellingPartnerId, region: 'na' } as const;
    const error = await h.access.client
      .call('ordersV0.getOrders', { query }, wrong)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_UNAUTHORIZED,
      httpStatus: 403,
      amazonCode: 'Unauthorized',
      attempts: 2,
    });
    expect(h.counter.lwaCalls()).toBe(2);
    const euToken = await h.access.tokens.accessToken(SELLER_EU.sellingPartnerId, 'eu');
    const ok = await h.access.client.call(
      'ordersV0.getOrders',
      { query },
      { ...wrong, region: 'eu' },
    );
    expect(ok.status).toBe(200);
    for (const secret of [euToken, euRefresh]) {
      expect(renderings(error)).not.toContain(secret);
      expect(h.logger.text()).not.toContain(secret);
    }
  });

  it('an RDT that Amazon refuses is final (no LWA refresh can fix it)', async () => {
    const h = harness();
    const error = await h.access.client
      .call(
        'ordersV0.getOrderAddress',
        { path: { orderId: orderIds[0] ?? '' } },
        { ...na, restrictedDataToken: 'Atz.sprdt|not-a-real-token' },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_UNAUTHORIZED,
      httpStatus: 403,
      attempts: 1,
    });
    expect(h.counter.lwaCalls()).toBe(0);
    expect(renderings(error)).not.toContain('not-a-real-token');
  });
});
