/**
 * A Postgres job queue (pg-boss) for work that must run in one place at a time across server
 * processes, keyed (one seller's sync, the retention run):
 * - the `short` policy keeps at most one job queued per `singletonKey` (asking again while one
 *   waits is a no-op);
 * - the handler runs under a session-level advisory lock on the key, taken without waiting: a
 *   job whose key is already running elsewhere completes at once as skipped (that run covers
 *   it, and the next schedule tick asks again). A killed process's lock goes with its
 *   connection.
 *
 * Not `stately`/`singleton`: in pg-boss 10 their uniqueness on active jobs makes a worker that
 * fetches a waiting job of a running key fail quietly, and every job queued behind it waits
 * (head-of-line blocking across all keys, pg-boss issue #536).
 *
 * pg-boss keeps its tables in the schema given; it and the lock pool are the only connections
 * opened here (drivers are opened only in storage).
 */
import PgBoss from 'pg-boss';
import pg from 'pg';

export interface KeyedJobQueueOptions<T> {
  readonly connectionString: string;
  /** The Postgres schema pg-boss keeps its tables in. */
  readonly schema: string;
  readonly queue: string;
  /** Checks a job's data before the handler sees it (jobs outlive code versions). */
  readonly isJob: (data: unknown) => data is T;
  /** The key a job runs under (the same as its `singletonKey`). */
  readonly keyOf: (job: T) => string;
  readonly handler: (job: T) => Promise<void>;
  /** A job was dropped because its key is running elsewhere. */
  readonly onSkipped?: (job: T) => void;
  readonly onError: (error: unknown) => void;
  /** Jobs this process runs at the same time. Default 1. */
  readonly concurrency?: number;
  readonly pollingIntervalSeconds?: number;
  /** A job still active after this long is failed by pg-boss (the lock still guards its key). */
  readonly expireInSeconds: number;
}

export interface KeyedJobQueue<T> {
  /** False when a job with this key is already waiting. */
  send(data: T, singletonKey: string): Promise<boolean>;
  start(): Promise<void>;
  /** Stops fetching and waits (bounded) for active jobs. */
  stop(): Promise<void>;
}

export function createKeyedJobQueue<T extends object>(
  options: KeyedJobQueueOptions<T>,
): KeyedJobQueue<T> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema,
    max: 4,
    application_name: `parcel-desk-${options.queue}`,
  });
  boss.on('error', options.onError);
  const concurrency = options.concurrency ?? 1;
  // One connection per running job holds its key's advisory lock.
  const locks = new pg.Pool({
    connectionString: options.connectionString,
    max: concurrency,
    application_name: `parcel-desk-${options.queue}-locks`,
  });
  locks.on('error', options.onError);

  async function runLocked(job: T): Promise<void> {
    const client = await locks.connect();
    const key = `${options.queue}:${options.keyOf(job)}`;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
        [key],
      );
      if (rows[0]?.locked !== true) {
        options.onSkipped?.(job);
        return;
      }
      try {
        await options.handler(job);
      } finally {
        await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      }
    } finally {
      client.release();
    }
  }

  return {
    async send(data, singletonKey) {
      return (await boss.send(options.queue, data, { singletonKey })) !== null;
    },
    async start() {
      await boss.start();
      // Idempotent (ON CONFLICT DO NOTHING): every process may call it at start.
      await boss.createQueue(options.queue, {
        name: options.queue,
        policy: 'short',
        // A failed job is not retried by pg-boss: the next schedule tick asks again.
        retryLimit: 0,
        expireInSeconds: options.expireInSeconds,
      });
      for (let i = 0; i < concurrency; i += 1) {
        await boss.work<unknown>(
          options.queue,
          { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
          async (jobs) => {
            for (const job of jobs) {
              if (!options.isJob(job.data)) throw new Error(`malformed ${options.queue} job`);
              await runLocked(job.data);
            }
          },
        );
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 15_000, wait: true });
      await locks.end();
    },
  };
}
