/**
 * Sliding-window counters kept in memory, keyed by subject (a user id, an account id, `all`).
 * Bounded: at most `maxKeys` subjects are tracked; the least recently touched one is forgotten
 * first, so a flood of distinct subjects costs memory, not correctness for the busy ones.
 */
export interface RateWindow {
  /** Records one event for `key` at `at` and returns the events in `(at - windowMs, at]`. */
  hit(key: string, at: number): number;
}

export function createRateWindow(windowMs: number, maxKeys = 10_000): RateWindow {
  const hits = new Map<string, number[]>();
  return {
    hit(key, at) {
      const since = at - windowMs;
      const kept = (hits.get(key) ?? []).filter((time) => time > since && time <= at);
      kept.push(at);
      hits.delete(key); // re-insert: Map order is recency order
      hits.set(key, kept);
      if (hits.size > maxKeys) {
        const oldest = hits.keys().next();
        if (oldest.done !== true) hits.delete(oldest.value);
      }
      return kept.length;
    },
  };
}
