/**
 * The scheduler-agnostic entry point: the composition root builds one job and calls `run()` from
 * whatever schedules it (an in-process timer on SQLite, pg-boss on Postgres), and `verify()`
 * after it or on demand. Overlapping `run()` calls in one process share the run in flight.
 */
import type { RetentionDeps } from './retention-deps.js';
import { runRetention, type RetentionRunReport } from './retention-run.js';
import { verifyRetention, type RetentionVerifyReport } from './retention-verify.js';

export interface RetentionJobOptions extends RetentionDeps {
  /** Epoch milliseconds; read once per step as its `now`. */
  readonly clock: () => number;
  readonly batchSize?: number;
  readonly periodHorizonMs?: number;
}

export interface RetentionJob {
  run(): Promise<RetentionRunReport>;
  verify(): Promise<RetentionVerifyReport>;
}

export function createRetentionJob(options: RetentionJobOptions): RetentionJob {
  let inFlight: Promise<RetentionRunReport> | undefined;
  return {
    run: () => {
      inFlight ??= runRetention({ ...options, now: options.clock() }).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    verify: () => verifyRetention({ ...options, now: options.clock() }),
  };
}
