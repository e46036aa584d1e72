/**
 * Who runs syncs, and the rule that at most one sync per seller is active: a job is keyed by
 * the selling partner and region (Amazon meters calls per selling partner and application), and
 * syncs every active connection of that seller. Per key: one job running and at most one
 * queued; asking again while one is queued is a no-op ("already queued").
 *
 * - Embedded mode (SQLite, one process): {@link createInProcessSyncQueue}; a request while
 *   the seller's sync runs waits and runs after it.
 * - Postgres mode (any number of processes): {@link createPgBossSyncQueue}, a pg-boss queue
 *   keyed by seller (one waiting job per seller) whose jobs run under the seller's advisory
 *   lock, so the rule holds across processes and the governor's buckets in the process that
 *   runs a seller's job stay true. A request while the seller's sync runs elsewhere is dropped
 *   as covered by it; the next schedule tick (or "sync now") asks again.
 */
import { createKeyedJobQueue, type SyncTrigger } from '../storage/index.js';

export interface SyncTarget {
  readonly sellingPartnerId: string;
  readonly region: string;
}

export interface SyncJob extends SyncTarget {
  readonly trigger: SyncTrigger;
}

export type SyncJobHandler = (job: SyncJob, signal: AbortSignal) => Promise<void>;

export type EnqueueResult = 'queued' | 'already-queued';

export interface SyncQueue {
  enqueue(job: SyncJob): Promise<EnqueueResult>;
  start(): Promise<void>;
  /** Stops taking jobs, aborts the running ones and waits for them to settle. */
  stop(): Promise<void>;
}

export const sellerKey = (target: SyncTarget): string =>
  `${target.sellingPartnerId}:${target.region}`;

interface KeyState {
  running: Promise<void> | null;
  queued: SyncJob | null;
}

export function createInProcessSyncQueue(options: {
  readonly handler: SyncJobHandler;
  readonly onError: (error: unknown, job: SyncJob) => void;
}): SyncQueue {
  const states = new Map<string, KeyState>();
  const controller = new AbortController();
  let accepting = false;

  const launch = (key: string, state: KeyState, job: SyncJob): void => {
    state.running = (async () => {
      try {
        await options.handler(job, controller.signal);
      } catch (error) {
        options.onError(error, job);
      }
    })().finally(() => {
      state.running = null;
      const next = state.queued;
      state.queued = null;
      if (next !== null && accepting) launch(key, state, next);
      else if (next === null) states.delete(key);
    });
  };

  return {
    enqueue(job) {
      if (!accepting) return Promise.reject(new Error('sync queue is not running'));
      const key = sellerKey(job);
      let state = states.get(key);
      if (state === undefined) {
        state = { running: null, queued: null };
        states.set(key, state);
      }
      if (state.running === null) {
        launch(key, state, job);
        return Promise.resolve('queued');
      }
      if (state.queued !== null) return Promise.resolve('already-queued');
      state.queued = job;
      return Promise.resolve('queued');
    },
    start() {
      accepting = true;
      return Promise.resolve();
    },
    async stop() {
      accepting = false;
      controller.abort(new Error('server stopping'));
      for (const state of states.values()) state.queued = null;
      await Promise.all([...states.values()].map((s) => s.running ?? Promise.resolve()));
    },
  };
}

export const SYNC_QUEUE_NAME = 'order-sync';

export interface PgBossQueueOptions {
  readonly connectionString: string;
  /** The Postgres schema pg-boss keeps its tables in. */
  readonly schema: string;
  readonly handler: SyncJobHandler;
  readonly onError: (error: unknown) => void;
  /** Sellers this process syncs at the same time. Default 2. */
  readonly concurrency?: number;
  readonly pollingIntervalSeconds?: number;
}

function isSyncJob(data: unknown): data is SyncJob {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    typeof d.sellingPartnerId === 'string' &&
    typeof d.region === 'string' &&
    (d.trigger === 'schedule' || d.trigger === 'manual' || d.trigger === 'connect')
  );
}

export function createPgBossSyncQueue(options: PgBossQueueOptions): SyncQueue {
  const controller = new AbortController();
  const queue = createKeyedJobQueue<SyncJob>({
    connectionString: options.connectionString,
    schema: options.schema,
    queue: SYNC_QUEUE_NAME,
    isJob: isSyncJob,
    keyOf: sellerKey,
    handler: (job) => options.handler(job, controller.signal),
    onError: options.onError,
    concurrency: options.concurrency ?? 2,
    ...(options.pollingIntervalSeconds === undefined
      ? {}
      : { pollingIntervalSeconds: options.pollingIntervalSeconds }),
    // Long first syncs: v0 items are fetched at 0.5 requests per second.
    expireInSeconds: 6 * 3600,
  });
  return {
    async enqueue(job) {
      const data = {
        sellingPartnerId: job.sellingPartnerId,
        region: job.region,
        trigger: job.trigger,
      };
      return (await queue.send(data, sellerKey(job))) ? 'queued' : 'already-queued';
    },
    start: () => queue.start(),
    async stop() {
      controller.abort(new Error('server stopping'));
      await queue.stop();
    },
  };
}

/** Enqueues every active seller every `intervalMs` (unref'd), and once at start. */
export function startSyncSchedule(options: {
  readonly queue: Pick<SyncQueue, 'enqueue'>;
  readonly targets: () => Promise<readonly SyncTarget[]>;
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
}): { stop(): void } {
  const tick = async (): Promise<void> => {
    for (const target of await options.targets()) {
      await options.queue.enqueue({ ...target, trigger: 'schedule' });
    }
  };
  const run = (): void => {
    tick().catch(options.onError);
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}
