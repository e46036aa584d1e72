/**
 * Unwrapped data keys, held briefly: at most `maxEntries` keys, each for at most `ttlMs` after it
 * was loaded. A key is wiped when it expires, is evicted (least recently used first), is dropped
 * (retired or destroyed) or the cache is cleared (close).
 *
 * A key is only ever lent to a synchronous callback (`use`), run in the same turn as the lookup
 * or load: no other code can evict and wipe it while the callback holds it.
 */
import { wipe } from '../crypto/index.js';
import { PiiVaultError } from './pii-vault-error.js';

export interface KeyCacheOptions {
  readonly maxEntries: number;
  readonly ttlMs: number;
  /** Epoch milliseconds. */
  readonly clock: () => number;
}

/** A key and what is known about it (non-secret), loaded together. */
export interface LoadedKey<M> {
  readonly key: Uint8Array;
  readonly meta: M;
}

interface Entry<M> extends LoadedKey<M> {
  readonly expiresAt: number;
}

export interface KeyCache<M> {
  /**
   * Runs `work` with the key `id`, loading it with `load` if it is not cached (or expired). The
   * cache owns loaded keys; `work` must not keep or wipe its argument.
   */
  use<T>(
    id: string,
    load: () => Promise<LoadedKey<M>>,
    work: (key: Uint8Array, meta: M) => T,
  ): Promise<T>;
  /** Forgets (and wipes) one key. */
  drop(id: string): void;
  /** Wipes every expired key. */
  sweep(): void;
  /** Wipes every key. */
  clear(): void;
  /** Wipes every key; later calls to `use` throw `CLOSED` (a load in flight is wiped). */
  close(): void;
  readonly size: number;
}

export function createKeyCache<M>(options: KeyCacheOptions): KeyCache<M> {
  const { maxEntries, ttlMs, clock } = options;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('the key cache needs room for at least one key');
  }
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) {
    throw new RangeError('the key cache lifetime must be a positive whole number of ms');
  }
  const entries = new Map<string, Entry<M>>();
  const state = { closed: false };

  const drop = (id: string): void => {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entries.delete(id);
    wipe(entry.key);
  };

  const sweep = (): void => {
    const now = clock();
    for (const [id, entry] of entries) if (entry.expiresAt <= now) drop(id);
  };

  const insert = (id: string, loaded: LoadedKey<M>): Entry<M> => {
    drop(id); // a concurrent load of the same key: keep the newer copy
    const entry = { key: loaded.key, meta: loaded.meta, expiresAt: clock() + ttlMs };
    entries.set(id, entry);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      drop(oldest.value);
    }
    return entry;
  };

  const lookup = (id: string): Entry<M> | undefined => {
    const entry = entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= clock()) {
      drop(id);
      return undefined;
    }
    entries.delete(id); // most recently used goes last
    entries.set(id, entry);
    return entry;
  };

  // A function, so the check after `await load()` reads the state of that moment.
  const isClosed = (): boolean => state.closed;

  const clear = (): void => {
    for (const id of [...entries.keys()]) drop(id);
  };

  return {
    use: async (id, load, work) => {
      if (state.closed) throw new PiiVaultError('CLOSED');
      const cached = lookup(id);
      if (cached !== undefined) return work(cached.key, cached.meta);
      const loaded = await load();
      if (isClosed()) {
        wipe(loaded.key);
        throw new PiiVaultError('CLOSED');
      }
      sweep();
      const entry = insert(id, loaded);
      return work(entry.key, entry.meta);
    },
    drop,
    sweep,
    clear,
    close: () => {
      state.closed = true;
      clear();
    },
    get size() {
      return entries.size;
    },
  };
}
