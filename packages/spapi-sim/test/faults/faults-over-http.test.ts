import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultConfigSchema, FaultInjector, type FaultKind } from '../../src/core/faults.js';
import { rngFromSeed } from '../../src/data/prng.js';
import { SELLER_NA, startSimHarness, type SimHarness } from '../helpers/sim-harness.js';

// Each fault kind, seen by a client over HTTP, and replayed identically from its seed.

let h: SimHarness;
let token: string;

beforeAll(async () => {
  h = await startSimHarness();
  token = h.accessToken();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.resetQuotas();
});

type Outcome = number | 'reset' | 'truncated';

async function getOrder(orderId: string): Promise<{ outcome: Outcome; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetch(`${h.spapi()}/orders/v0/orders/${orderId}`, {
      headers: { 'x-amz-access-token': token },
    });
    const text = await res.text();
    if (res.status === 200) JSON.parse(text);
    return { outcome: res.status, ms: performance.now() - started };
  } catch (error: unknown) {
    // undici reports a reset before headers as "fetch failed", and a body cut short as a
    // terminated body read or invalid JSON.
    const outcome: Outcome =
      error instanceof SyntaxError || (error instanceof TypeError && error.message === 'terminated')
        ? 'truncated'
        : 'reset';
    return { outcome, ms: performance.now() - started };
  }
}

function configure(kind: FaultKind, seed: number, rate = 0.5): void {
  h.sim.state.faults.configure(FaultConfigSchema.parse({ seed, [kind]: rate, slowMs: 300 }));
}

async function run(kind: FaultKind, seed: number, calls = 16): Promise<Outcome[]> {
  configure(kind, seed);
  const [order] = h.sim.state.orders.list(SELLER_NA.sellingPartnerId, h.now());
  const outcomes: Outcome[] = [];
  for (let i = 0; i < calls; i += 1) outcomes.push((await getOrder(order!.amazonOrderId)).outcome);
  return outcomes;
}

const EXPECTED: Record<Exclude<FaultKind, 'slow'>, Outcome> = {
  http500: 500,
  http503: 503,
  throttle: 429,
  reset: 'reset',
  truncate: 'truncated',
};

describe('faults over HTTP', () => {
  afterAll(() => {
    h.sim.state.faults.configure(FaultConfigSchema.parse({}));
  });

  it.each(Object.entries(EXPECTED))(
    '%s: the client sees %s, in the same calls for the same seed',
    async (kind, seen) => {
      const first = await run(kind as FaultKind, 11);
      expect(first).toContain(seen);
      expect(first).toContain(200);
      expect(first.every((o) => o === 200 || o === seen)).toBe(true);
      h.resetQuotas();
      expect(await run(kind as FaultKind, 11)).toEqual(first);
    },
  );

  it('server errors carry Amazon error bodies and a request id, and no rate-limit header', async () => {
    configure('http503', 1, 1);
    const [order] = h.sim.state.orders.list(SELLER_NA.sellingPartnerId, h.now());
    const res = await fetch(`${h.spapi()}/orders/v0/orders/${order!.amazonOrderId}`, {
      headers: { 'x-amz-access-token': token },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    const body = (await res.json()) as { errors: { code: string }[] };
    expect(body.errors[0]?.code).toBe('ServiceUnavailable');
  });

  it('slow responses are delayed by slowMs exactly in the calls the seed picks', async () => {
    configure('slow', 5);
    // The same seed in a fresh injector tells which calls the simulator will slow down.
    const oracle = new FaultInjector(h.sim.state.faults.config, rngFromSeed);
    const planned = Array.from({ length: 8 }, () => oracle.decide('getOrder')?.kind === 'slow');
    expect(planned).toContain(true);
    const [order] = h.sim.state.orders.list(SELLER_NA.sellingPartnerId, h.now());
    for (const slow of planned) {
      const { outcome, ms } = await getOrder(order!.amazonOrderId);
      expect(outcome).toBe(200);
      // Only a lower bound: a loaded machine may make any call slow, never a slow one fast.
      if (slow) expect(ms).toBeGreaterThanOrEqual(295); // timers may fire a tick early
    }
  });
});
