import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_POSTGRES_URL,
  forEachDialect,
  type DialectContext,
} from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { createEnvSecretsProvider } from '../secrets/index.js';
import { scaledClock } from '../spapi/index.js';
import { simControl, type SimControl } from '../spapi/testing/sim-control.js';
import { SIM_APP, SIM_WORLD } from '../spapi/testing/sim-world.js';
import type { OrdersApiVersion } from '../storage/index.js';
import type { SyncProgressEvent } from './sync-events.js';
import { compareWithSimulator } from './testing/sim-truth.js';
import {
  buildSyncStack,
  connectSimSeller,
  type ConnectedSeller,
  type SyncStack,
} from './testing/sync-stack.js';

// The order sync against the simulator, on both dialects and both Orders API versions: a sync
// of thousands of orders with faults switched on ends with exactly the simulator's orders,
// lines and PII; counted calls (one RDT for a v0 bulk sync, no 429 provoked by the governor);
// incremental runs; invalid_grant pauses the seller; no canary PII or token in any log line,
// in the SQLite files or in a Postgres dump. Nothing here asserts on time.

const TIME_SCALE = 1000;
const US = 'ATVPDKIKX0DER';
const BIG = 2000;
const SMALL = 300;

const seller = (id: string, orderCount: number) => ({
  sellingPartnerId: id,
  name: `Sync Test ${id}`,
  region: 'na' as const,
  marketplaceIds: [US],
  orderCount,
  historyDays: 20,
  futureDays: 0,
});

/** Per dialect and version its own sellers: rate buckets are never shared between suites. */
const SELLERS = {
  sqlite: {
    v0: seller('A4SYNCVZEROSQL', BIG),
    '2026-01-01': seller('A5SYNCNEWSQL', BIG),
    small: seller('A6SYNCSMALLSQL', SMALL),
    revoked: seller('A7SYNCREVOKESQL', 50),
  },
  postgres: {
    v0: seller('A4SYNCVZEROPG', BIG),
    '2026-01-01': seller('A5SYNCNEWPG', BIG),
    small: seller('A6SYNCSMALLPG', SMALL),
    revoked: seller('A7SYNCREVOKEPG', 50),
  },
} as const;

const CANARY = {
  buyer: { name: 'Canary Perpetua Ravensworth', email: 'perpetua.canary7@buyer.example' },
  shippingAddress: {
    name: 'Canary Leopold Fairweather',
    addressLine1: '88 Quillon Canary Lane',
    city: 'Marrowgate',
    stateOrRegion: 'OR',
    postalCode: '97999',
    countryCode: 'US',
    phone: '+1 503 555 0147',
  },
};
const CANARY_TEXTS = [
  CANARY.buyer.name,
  CANARY.buyer.email,
  CANARY.shippingAddress.name,
  CANARY.shippingAddress.addressLine1,
  CANARY.shippingAddress.phone,
];
/** Token shapes: refresh, access, restricted data. */
const TOKEN_SHAPES = [/Atzr\|/, /Atza\|/, /Atz\.sprdt\|/];

const FAULTS = {
  seed: 5,
  http500: 0.03,
  http503: 0.03,
  throttle: 0.03,
  reset: 0.02,
  truncate: 0.02,
  operations: ['getOrders', 'getOrderItems', 'searchOrders'],
};

let sim: RunningSimulator;
let control: SimControl;

beforeAll(async () => {
  await ready();
  sim = await startSimulator({
    ...SIM_WORLD,
    timeScale: TIME_SCALE,
    sellers: [
      ...SIM_WORLD.sellers,
      ...Object.values(SELLERS).flatMap((s) =>
        Object.values(s).map((x) => ({ ...x, marketplaceIds: [...x.marketplaceIds] })),
      ),
    ],
  });
  control = simControl(sim.urls.control);
});

afterAll(async () => {
  await sim.stop();
});

