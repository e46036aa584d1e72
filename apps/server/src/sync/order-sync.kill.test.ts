import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_POSTGRES_URL,
  forEachDialect,
  type DialectContext,
} from '../../test/storage-harness.js';
import type { DatabaseConfig } from '../config/index.js';
import { ready } from '../crypto/index.js';
import { createEnvSecretsProvider } from '../secrets/index.js';
import { SIM_WORLD } from '../spapi/testing/sim-world.js';
import type { OrdersApiVersion } from '../storage/index.js';
import { compareWithSimulator } from './testing/sim-truth.js';
import { buildSyncStack, connectSimSeller, type ConnectedSeller } from './testing/sync-stack.js';

// kill -9 anywhere: a child process syncs a connection and is killed with SIGKILL at random
// points (between pages, in the middle of a page's items, inside its transaction); each restart
// resumes from the last committed checkpoint. The last run completes, and the store holds
// exactly the simulator's orders, lines and PII: nothing lost, nothing twice.

const TIME_SCALE = 1000;
const US = 'ATVPDKIKX0DER';
const ORDERS = 1500;
const KILLS = 6;
const CHILD = fileURLToPath(new URL('./testing/sync-child.ts', import.meta.url));

const seller = (id: string) => ({
  sellingPartnerId: id,
  name: `Kill Test ${id}`,
  region: 'na' as const,
  marketplaceIds: [US],
  orderCount: ORDERS,
  historyDays: 20,
  futureDays: 0,
});

const SELLERS: Record<string, Record<OrdersApiVersion, ReturnType<typeof seller>>> = {
  sqlite: { v0: seller('A8KILLVZEROSQL'), '2026-01-01': seller('A9KILLNEWSQL') },
  postgres: { v0: seller('A8KILLVZEROPG'), '2026-01-01': seller('A9KILLNEWPG') },
};

let sim: RunningSimulator;
let dataDir: string;

beforeAll(async () => {
  await ready();
  sim = await startSimulator({
    ...SIM_WORLD,
    timeScale: TIME_SCALE,
    sellers: Object.values(SELLERS).flatMap((s) => Object.values(s)),
  });
  dataDir = await mkdtemp(join(tmpdir(), 'sync-kill-'));
});

afterAll(async () => {
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A seeded PRNG: a failing run prints its seed and can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChildRun {
  readonly child: ChildProcess;
  readonly pages: () => number;
  readonly exit: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    outcome: string | null;
  }>;
}

function startChild(database: DatabaseConfig, connected: ConnectedSeller): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      SYNC_CHILD_DATABASE: JSON.stringify(database),
      SYNC_CHILD_DATA_DIR: dataDir,
      SYNC_CHILD_SIM_URLS: JSON.stringify(sim.urls),
      SYNC_CHILD_CONNECTION: connected.connectionId,
      SYNC_CHILD_ORGANIZATION: connected.organizationId,
      SYNC_CHILD_TIME_SCALE: String(TIME_SCALE),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pages = 0;
  let outcome: string | null = null;
  let stderr = '';
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = JSON.parse(buffered.slice(0, newline)) as { type: string; status?: string };
      buffered = buffered.slice(newline + 1);
      if (line.type === 'page') pages += 1;
      if (line.type === 'outcome') outcome = line.status ?? null;
      newline = buffered.indexOf('\n');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exit = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    outcome: string | null;
  }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, stderr, outcome });
    });
  });
  return { child, pages: () => pages, exit };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function databaseOf(t: DialectContext, path: string): DatabaseConfig {
  return t.dialect === 'sqlite'
    ? { kind: 'sqlite', path }
    : { kind: 'postgres', url: TEST_POSTGRES_URL, schema: t.handle().location, poolMax: 2 };
}

describe('order sync survives kill -9 anywhere', { timeout: 300_000 }, () => {
  forEachDialect((t) => {
    for (const version of ['v0', '2026-01-01'] as const) {
      it(`${version}: killed ${String(KILLS)} times at random points, it ends with exactly the simulator's orders`, async () => {
        const seed = Number(process.env.SYNC_KILL_SEED ?? Date.now() % 1_000_000);
        const random = prng(seed);
        const secrets = createEnvSecretsProvider({ mode: 'demo', env: {}, dataDir });
        const stack = buildSyncStack({ db: t.db(), secrets, urls: sim.urls });
        const connected = await connectSimSeller(
          stack,
          sim.urls,
          SELLERS[t.dialect]![version],
          version,
        );
        const database = databaseOf(t, t.handle().location);

        let kills = 0;
        let completed = false;
        for (let attempt = 0; attempt < KILLS + 10 && !completed; attempt += 1) {
          const run = startChild(database, connected);
          if (kills < KILLS) {
            // Let it get somewhere (a page or two, sometimes none), then kill it mid-flight.
            // The first kill always comes after a committed page.
            const pagesBefore = attempt === 0 ? 1 : Math.floor(random() * 2);
            for (
              let i = 0;
              i < 6000 && run.pages() < pagesBefore && run.child.exitCode === null;
              i += 1
            ) {
              await sleep(10);
            }
            await sleep(Math.floor(random() * 150));
            if (run.child.exitCode === null && run.child.kill('SIGKILL')) kills += 1;
          }
          const exit = await run.exit;
          if (exit.signal === null) {
            expect(exit.code, `seed ${String(seed)}: ${exit.stderr}`).toBe(0);
            completed = exit.outcome === 'succeeded';
          }
        }
        expect(kills, `seed ${String(seed)}`).toBe(KILLS);
        expect(completed, `seed ${String(seed)}`).toBe(true);

        const report = await compareWithSimulator({
          sim,
          db: t.db(),
          vault: stack.vault,
          ...connected,
          marketplaceId: US,
          piiEvery: 5,
        });
        expect(report.missing, `seed ${String(seed)}`).toEqual([]);
        expect(report.unknown).toEqual([]);
        expect(report.mismatched).toEqual([]);
        expect(report.compared).toBeGreaterThan(ORDERS * 0.9);
        // The runs the kills interrupted stay `running` (a server start marks them interrupted).
        const runs = await t
          .db()
          .selectFrom('sync_runs')
          .select(['status', 'pages'])
          .where('connection_id', '=', connected.connectionId)
          .execute();
        expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
        // At least one kill came after a page was committed: the resume was real.
        expect(runs.some((r) => r.status === 'running' && r.pages > 0)).toBe(true);
        await stack.close();
      });
    }
  });
});
