/**
 * In-memory RDT cache with single flight: one entry per key, reused until `marginMs` before it
 * expires; concurrent callers for a missing or stale key share one issue. Nothing is ever
 * written anywhere else. A failed issue is not cached: the next caller tries again.
 */
import type { Clock } from '../spapi/index.js';
import type { RestrictedDataToken } from './restricted-data-token.js';

/** Renew five minutes before Amazon's expiry. */
export const DEFAULT_RENEWAL_MARGIN_MS = 5 * 60_000;

/** `issued`: this caller's `issue` ran; `joined`: it waited for another caller's; `cached`. */
export type RdtSource = 'issued' | 'joined' | 'cached';

export interface CachedIssue {
  readonly token: RestrictedDataToken;
  readonly source: RdtSource;
}

export interface RdtCache {
  /** The cached token if fresh, else the result of `issue` (shared with concurrent callers). */
  get(key: string, issue: () => Promise<RestrictedDataToken>): Promise<CachedIssue>;
  /** Drops `token` if it is the cached one for `key` (Amazon refused it). */
  invalidate(key: string, token: RestrictedDataToken): void;
  /** Drops every entry whose key starts with `prefix` (a disconnected connection). */
  evict(prefix: string): void;
  size(): number;
}

export function createRdtCache(
  clock: Pick<Clock, 'now'>,
  marginMs = DEFAULT_RENEWAL_MARGIN_MS,
): RdtCache {
  const entries = new Map<string, RestrictedDataToken>();
  const flights = new Map<string, Promise<RestrictedDataToken>>();
  /** Bumped by an eviction that finds a request in flight for the key. */
  const generations = new Map<string, number>();
  const fresh = (token: RestrictedDataToken): boolean => clock.now() < token.expiresAt - marginMs;

  return {
    async get(key, issue) {
      const cached = entries.get(key);
      if (cached !== undefined && fresh(cached)) return { token: cached, source: 'cached' };
      entries.delete(key);
      const joined = flights.get(key);
      if (joined !== undefined) return { token: await joined, source: 'joined' };
      // An eviction while the token is being issued must not be undone when it arrives.
      const generation = generations.get(key) ?? 0;
      const flight = issue().then(
        (token) => {
          flights.delete(key);
          if (fresh(token) && (generations.get(key) ?? 0) === generation) entries.set(key, token);
          return token;
        },
        (error: unknown) => {
          flights.delete(key);
          throw error;
        },
      );
      flights.set(key, flight);
      return { token: await flight, source: 'issued' };
    },
    invalidate(key, token) {
      const cached = entries.get(key);
      if (cached?.sameTokenAs(token) === true) entries.delete(key);
    },
    evict(prefix) {
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
      for (const key of flights.keys()) {
        if (key.startsWith(prefix)) generations.set(key, (generations.get(key) ?? 0) + 1);
      }
    },
    size: () => entries.size,
  };
}
