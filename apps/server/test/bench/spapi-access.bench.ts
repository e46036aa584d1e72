// Benchmark: the SP-API access layer against the simulator, refill sped up by the time scale.
// For a per-order burst (getOrder) and a paged history (getOrders): calls per operation and
// 429s (from the simulator's control API), wall time versus the token-bucket lower bound, with
// the rate governor and, for comparison, without it. Prints the result and writes
// bench-results/spapi-access.json at the repository root.
//
//   npx tsx apps/server/test/bench/spapi-access.bench.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startSimulator } from '@spapi/spapi-sim';
import { scaledClock, type Clock } from '../../src/spapi/clock.js';
import { createSpapiClient } from '../../src/spapi/client/spapi-client.js';
import { createHttpClient } from '../../src/spapi/http-transport.js';
import { resolveOperation, type OperationName } from '../../src/spapi/operations/operations.js';
import { retryPolicyOf } from '../../src/spapi/retry-policy.js';
import { createSpapiAccess, type SpapiAccess } from '../../src/spapi/spapi-access.js';
import { simControl } from '../../src/spapi/testing/sim-control.js';
import {
  SIM_APP,
  SIM_WORLD,
  connectSeller,
  simAmazonConfig,
  testRefreshTokens,
} from '../../src/spapi/testing/sim-world.js';
import { userAgent } from '../../src/spapi/user-agent.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const PER_ORDER_CALLS = Number(process.env.BENCH_PER_ORDER_CALLS ?? 150);
const GET_ORDER_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 100);
const PAGES_SCALE = Number(process.env.BENCH_PAGES_TIME_SCALE ?? 1000);
const PAGE_SIZE = 10;
const SELLER = 'A1BENCHACCESSNA';
const OTHER_SELLER = 'A2BENCHACCESSNA';
const MARKETPLACE = 'ATVPDKIKX0DER';
const DAY_MS = 86_400_000;

const seller = (id: string) => ({
  sellingPartnerId: id,
  name: `Bench ${id}`,
  region: 'na' as const,
  marketplaceIds: [MARKETPLACE],
  orderCount: ORDERS,
  historyDays: 20,
  futureDays: 0,
});
const sim = await startSimulator({ ...SIM_WORLD, sellers: [seller(SELLER), seller(OTHER_SELLER)] });
const control = simControl(sim.urls.control);
const refreshTokens = testRefreshTokens();

function access(rateClock: Clock): SpapiAccess {
  return createSpapiAccess({
    amazon: simAmazonConfig(sim.urls),
    clientSecret: () => Promise.resolve(SIM_APP.clientSecret),
    refreshTokens: refreshTokens.source,
    clock: rateClock,
    rateClock,
    retry: { maxAttempts: 10 },
  });
}

async function setTimeScale(timeScale: number): Promise<Clock> {
  await fetch(`${sim.urls.control ?? ''}/_sim/time-scale`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ timeScale }),
  });
  return scaledClock(timeScale);
}

/** Seconds a perfect client needs for `calls` calls from a full bucket (rate and burst of the model). */
function lowerBoundSeconds(operation: OperationName, calls: number, timeScale: number): number {
  const { rate, burst } = resolveOperation(operation).plan;
  return Math.max(0, calls - burst) / rate / timeScale;
}

async function measure(
  name: string,
  operation: OperationName,
  timeScale: number,
  run: () => Promise<number>,
): Promise<Record<string, unknown>> {
  await control.resetCalls();
  const started = performance.now();
  const madeCalls = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const { calls, responses } = await control.calls();
  const throttled = Object.entries(responses)
    .filter(([key]) => key.endsWith(' 429'))
    .reduce((sum, [, count]) => sum + count, 0);
  const bound = lowerBoundSeconds(operation, madeCalls, timeScale);
  return {
    scenario: name,
    operation,
    plan: resolveOperation(operation).plan,
    timeScale,
    logicalCalls: madeCalls,
    callsPerOperation: calls,
    responses,
    throttled429: throttled,
    wallSeconds: Number(wallSeconds.toFixed(3)),
    lowerBoundSeconds: Number(bound.toFixed(3)),
    ratioToLowerBound: bound > 0 ? Number((wallSeconds / bound).toFixed(3)) : null,
    simulatedSecondsAtRealRate: Number((wallSeconds * timeScale).toFixed(0)),
  };
}

