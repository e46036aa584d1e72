import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator.js';
import { harnessConfig, SELLER_NA } from '../helpers/sim-harness.js';

let sim: RunningSimulator;
let control: string;

beforeAll(async () => {
  sim = await startSimulator({ ...harnessConfig(), controlApi: true });
  control = `${sim.urls.control ?? ''}/_sim`;
});
afterAll(async () => {
  await sim.stop();
});

async function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${control}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('control API', () => {
  it('is off unless enabled', async () => {
    const off = await startSimulator(harnessConfig());
    try {
      expect(off.urls.control).toBeUndefined();
      const res = await fetch(`${off.urls.spapi.na}/_sim/state`);
      expect(res.status).toBe(404);
    } finally {
      await off.stop();
    }
  });

  it('reports state and advances the clock', async () => {
    const before = sim.state.clock.now();
    const advanced = await send('POST', '/clock/advance', { seconds: 3600 });
    expect(advanced.status).toBe(200);
    expect(sim.state.clock.now() - before).toBeGreaterThanOrEqual(3600_000);
    const state = (await send('GET', '/state')).body as {
      clockOffsetSeconds: number;
      sellers: { orders: number }[];
    };
    expect(state.clockOffsetSeconds).toBeGreaterThanOrEqual(3600);
    expect(state.sellers[0]?.orders).toBeGreaterThan(0);
  });

  it('sets the time scale, per-seller rates and faults', async () => {
    expect((await send('PUT', '/time-scale', { timeScale: 50 })).status).toBe(200);
    expect(sim.state.rateLimiter.timeScale).toBe(50);
    const rate = await send('PUT', `/sellers/${SELLER_NA.sellingPartnerId}/rates`, {
      operationId: 'getOrders',
      rate: 1,
      burst: 3,
    });
    expect(rate.status).toBe(200);
    expect(
      sim.state.rateLimiter.effectivePlan(SELLER_NA.sellingPartnerId, 'getOrders', {
        rate: 0.0167,
        burst: 20,
      }),
    ).toEqual({ rate: 1, burst: 3 });
    expect(
      (await send('DELETE', `/sellers/${SELLER_NA.sellingPartnerId}/rates/getOrders`)).status,
    ).toBe(204);
    const faults = await send('PUT', '/faults', { seed: 9, http500: 0.25 });
    expect(faults.status).toBe(200);
    expect(sim.state.faults.config.http500).toBe(0.25);
    await send('PUT', '/faults', {});
  });

  it('adds orders and canaries, answering with ids only', async () => {
    const canary = await send('POST', `/sellers/${SELLER_NA.sellingPartnerId}/orders`, {
      canary: true,
      buyer: { name: 'Canary Quill Zebedee' },
      shippingAddress: { postalCode: '99501', addressLine1: '1 Canary Wharf Way' },
    });
    expect(canary.status).toBe(201);
    const { amazonOrderId } = canary.body as { amazonOrderId: string };
    expect(JSON.stringify(canary.body)).not.toContain('Canary Quill');
    const order = sim.state.orders.get(
      SELLER_NA.sellingPartnerId,
      amazonOrderId,
      sim.state.clock.now(),
    );
    expect(order?.canary).toBe(true);
    expect(order?.buyer.name).toBe('Canary Quill Zebedee');
    expect(order?.status).toBe('Unshipped');
  });

  it('counts calls per operation and resets them', async () => {
    await fetch(`${sim.urls.spapi.na}/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER`);
    const calls = (await send('GET', '/calls')).body as {
      calls: Record<string, number>;
      responses: Record<string, number>;
    };
    expect(calls.calls.getOrders).toBeGreaterThanOrEqual(1);
    expect(calls.responses['getOrders 403']).toBeGreaterThanOrEqual(1);
    expect((await send('POST', '/calls/reset')).status).toBe(204);
    expect(((await send('GET', '/calls')).body as { calls: object }).calls).toEqual({});
  });

  it('revokes a seller authorization', async () => {
    const res = await send('POST', `/sellers/${SELLER_NA.sellingPartnerId}/revoke`, {
      clientId: 'unknown-client',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revokedRefreshTokens: 0 });
  });

  it.each([
    ['POST', '/clock/advance', { seconds: -5 }],
    ['POST', '/clock/advance', { seconds: 'soon' }],
    ['PUT', '/time-scale', { timeScale: 0 }],
    ['PUT', '/faults', { http500: 0.7, http503: 0.7 }],
    ['PUT', '/faults', { unknown: 1 }],
    ['POST', `/sellers/${SELLER_NA.sellingPartnerId}/orders`, { amazonOrderId: 'not-an-id' }],
    ['POST', `/sellers/${SELLER_NA.sellingPartnerId}/orders`, { items: [] }],
  ])('refuses bad input %s %s with 400 and changes nothing', async (method, path, body) => {
    const offset = sim.state.clock.offsetMs;
    const faults = sim.state.faults.config;
    const res = await send(method, path, body);
    expect(res.status).toBe(400);
    expect(sim.state.clock.offsetMs).toBe(offset);
    expect(sim.state.faults.config).toEqual(faults);
  });

  it('answers 404 for an unknown seller and 409 for a duplicate order id', async () => {
    expect((await send('POST', '/sellers/A9NOBODY/orders', {})).status).toBe(404);
    const [existing] = sim.state.orders.list(SELLER_NA.sellingPartnerId, sim.state.clock.now());
    expect(
      (
        await send('POST', `/sellers/${SELLER_NA.sellingPartnerId}/orders`, {
          amazonOrderId: existing!.amazonOrderId,
        })
      ).status,
    ).toBe(409);
  });
});
