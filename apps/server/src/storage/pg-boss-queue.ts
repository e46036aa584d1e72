/**
 * A Postgres job queue (pg-boss) for work that must run in one place at a time across server
 * processes: the `stately` policy keeps, per `singletonKey`, at most one job queued and one
 * active. pg-boss keeps its tables in its own schema; it opens its own small pool (drivers are
 * opened only here, in storage).
 */
import PgBoss from 'pg-boss';

export interface KeyedJobQueueOptions<T> {
  readonly connectionString: string;
  /** The Postgres schema pg-boss keeps its tables in. */
  readonly schema: string;
  readonly queue: string;
  /** Checks a job's data before the handler sees it (jobs outlive code versions). */
  readonly isJob: (data: unknown) => data is T;
  readonly handler: (job: T) => Promise<void>;
  readonly onError: (error: unknown) => void;
  /** Jobs this process runs at the same time. Default 1. */
  readonly concurrency?: number;
  readonly pollingIntervalSeconds?: number;
  /** A job still active after this long is failed by pg-boss (its worker is presumed gone). */
  readonly expireInSeconds: number;
}

export interface KeyedJobQueue<T> {
  /** False when a job with this key is already queued (one queued, one active per key). */
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
  return {
    async send(data, singletonKey) {
      return (await boss.send(options.queue, data, { singletonKey })) !== null;
    },
    async start() {
      await boss.start();
      // Idempotent (ON CONFLICT DO NOTHING): every process may call it at start.
      await boss.createQueue(options.queue, {
        name: options.queue,
        policy: 'stately',
        // A failed job is not retried by pg-boss: the next schedule tick asks again.
        retryLimit: 0,
        expireInSeconds: options.expireInSeconds,
      });
      for (let i = 0; i < (options.concurrency ?? 1); i += 1) {
        await boss.work<unknown>(
          options.queue,
          { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
          async (jobs) => {
            for (const job of jobs) {
              if (!options.isJob(job.data)) throw new Error(`malformed ${options.queue} job`);
              await options.handler(job.data);
            }
          },
        );
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 15_000, wait: true });
    },
  };
}
