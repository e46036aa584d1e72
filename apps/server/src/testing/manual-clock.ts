/**
 * Virtual time for tests: `now()` moves only when told (`advance`) or when someone sleeps;
 * `sleep(ms)` resolves at once and moves time to at least `ms` after the sleep began, so code
 * that waits for a token bucket or a backoff runs instantly and deterministically. Every sleep
 * is recorded, and `onSleep` lets a test act at that moment (switch faults off, say).
 */
import type { Clock } from '../spapi/clock.js';

export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** Every `sleep` duration requested, in order. */
  readonly sleeps: number[];
  onSleep: ((ms: number) => void | Promise<void>) | undefined;
}

export function manualClock(start = 1_000_000): ManualClock {
  let now = start;
  const clock: ManualClock = {
    now: () => now,
    advance: (ms) => {
      if (!(ms >= 0)) throw new RangeError('time only moves forward');
      now += ms;
    },
    sleeps: [],
    onSleep: undefined,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      const began = now;
      clock.sleeps.push(ms);
      await clock.onSleep?.(ms);
      await Promise.resolve();
      now = Math.max(now, began + Math.max(0, ms));
    },
  };
  return clock;
}
