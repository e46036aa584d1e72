// Benchmark: a full order sync (the real sync stack: governor, executor, RDT, vault, SQLite)
// against the simulator with its refill sped up by the time scale, per Orders API version.
// Prints and writes bench-results/order-sync.json at the repository root: wall time versus the
// token-bucket lower bound (the slowest operation's bucket: calls beyond its burst at its
// rate), calls per operation and 429s.
//
//   npx tsx apps/server/test/bench/order-sync.bench.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSimulator } from '@spapi/spapi-sim';
import { ready } from '../../src/crypto/index.js';
import { createEnvSecretsProvider } from '../../src/secrets/index.js';
import { resolveOperation, scaledClock, type OperationName } from '../../src/spapi/index.js';
import { simControl } from '../../src/spapi/testing/sim-control.js';
import { SIM_WORLD } from '../../src/spapi/testing/sim-world.js';
import { createDatabase, migrateToLatest, type OrdersApiVersion } from '../../src/storage/index.js';
import { buildSyncStack, connectSimSeller } from '../../src/sync/testing/sync-stack.js';

const ORDERS = Number(process.env.BENCH_SYNC_ORDERS ?? 3000);
const MARKETPLACE = 'ATVPDKIKX0DER';
const SCENARIOS: readonly {
  version: OrdersApiVersion;
  seller: string;
  timeScale: number;
  /** The operations the sync calls, and how many calls a perfect client makes to each. */
  calls: (orders: number) => Partial<Record<OperationName, number>>;
}[] = [
  {
    version: 'v0',
    seller: 'A1BENCHSYNCVZERO',
    timeScale: Number(process.env.BENCH_SYNC_V0_TIME_SCALE ?? 200),
    calls: (n) => ({
      'tokens20210301.createRestrictedDataToken': 1,
      'ordersV0.getOrders': Math.ceil(n / 100),
      'ordersV0.getOrderItems': n,
    }),
  },
  {
    version: '2026-01-01',
    seller: 'A2BENCHSYNCNEW',
    timeScale: Number(process.env.BENCH_SYNC_2026_TIME_SCALE ?? 100),
    calls: (n) => ({ 'orders20260101.searchOrders': Math.ceil(n / 100) }),
  },
];

await ready();
const sim = await startSimulator({
  ...SIM_WORLD,
  sellers: SCENARIOS.map((s) => ({
    sellingPartnerId: s.seller,
    name: `Bench ${s.seller}`,
    region: 'na' as const,
    marketplaceIds: [MARKETPLACE],
    orderCount: ORDERS,
    historyDays: 25,
    futureDays: 0,
  })),
});
const control = simControl(sim.urls.control);
const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));

function lowerBound(calls: Partial<Record<OperationName, number>>, timeScale: number) {
  const perOperation: Record<string, number> = {};
  for (const [operation, count] of Object.entries(calls) as [OperationName, number][]) {
    const { rate, burst } = resolveOperation(operation).plan;
    perOperation[operation] = Math.max(0, count - burst) / rate / timeScale;
  }
  return { seconds: Math.max(0, ...Object.values(perOperation)), perOperation };
}

const results: Record<string, unknown>[] = [];
for (const scenario of SCENARIOS) {
  await fetch(`${sim.urls.control ?? ''}/_sim/time-scale`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ timeScale: scenario.timeScale }),
  });
  const database = createDatabase({ kind: 'sqlite', path: join(dir, `${scenario.version}.db`) });
  await migrateToLatest(database);
  const stack = buildSyncStack({
    db: database.db,
    secrets: createEnvSecretsProvider({ mode: 'demo', env: {} }),
    urls: sim.urls,
    rateClock: scaledClock(scenario.timeScale),
  });
  const connected = await connectSimSeller(
    stack,
    sim.urls,
    { sellingPartnerId: scenario.seller, marketplaceIds: [MARKETPLACE] },
    scenario.version,
  );
  await control.resetCalls();
  const started = performance.now();
  const outcome = await stack.engine.run(connected.connectionId, 'manual');
  const wallSeconds = (performance.now() - started) / 1000;
  const { calls, responses } = await control.calls();
  const throttled = Object.entries(responses)
    .filter(([key]) => key.endsWith(' 429'))
    .reduce((sum, [, count]) => sum + count, 0);
  const bound = lowerBound(scenario.calls(outcome.counters.ordersSeen), scenario.timeScale);
  results.push({
    ordersApiVersion: scenario.version,
    status: outcome.status,
    timeScale: scenario.timeScale,
    orders: outcome.counters.ordersSeen,
    pages: outcome.counters.pages,
    rateWaits: outcome.counters.rateWaits,
    retries: outcome.counters.retries,
    callsPerOperation: calls,
    throttled429: throttled,
    wallSeconds: Number(wallSeconds.toFixed(3)),
    lowerBoundSeconds: Number(bound.seconds.toFixed(3)),
    lowerBoundPerOperation: Object.fromEntries(
      Object.entries(bound.perOperation).map(([k, v]) => [k, Number(v.toFixed(3))]),
    ),
    ratioToLowerBound: bound.seconds > 0 ? Number((wallSeconds / bound.seconds).toFixed(3)) : null,
    simulatedSecondsAtRealRate: Number((wallSeconds * scenario.timeScale).toFixed(0)),
  });
  await stack.close();
  await database.close();
}
await sim.stop();
rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: 'order sync: wall time vs token-bucket lower bound',
  node: process.version,
  ordersPerSeller: ORDERS,
  scenarios: results,
};
const out = new URL('../../../../bench-results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('order-sync.json', out), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
