/**
 * Checkpoints on a timer and at shutdown, beside the every-N-entries ones. Whoever can write the
 * table can append or drop entries after the last checkpoint unseen, so a quiet trail must not
 * stay unsigned for long: the interval bounds that window, and stopping signs the head one last
 * time. A failed checkpoint is reported (wire the logger), never thrown: the timer keeps going and
 * the process does not crash.
 */
import type { StoredCheckpoint } from './audit-checkpoints.js';
import type { AuditTrail } from './audit-trail.service.js';

/** Calls `tick` every `ms` until the returned cancel function runs. Must not hold the process. */
export type IntervalScheduler = (tick: () => void, ms: number) => () => void;

/** `setInterval`, unref'd: a pending checkpoint never keeps the process alive. */
export const unrefInterval: IntervalScheduler = (tick, ms) => {
  const handle = setInterval(tick, ms);
  handle.unref();
  return () => {
    clearInterval(handle);
  };
};

export interface CheckpointScheduleOptions {
  readonly audit: Pick<AuditTrail, 'checkpoint'>;
  readonly intervalMs: number;
  /** Same contract as `AuditTrailOptions.onBackgroundError`: log it. */
  readonly onBackgroundError: (stage: 'checkpoint', error: unknown) => void;
  /** Default `unrefInterval`; tests pass one they tick by hand. */
  readonly scheduler?: IntervalScheduler;
}

export interface CheckpointSchedule {
  /** Settles once the checkpoint the last tick started (if any) has finished. */
  idle(): Promise<void>;
  /**
   * Stops the timer, waits for a running checkpoint, then signs the current head (shutdown).
   * Resolves with that checkpoint (undefined: empty trail or failed, and reported); never
   * rejects. Calling it again returns the same promise.
   */
  stop(): Promise<StoredCheckpoint | undefined>;
}

export function startCheckpointSchedule(options: CheckpointScheduleOptions): CheckpointSchedule {
  const { audit, intervalMs } = options;
  if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
    throw new RangeError('the checkpoint interval must be a positive whole number of ms');
  }
  const report = (error: unknown): void => {
    try {
      options.onBackgroundError('checkpoint', error);
    } catch {
      // A failing reporter must not turn into an unhandled rejection.
    }
  };
  const sign = async (): Promise<StoredCheckpoint | undefined> => {
    try {
      return await audit.checkpoint();
    } catch (error) {
      report(error);
      return undefined;
    }
  };

  let running: Promise<void> | undefined;
  let stopping: Promise<StoredCheckpoint | undefined> | undefined;
  const tick = (): void => {
    // One at a time: a slow signer (remote secrets) skips ticks rather than piling them up.
    if (running !== undefined || stopping !== undefined) return;
    running = sign().then(() => {
      running = undefined;
    });
  };
  const cancel = (options.scheduler ?? unrefInterval)(tick, intervalMs);

  return {
    idle: async () => {
      await running;
    },
    stop: () =>
      (stopping ??= (async () => {
        cancel();
        await running;
        return sign();
      })()),
  };
}