async function bytesAtRest(t: DialectContext): Promise<{ name: string; bytes: Buffer }[]> {
  if (t.dialect === 'sqlite') {
    const dir = dirname(t.handle().location);
    const names = await readdir(dir);
    return Promise.all(
      names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })),
    );
  }
  const { stdout } = await promisify(execFile)(
    'pg_dump',
    ['--data-only', '--schema', t.handle().location, TEST_POSTGRES_URL],
    { maxBuffer: 512 * 1024 * 1024, encoding: 'buffer' },
  );
  return [{ name: 'pg_dump', bytes: stdout }];
}

describe('order sync against the simulator', { timeout: 120_000 }, () => {
  forEachDialect((t) => {
    let stack: SyncStack;
    const sellers = SELLERS[t.dialect];

    beforeAll(() => {
      stack = buildSyncStack({
        db: t.db(),
        secrets: createEnvSecretsProvider({ mode: 'demo', env: {} }),
        urls: sim.urls,
        rateClock: scaledClock(TIME_SCALE),
      });
    });
    afterAll(async () => {
      await stack.close();
    });

    const failureText = () =>
      JSON.stringify(stack.logger.lines.filter((l) => l.message === 'sync.failed'));

    function record(organizationId: string): SyncProgressEvent[] {
      const events: SyncProgressEvent[] = [];
      stack.events.subscribe(organizationId, (e) => events.push(e));
      return events;
    }

    async function plantCanaries(sellingPartnerId: string): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const { amazonOrderId } = await control.addOrder(sellingPartnerId, {
          canary: true,
          marketplaceId: US,
          purchaseDate: new Date(Date.now() - (i + 1) * 3600_000).toISOString(),
          ...CANARY,
          items: [{ quantityOrdered: 1, giftMessageText: `Canary gift note ${String(i)}` }],
        });
        ids.push(amazonOrderId);
      }
      return ids;
    }

    for (const version of ['v0', '2026-01-01'] as const satisfies readonly OrdersApiVersion[]) {
      it(`${version}: a faulty sync of ${String(BIG)} orders ends with exactly the simulator's orders, lines and PII`, async () => {
        const target = sellers[version];
        await plantCanaries(target.sellingPartnerId);
        const connected = await connectSimSeller(stack, sim.urls, target, version);
        const events = record(connected.organizationId);
        await control.setFaults(FAULTS);
        await control.resetCalls();
        let outcome;
        try {
          outcome = await stack.engine.run(connected.connectionId, 'manual');
        } finally {
          await control.setFaults({});
        }
        expect(outcome.status, failureText()).toBe('succeeded');
        expect(outcome.counters.retries).toBeGreaterThan(0);

        const report = await compareWithSimulator({
          sim,
          db: t.db(),
          vault: stack.vault,
          ...connected,
          marketplaceId: US,
          piiEvery: 7,
        });
        expect(report.missing).toEqual([]);
        expect(report.unknown).toEqual([]);
        expect(report.mismatched).toEqual([]);
        expect(report.compared).toBeGreaterThan(BIG * 0.9);
        expect(report.piiCompared).toBeGreaterThan(50);

        const { calls } = await control.calls();
        if (version === 'v0') {
          // One generic RDT for the whole bulk sync, not one per order or page.
          expect(calls.createRestrictedDataToken).toBe(1);
          expect(calls.getOrders).toBeGreaterThanOrEqual(BIG / 100);
        } else {
          expect(calls.createRestrictedDataToken ?? 0).toBe(0);
          expect(calls.searchOrders).toBeGreaterThanOrEqual(BIG / 100);
        }
        const pages = events.filter((e) => e.type === 'page');
        expect(pages.length).toBe(outcome.counters.pages);
        expect(events.at(0)?.type).toBe('started');
        expect(events.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
        expect(events.some((e) => e.type === 'retry')).toBe(true);

        const run = await stack.sync.runsRepository.findById(outcome.runId ?? '');
        expect(run).toMatchObject({ status: 'succeeded', pages: outcome.counters.pages });
      });
    }

    it('v0 with the governor matching the simulator: no 429, waits reported, one RDT', async () => {
      const target = sellers.small;
      const connected = await connectSimSeller(stack, sim.urls, target, 'v0');
      const events = record(connected.organizationId);
      // A seller whose items quota is slower than the model's default (learned from
      // x-amzn-RateLimit-Limit): at the time scale, the calls outrun the refill and wait.
      await control.setRate(target.sellingPartnerId, {
        operationId: 'getOrderItems',
        rate: 0.1,
        burst: 30,
      });
      await control.resetCalls();
      const outcome = await stack.engine.run(connected.connectionId, 'manual');
      expect(outcome.status, String(outcome.errorCode)).toBe('succeeded');
      expect(await control.throttled()).toEqual({});
      const { calls } = await control.calls();
      expect(calls.createRestrictedDataToken).toBe(1);
      // One getOrderItems per order, beyond the burst of 30: the governor waits instead of a 429.
      expect(calls.getOrderItems).toBe(outcome.counters.ordersSeen);
      expect(events.some((e) => e.type === 'rate-wait')).toBe(true);

      // Incremental: a new order, the simulator's clock past the 2-minute rule.
      const before = outcome.counters.ordersSeen;
      const added = await control.addOrder(target.sellingPartnerId, {
        marketplaceId: US,
        status: 'Unshipped',
      });
      await control.advanceClock(180);
      await control.resetCalls();
      const again = await stack.engine.run(connected.connectionId, 'schedule');
      expect(again.status).toBe('succeeded');
      expect(again.counters.ordersInserted).toBe(1);
      const stored = await t
        .db()
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('organization_id', '=', connected.organizationId)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(before + 1);
      const row = await t
        .db()
        .selectFrom('orders')
        .select('amazon_order_id')
        .where('amazon_order_id', '=', added.amazonOrderId)
        .executeTakeFirst();
      expect(row).toBeDefined();
      // Only changed orders cost a getOrderItems call.
      expect((await control.calls()).calls.getOrderItems).toBe(
        again.counters.ordersInserted + again.counters.ordersUpdated,
      );
    });

    it('invalid_grant pauses the seller: needs re-authorization, audited, sync refused', async () => {
      const target = sellers.revoked;
      const connected: ConnectedSeller = await connectSimSeller(
        stack,
        sim.urls,
        target,
        '2026-01-01',
      );
      await control.revoke(target.sellingPartnerId, SIM_APP.clientId);
      stack.access.tokens.forget(connected.connectionId);
      const outcome = await stack.engine.run(connected.connectionId, 'schedule');
      expect(outcome).toMatchObject({ status: 'paused', errorCode: 'NEEDS_REAUTHORIZATION' });
      const connection = await stack.connections.repository.findById(connected.connectionId);
      expect(connection?.status).toBe('needs-reauthorization');
      const audit = await t
        .db()
        .selectFrom('audit_entries')
        .select(['action', 'reason_code'])
        .where('organization_id', '=', connected.organizationId)
        .where('action', '=', 'amazon.reauthorization-required')
        .execute();
      expect(audit).toEqual([
        { action: 'amazon.reauthorization-required', reason_code: 'INVALID_GRANT' },
      ]);
      await expect(stack.sync.trigger(connected.connectionId)).rejects.toMatchObject({
        code: 'NEEDS_REAUTHORIZATION',
      });
      const skipped = await stack.engine.run(connected.connectionId, 'schedule');
      expect(skipped.status).toBe('skipped');
    });

    it('leaves no canary PII and no token in any log line or in the bytes at rest', async () => {
      const logs = stack.logger.text();
      for (const text of CANARY_TEXTS) expect(logs).not.toContain(text);
      for (const shape of TOKEN_SHAPES) expect(logs).not.toMatch(shape);
      const files = await bytesAtRest(t);
      expect(files.length).toBeGreaterThan(0);
      for (const { name, bytes } of files) {
        for (const text of CANARY_TEXTS) {
          expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${name}`).toBe(false);
        }
        for (const shape of TOKEN_SHAPES) {
          expect(shape.test(bytes.toString('latin1')), `token in ${name}`).toBe(false);
        }
      }
    });
  });
});