// Connect both sellers through the consent page and LWA, as the product does.
{
  const setup = access(scaledClock(1));
  for (const id of [SELLER, OTHER_SELLER]) {
    await connectSeller(sim.urls, setup.tokens, refreshTokens, {
      sellingPartnerId: id,
      region: 'na',
    });
  }
}
const orderIds: string[] = [];
const results: Record<string, unknown>[] = [];

// 1. The whole history, paged with getOrders (one worker, sequential pages).
{
  const clock = await setTimeScale(PAGES_SCALE);
  const { client } = access(clock);
  results.push(
    await measure(
      'paged history (getOrders, 10 per page)',
      'ordersV0.getOrders',
      PAGES_SCALE,
      async () => {
        let pages = 0;
        let nextToken: string | undefined;
        const CreatedAfter = new Date(Date.now() - 30 * DAY_MS).toISOString();
        do {
          const query =
            nextToken === undefined
              ? { MarketplaceIds: [MARKETPLACE], CreatedAfter, MaxResultsPerPage: PAGE_SIZE }
              : { MarketplaceIds: [MARKETPLACE], NextToken: nextToken };
          const page = await client.call(
            'ordersV0.getOrders',
            { query },
            { sellerId: SELLER, region: 'na' },
          );
          orderIds.push(...(page.body.payload?.Orders ?? []).map((o) => o.AmazonOrderId));
          nextToken = page.body.payload?.NextToken;
          pages += 1;
        } while (nextToken !== undefined);
        return pages;
      },
    ),
  );
}

// 2. A per-order burst (getOrder for each order), through the seller's executor and governor.
const burstIds = Array.from(
  { length: PER_ORDER_CALLS },
  (_, i) => orderIds[i % orderIds.length] ?? '',
);
{
  const clock = await setTimeScale(GET_ORDER_SCALE);
  const { client, executor } = access(clock);
  results.push(
    await measure(
      'per-order burst, governed (getOrder)',
      'ordersV0.getOrder',
      GET_ORDER_SCALE,
      async () => {
        await Promise.all(
          burstIds.map((orderId) =>
            executor.run(SELLER, () =>
              client.call(
                'ordersV0.getOrder',
                { path: { orderId } },
                { sellerId: SELLER, region: 'na' },
              ),
            ),
          ),
        );
        return burstIds.length;
      },
    ),
  );
}

// 3. The same burst without the governor: retries with backoff find the quota by 429s.
{
  const clock = await setTimeScale(GET_ORDER_SCALE);
  const { tokens } = access(clock);
  const ungoverned = createSpapiClient({
    spapiBaseUrls: sim.urls.spapi,
    tokens,
    http: createHttpClient({ userAgent: userAgent() }),
    clock,
    retry: retryPolicyOf({ maxAttempts: 12, baseDelayMs: 500, maxDelayMs: 30_000 }),
    random: Math.random,
  });
  const otherIds =
    (
      await ungoverned.call(
        'ordersV0.getOrders',
        {
          query: {
            MarketplaceIds: [MARKETPLACE],
            CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
          },
        },
        { sellerId: OTHER_SELLER, region: 'na' },
      )
    ).body.payload?.Orders.map((o) => o.AmazonOrderId) ?? [];
  const ids = burstIds.map((_, i) => otherIds[i % otherIds.length] ?? '');
  results.push(
    await measure(
      'per-order burst, no governor, sequential with retries (getOrder)',
      'ordersV0.getOrder',
      GET_ORDER_SCALE,
      async () => {
        let failed = 0;
        for (const orderId of ids) {
          await ungoverned
            .call(
              'ordersV0.getOrder',
              { path: { orderId } },
              { sellerId: OTHER_SELLER, region: 'na' },
            )
            .catch(() => (failed += 1));
        }
        if (failed > 0) process.stderr.write(`ungoverned: ${String(failed)} calls gave up\n`);
        return ids.length;
      },
    ),
  );
}
await sim.stop();

const result = {
  benchmark: 'spapi access layer: governor vs token-bucket lower bound',
  node: process.version,
  orders: ORDERS,
  headroomTokens: 1,
  scenarios: results,
};
const out = new URL('../../../../bench-results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('spapi-access.json', out), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
