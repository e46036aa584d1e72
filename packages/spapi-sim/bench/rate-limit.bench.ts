// Benchmark: how close a well-behaved client gets to the token-bucket lower bound for fetching
// orders one by one from the simulator, with refill sped up by the time scale. Prints a table
// and writes bench-results/spapi-sim-rate-limit.json at the repository root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ACCESS_TOKEN_TTL_SECONDS, mintToken } from '../src/core/state.js';
import { generateApplicationCredentials } from '../src/config.js';
import { startSimulator } from '../src/simulator.js';
import { OrderStore } from '../src/data/order-store.js';
import { generateSellerOrders } from '../src/data/order-generator.js';

const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 200);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const SELLER = 'A1BENCHSELLER';
const GET_ORDER = { rate: 0.5, burst: 30 };

const app = {
  ...generateApplicationCredentials(),
  name: 'bench',
  redirectUris: ['https://bench.invalid/cb'],
};
const sim = await startSimulator({
  timeScale: TIME_SCALE,
  applications: [app],
  sellers: [
    {
      sellingPartnerId: SELLER,
      name: 'Bench',
      region: 'na',
      marketplaceIds: ['ATVPDKIKX0DER'],
      orderCount: ORDERS,
      historyDays: 10,
      futureDays: 0,
    },
  ],
});
const token = mintToken('Atza|');
sim.state.accessTokens.set(token, {
  token,
  clientId: app.clientId,
  sellingPartnerId: SELLER,
  region: 'na',
  scope: null,
  expiresAt: sim.state.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
});
const ids = sim.state.orders.list(SELLER, sim.state.clock.now()).map((o) => o.amazonOrderId);

let calls = 0;
let throttled = 0;
const refillMs = 1000 / (GET_ORDER.rate * TIME_SCALE);
const started = performance.now();
for (const id of ids) {
  for (;;) {
    calls += 1;
    const res = await fetch(`${sim.urls.spapi.na}/orders/v0/orders/${id}`, {
      headers: { 'x-amz-access-token': token },
    });
    await res.arrayBuffer();
    if (res.status !== 429) break;
    throttled += 1;
    await new Promise((resolve) => setTimeout(resolve, refillMs));
  }
}
const wallSeconds = (performance.now() - started) / 1000;
await sim.stop();

// Order store: listing a large seller's orders (what every getOrders page does).
const store = new OrderStore();
const BIG = 'A1BENCHBIGSELLER';
store.seed(
  BIG,
  generateSellerOrders({
    sellingPartnerId: BIG,
    marketplaceIds: ['ATVPDKIKX0DER'],
    seed: 'bench',
    count: 20_000,
    now: Date.now(),
    historyDays: 60,
  }),
);
store.list(BIG, Date.now());
const listStarted = performance.now();
const listed = store.list(BIG, Date.now() + 1).length;
const orderStoreListMs = performance.now() - listStarted;

const lowerBoundSeconds = Math.max(0, ids.length - GET_ORDER.burst) / (GET_ORDER.rate * TIME_SCALE);
const result = {
  benchmark: 'spapi-sim getOrder drain under token bucket',
  node: process.version,
  timeScale: TIME_SCALE,
  orders: ids.length,
  plan: GET_ORDER,
  calls,
  throttled,
  wallSeconds: Number(wallSeconds.toFixed(3)),
  lowerBoundSeconds: Number(lowerBoundSeconds.toFixed(3)),
  ratioToLowerBound:
    lowerBoundSeconds > 0 ? Number((wallSeconds / lowerBoundSeconds).toFixed(3)) : null,
  simulatedSecondsAtRealRate: Number((lowerBoundSeconds * TIME_SCALE).toFixed(0)),
  orderStoreList: { orders: listed, milliseconds: Number(orderStoreListMs.toFixed(1)) },
};
const out = new URL('../../../bench-results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('spapi-sim-rate-limit.json', out), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
