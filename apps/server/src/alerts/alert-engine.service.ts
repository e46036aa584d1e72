/**
 * Turns committed audit entries into stored alerts, off the request path. `observe(entry)` only
 * pushes onto a bounded queue and returns; a single async worker evaluates the rules, looks up
 * canaries and stores alerts. Nothing here throws into the caller: failures go to `onError`
 * (wire the logger) and are counted.
 *
 * Rules run in commit order (one worker), so the sliding windows see entries in sequence.
 */
import type { StoredAuditEntry } from '../audit/audit-chain.js';
import type { AuditSink } from '../audit/audit-log.sink.js';
import { createRuleSet, DEFAULT_THRESHOLDS, type AlertThresholds } from './alert-rules.js';
import type { AlertRepository } from './alert.repository.js';
import type { Alert, AlertCandidate } from './alert.types.js';
import type { CanaryRegistry } from './canary-registry.js';
import { toObservedEntry, type ObservedEntry } from './observed-entry.js';

export type AlertEngineStage = 'overflow' | 'canary-lookup' | 'evaluate' | 'store' | 'hook';

export interface AlertEngineOptions {
  readonly repository: AlertRepository;
  readonly canaries: CanaryRegistry;
  readonly thresholds?: Partial<AlertThresholds>;
  /** Entries waiting beyond this are dropped (oldest first) and reported. Default 10 000. */
  readonly maxQueue?: number;
  /** A failure inside the engine. Receives the error, never an entry's values. */
  readonly onError?: (stage: AlertEngineStage, error: unknown) => void;
  /** A new (not deduplicated) alert was stored: wake the dispatcher, record `alert.raise`. */
  readonly onRaised?: (alert: Alert) => void;
}

export interface AlertEngineStats {
  readonly observed: number;
  readonly raised: number;
  readonly deduplicated: number;
  readonly dropped: number;
  readonly failures: number;
  readonly queued: number;
}

export interface AlertEngine extends AuditSink {
  /** Queues a committed entry for the rules. Never throws, never waits. */
  observe(entry: StoredAuditEntry): void;
  /** Queues an alert raised outside the rules (e.g. `audit verify` found tampering). */
  raise(candidate: AlertCandidate): void;
  /** Resolves when everything queued so far has been processed (tests, shutdown). */
  idle(): Promise<void>;
  stats(): AlertEngineStats;
}

type Job = { kind: 'entry'; row: StoredAuditEntry } | { kind: 'alert'; candidate: AlertCandidate };

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { repository, canaries } = options;
  const rules = createRuleSet({ ...DEFAULT_THRESHOLDS, ...options.thresholds });
  const maxQueue = options.maxQueue ?? 10_000;
  const queue: Job[] = [];
  const counts = { observed: 0, raised: 0, deduplicated: 0, dropped: 0, failures: 0 };
  let worker: Promise<void> | undefined;

  const report = (stage: AlertEngineStage, error: unknown): void => {
    counts.failures += 1;
    try {
      options.onError?.(stage, error);
    } catch {
      // a failing reporter must not stop the worker
    }
  };

  const store = async (candidate: AlertCandidate): Promise<void> => {
    let alert: Alert | undefined;
    try {
      alert = await repository.insertIfNew(candidate);
    } catch (error) {
      report('store', error);
      return;
    }
    if (alert === undefined) {
      counts.deduplicated += 1;
      return;
    }
    counts.raised += 1;
    try {
      options.onRaised?.(alert);
    } catch (error) {
      report('hook', error);
    }
  };

  const canaryIds = async (entry: ObservedEntry): Promise<readonly string[]> => {
    try {
      return await canaries.match(entry.namedIds);
    } catch (error) {
      report('canary-lookup', error);
      return [];
    }
  };

  const handle = async (job: Job): Promise<void> => {
    if (job.kind === 'alert') return store(job.candidate);
    let candidates: AlertCandidate[];
    try {
      const entry = toObservedEntry(job.row);
      candidates = rules.evaluate(entry, await canaryIds(entry));
    } catch (error) {
      report('evaluate', error);
      return;
    }
    for (const candidate of candidates) await store(candidate);
  };

  const drain = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      await handle(job);
    }
  };

  /** One worker at a time, started on the next turn: `observe` returns before any work. */
  const startWorker = (): void => {
    worker ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
      worker = undefined;
      if (queue.length > 0) startWorker(); // queued between the last shift and now
    });
  };

  const enqueue = (job: Job): void => {
    try {
      queue.push(job);
      if (queue.length > maxQueue) {
        queue.shift();
        counts.dropped += 1;
        report('overflow', new Error('alert queue full: oldest entry dropped'));
      }
      startWorker();
    } catch (error) {
      report('evaluate', error);
    }
  };

  const observe = (row: StoredAuditEntry): void => {
    counts.observed += 1;
    enqueue({ kind: 'entry', row });
  };

  return {
    observe,
    write: observe,
    raise: (candidate) => {
      enqueue({ kind: 'alert', candidate });
    },
    async idle() {
      while (worker !== undefined) await worker;
    },
    stats: () => ({ ...counts, queued: queue.length }),
  };
}
