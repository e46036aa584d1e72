/**
 * Delivers stored alerts through the notifier, outside the request path: a loop with
 * `start()/stop()` that picks undelivered alerts, claims one attempt each (counted in the row
 * before sending, so a crash mid-send still counts), and records success (`notified_at`) or the
 * failure code. Failed alerts are retried with exponential backoff until `maxAttempts`; after
 * that they stay undelivered, visible in `list` with their last error.
 */
import type { AlertRepository } from './alert.repository.js';
import type { Alert } from './alert.types.js';
import { notifyErrorCode, type Notifier } from './notifier.port.js';

export interface AlertDispatcherOptions {
  readonly repository: AlertRepository;
  readonly notifier: Notifier;
  /** Poll interval. Default 5 s; `wake()` delivers sooner. */
  readonly intervalMs?: number;
  /** Delivery attempts per alert across runs. Default 10. */
  readonly maxAttempts?: number;
  /** Wait after the first failed attempt; doubled per attempt, capped at 1 h. Default 10 s. */
  readonly retryBaseMs?: number;
  readonly batchSize?: number;
  readonly clock?: () => number;
  /** A delivery or storage failure (codes and ids only reach it). Wire the logger. */
  readonly onError?: (event: { alertId?: string; code: string; attempts?: number }) => void;
}

export interface DispatchResult {
  readonly delivered: number;
  readonly failed: number;
}

export interface AlertDispatcher {
  start(): void;
  /** Stops the loop and waits for a run in progress. */
  stop(): Promise<void>;
  /** Runs once now (the loop calls this; tests call it directly). */
  runOnce(): Promise<DispatchResult>;
  /** Schedules a run soon (after a new alert). */
  wake(): void;
}

const MAX_BACKOFF_MS = 3_600_000;

export function createAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  const { repository, notifier } = options;
  const intervalMs = options.intervalMs ?? 5000;
  const maxAttempts = options.maxAttempts ?? 10;
  const retryBaseMs = options.retryBaseMs ?? 10_000;
  const batchSize = options.batchSize ?? 50;
  const clock = options.clock ?? Date.now;
  const report = options.onError ?? (() => undefined);
  /** Not before this time (in memory: after a restart, pending alerts are tried at once). */
  const notBefore = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<DispatchResult> | undefined;
  let started = false;

  const deliverOne = async (alert: Alert): Promise<'delivered' | 'failed' | 'skipped'> => {
    if ((notBefore.get(alert.id) ?? 0) > clock()) return 'skipped';
    if (!(await repository.claimAttempt(alert.id, alert.notifyAttempts))) return 'skipped';
    const attempts = alert.notifyAttempts + 1;
    try {
      await notifier.deliver(alert);
    } catch (error) {
      const code = notifyErrorCode(error);
      await repository.markFailed(alert.id, code);
      const wait = Math.min(retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      notBefore.set(alert.id, clock() + wait);
      report({ alertId: alert.id, code, attempts });
      return 'failed';
    }
    notBefore.delete(alert.id);
    await repository.markDelivered(alert.id, clock());
    return 'delivered';
  };

  const run = async (): Promise<DispatchResult> => {
    let delivered = 0;
    let failed = 0;
    try {
      for (const alert of await repository.pendingDelivery(maxAttempts, batchSize)) {
        const outcome = await deliverOne(alert);
        if (outcome === 'delivered') delivered += 1;
        if (outcome === 'failed') failed += 1;
      }
    } catch {
      report({ code: 'STORAGE' });
    }
    return { delivered, failed };
  };

  const runOnce = (): Promise<DispatchResult> => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (delayMs: number): void => {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void runOnce().finally(() => {
        schedule(intervalMs);
      });
    }, delayMs);
    timer.unref();
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
    runOnce,
    wake: () => {
      schedule(0);
    },
  };
}
