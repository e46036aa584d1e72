/**
 * When the retention job runs: every `intervalMs` (unref'd timer), first a minute after start.
 * Embedded mode calls the job in process (overlapping calls share the run in flight); Postgres
 * mode sends it through a pg-boss queue with one key, so that across server processes one run
 * is active and at most one waits. Each run is followed by a verification; both write their
 * records and audit entries, so the log line holds the run id and counts only.
 */
import type { Logger } from '../logging/index.js';
import { createKeyedJobQueue, type KeyedJobQueue } from '../storage/index.js';
import type { RetentionJob } from './retention-job.js';

export type RetentionQueueConfig =
  | { readonly kind: 'in-process' }
  | { readonly kind: 'pg-boss'; readonly connectionString: string; readonly schema: string };

export interface RetentionSchedule {
  /** Runs the job now (through the queue in Postgres mode). */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

export const RETENTION_QUEUE = 'pii-retention';
const FIRST_RUN_DELAY_MS = 60_000;

interface RetentionJobData {
  readonly requestedAt: number;
}

const isRetentionJob = (data: unknown): data is RetentionJobData =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as Partial<RetentionJobData>).requestedAt === 'number';

export async function startRetentionSchedule(options: {
  readonly job: RetentionJob;
  readonly intervalMs: number;
  readonly queue: RetentionQueueConfig;
  readonly logger: Logger;
  /** More upkeep on the same schedule, after each run (data key re-encryption, retirement). */
  readonly afterRun?: () => Promise<void>;
}): Promise<RetentionSchedule> {
  const { job, logger } = options;
  const runOnce = async (): Promise<void> => {
    const report = await job.run();
    const verification = await job.verify();
    logger.info('retention.run', {
      runId: report.runId,
      purged: report.purged,
      keysDestroyed: report.keysDestroyed,
      verified: verification.passed,
    });
    if (!verification.passed) logger.error('retention.verify-failed', { runId: report.runId });
    await options.afterRun?.();
  };
  const onError = (error: unknown): void => {
    logger.error('retention.failed', { err: error });
  };
  let queue: KeyedJobQueue<RetentionJobData> | undefined;
  if (options.queue.kind === 'pg-boss') {
    queue = createKeyedJobQueue<RetentionJobData>({
      connectionString: options.queue.connectionString,
      schema: options.queue.schema,
      queue: RETENTION_QUEUE,
      isJob: isRetentionJob,
      keyOf: () => RETENTION_QUEUE,
      handler: runOnce,
      onError,
      expireInSeconds: 3600,
      pollingIntervalSeconds: 10,
    });
    await queue.start();
  }
  const trigger = async (): Promise<void> => {
    if (queue === undefined) await runOnce();
    else await queue.send({ requestedAt: Date.now() }, RETENTION_QUEUE);
  };
  const timers: NodeJS.Timeout[] = [];
  if (options.intervalMs > 0) {
    const tick = (): void => {
      trigger().catch(onError);
    };
    const first = setTimeout(tick, Math.min(FIRST_RUN_DELAY_MS, options.intervalMs));
    const every = setInterval(tick, options.intervalMs);
    first.unref();
    every.unref();
    timers.push(first, every);
  }
  return {
    trigger,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await queue?.stop();
    },
  };
}
