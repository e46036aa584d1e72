import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../../test/storage-harness.js';
import { createKeyedJobQueue, type KeyedJobQueue } from './pg-boss-queue.js';

// The pg-boss queue of Postgres mode, with two queue instances standing for two server
// processes on one database: per key at most one job active anywhere and one queued; other
// keys run meanwhile. Waits poll the state; nothing asserts on time.

interface Job {
  readonly key: string;
  readonly n: number;
}

const isJob = (data: unknown): data is Job =>
  typeof data === 'object' && data !== null && typeof (data as Job).key === 'string';

const schema = `pgboss_test_${randomBytes(4).toString('hex')}`;
const skip = process.env.SKIP_POSTGRES === '1';

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(skip)('pg-boss keyed job queue (postgres)', { timeout: 60_000 }, () => {
  const active = new Map<string, number>();
  let maxActiveForKey = 0;
  const done: Job[] = [];
  const gates = new Map<number, () => void>();
  const errors: unknown[] = [];
  const queues: KeyedJobQueue<Job>[] = [];

  function instance(): KeyedJobQueue<Job> {
    const queue = createKeyedJobQueue<Job>({
      connectionString: TEST_POSTGRES_URL,
      schema,
      queue: 'test-sync',
      isJob,
      concurrency: 2,
      pollingIntervalSeconds: 0.5,
      expireInSeconds: 60,
      onError: (error) => errors.push(error),
      handler: (job) =>
        new Promise<void>((resolve) => {
          const n = (active.get(job.key) ?? 0) + 1;
          active.set(job.key, n);
          maxActiveForKey = Math.max(maxActiveForKey, n);
          gates.set(job.n, () => {
            active.set(job.key, (active.get(job.key) ?? 1) - 1);
            done.push(job);
            resolve();
          });
        }),
    });
    queues.push(queue);
    return queue;
  }

  afterAll(async () => {
    for (const gate of gates.values()) gate();
    await Promise.all(queues.map((q) => q.stop()));
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('keeps one job per key active across processes, one queued, and runs other keys', async () => {
    const first = instance();
    const second = instance();
    await first.start();
    await second.start();

    expect(await first.send({ key: 'A1', n: 1 }, 'A1:na')).toBe(true);
    await waitFor(() => gates.has(1), 'job 1 to start');
    // One more may wait while one runs; a third is refused, from either process.
    expect(await second.send({ key: 'A1', n: 2 }, 'A1:na')).toBe(true);
    expect(await first.send({ key: 'A1', n: 3 }, 'A1:na')).toBe(false);
    expect(await second.send({ key: 'B2', n: 4 }, 'B2:na')).toBe(true);
    await waitFor(() => gates.has(4), 'the other seller to start');
    expect(gates.has(2)).toBe(false);

    gates.get(1)?.();
    await waitFor(() => gates.has(2), 'the queued job to start');
    gates.get(2)?.();
    gates.get(4)?.();
    await waitFor(() => done.length === 3, 'all jobs to finish');
    expect(done.map((j) => j.n).sort()).toEqual([1, 2, 4]);
    expect(maxActiveForKey).toBe(1);
    expect(errors).toEqual([]);
  });
});
