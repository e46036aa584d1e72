/**
 * Time as the SP-API layer sees it: a millisecond clock and a sleep that can be cut short by an
 * AbortSignal. Injected everywhere so tests never wait for real time: a manual clock for token
 * expiry and backoff, a scaled clock that runs as fast as the simulator's refill (`timeScale`).
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds; only differences matter. Never goes backwards. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

async function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) {
    signal?.throwIfAborted();
    return;
  }
  await delay(ms, undefined, signal === undefined ? {} : { signal });
}

/** Wall time (monotonic, epoch-based) and real sleeping. */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: realSleep,
};

/**
 * A clock that runs `timeScale` times faster than real time: `now()` advances `timeScale` ms
 * per real ms and `sleep(ms)` waits `ms / timeScale` real ms. Matches the simulator's
 * `timeScale`, whose rate-limit buckets refill that much faster.
 */
export function scaledClock(timeScale: number): Clock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError('timeScale must be a positive number');
  }
  const origin = performance.now();
  return {
    now: () => (performance.now() - origin) * timeScale,
    sleep: (ms, signal) => realSleep(ms / timeScale, signal),
  };
}
