import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../../test/storage-harness.js';
import { createKeyedJobQueue, type KeyedJobQueue } from './pg-boss-queue.js';

// The keyed pg-boss queue of Postgres mode, with queue instances standing for server processes
// on one database: per key at most one job runs anywhere (a job of a running key is skipped),
// one waits, and other keys are never held up behind a running key — including with a single
// process whose workers could otherwise all wait on one busy seller. Waits poll the state;
// nothing asserts on time.

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
  const done: number[] = [];
  const skipped: number[] = [];
  const gates = new Map<number, () => void>();
  const errors: unknown[] = [];
  const queues: KeyedJobQueue<Job>[] = [];

  function instance(queueName: string): KeyedJobQueue<Job> {
    const queue = createKeyedJobQueue<Job>({
      connectionString: TEST_POSTGRES_URL,
      schema,
      queue: queueName,
      isJob,
      keyOf: (job) => job.key,
      concurrency: 2,
      pollingIntervalSeconds: 0.5,
      expireInSeconds: 60,
      onError: (error) => errors.push(error),
      onSkipped: (job) => skipped.push(job.n),
      handler: (job) =>
        new Promise<void>((resolve) => {
          const n = (active.get(job.key) ?? 0) + 1;
          active.set(job.key, n);
          maxActiveForKey = Math.max(maxActiveForKey, n);
          gates.set(job.n, () => {
            active.set(job.key, (active.get(job.key) ?? 1) - 1);
            done.push(job.n);
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

  it('one process: a busy key never holds up the others (no head-of-line blocking)', async () => {
    const only = instance('test-one-process');
    await only.start();
    expect(await only.send({ key: 'A1', n: 1 }, 'A1:na')).toBe(true);
    await waitFor(() => gates.has(1), 'job 1 to start');
    // Another request for the running seller, then another seller's.
    expect(await only.send({ key: 'A1', n: 2 }, 'A1:na')).toBe(true);
    expect(await only.send({ key: 'B2', n: 3 }, 'B2:na')).toBe(true);
    await waitFor(() => skipped.includes(2), 'the running seller’s request to be skipped');
    await waitFor(() => gates.has(3), 'the other seller to start while A1 runs');
    expect(gates.has(2)).toBe(false);
    gates.get(1)?.();
    gates.get(3)?.();
    await waitFor(() => done.includes(1) && done.includes(3), 'both to finish');
    expect(maxActiveForKey).toBe(1);
  });

  it('two processes: one run per key across them, one waiting request per key', async () => {
    const first = instance('test-two-processes');
    const second = instance('test-two-processes');
    await first.start();
    await second.start();
    // Queued faster than any worker polls: the second request for a key waits as the first.
    expect(await first.send({ key: 'C3', n: 4 }, 'C3:na')).toBe(true);
    expect(await second.send({ key: 'C3', n: 5 }, 'C3:na')).toBe(false);
    await waitFor(() => gates.has(4), 'job 4 to start');
    expect(await second.send({ key: 'C3', n: 6 }, 'C3:na')).toBe(true);
    await waitFor(() => skipped.includes(6), 'the duplicate to be skipped in either process');
    gates.get(4)?.();
    await waitFor(() => done.includes(4), 'job 4 to finish');
    // Once the key is free, a new request runs.
    expect(await first.send({ key: 'C3', n: 7 }, 'C3:na')).toBe(true);
    await waitFor(() => gates.has(7), 'job 7 to start');
    gates.get(7)?.();
    await waitFor(() => done.includes(7), 'job 7 to finish');
    expect(maxActiveForKey).toBe(1);
    expect(errors).toEqual([]);
  });
});
