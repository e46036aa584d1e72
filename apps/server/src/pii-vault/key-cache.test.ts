import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../crypto/index.js';
import { createKeyCache } from './key-cache.js';
import { codeOf, manualClock } from './testing/vault-fixtures.js';

beforeAll(ready);

const keyOf = (fill: number) => new Uint8Array(32).fill(fill);

describe('key cache', () => {
  const setup = (maxEntries = 2, ttlMs = 1000) => {
    const clock = manualClock(0);
    const cache = createKeyCache<string>({ maxEntries, ttlMs, clock: () => clock.now() });
    const loads: string[] = [];
    const loaded = new Map<string, Uint8Array>();
    const load = (id: string, fill: number) => () => {
      loads.push(id);
      const key = keyOf(fill);
      loaded.set(id, key);
      return Promise.resolve({ key, meta: `meta-${id}` });
    };
    const peek = (id: string, fill: number) =>
      cache.use(id, load(id, fill), (key, meta) => ({ first: key[0], meta }));
    return { clock, cache, loads, loaded, peek };
  };

  it('loads once, then lends the cached key with its metadata', async () => {
    const { cache, loads, peek } = setup();
    expect(await peek('a', 7)).toEqual({ first: 7, meta: 'meta-a' });
    expect(await peek('a', 7)).toEqual({ first: 7, meta: 'meta-a' });
    expect(loads).toEqual(['a']);
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently used key beyond its bound, and wipes it', async () => {
    const { cache, loads, loaded, peek } = setup(2);
    await peek('a', 1);
    await peek('b', 2);
    await peek('a', 1); // a is now the most recently used
    await peek('c', 3);
    expect(cache.size).toBe(2);
    expect(loaded.get('b')).toEqual(new Uint8Array(32)); // wiped
    expect(loaded.get('a')?.[0]).toBe(1);
    await peek('b', 2);
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('wipes keys once their lifetime ends (on use and on sweep)', async () => {
    const { clock, cache, loads, loaded, peek } = setup(10, 1000);
    await peek('a', 1);
    await peek('b', 2);
    clock.advance(999);
    await peek('a', 1);
    expect(loads).toEqual(['a', 'b']);
    clock.advance(1);
    cache.sweep();
    expect(cache.size).toBe(0);
    expect(loaded.get('a')).toEqual(new Uint8Array(32));
    expect(loaded.get('b')).toEqual(new Uint8Array(32));
    await peek('a', 1);
    expect(loads).toEqual(['a', 'b', 'a']);
  });

  it('wipes a dropped key and every key on close; a load in flight at close is wiped', async () => {
    const { cache, loaded, peek } = setup(10);
    await peek('a', 1);
    cache.drop('a');
    expect(loaded.get('a')).toEqual(new Uint8Array(32));
    await peek('b', 2);
    let release: () => void = () => undefined;
    const late = keyOf(9);
    const pending = cache.use(
      'c',
      () =>
        new Promise<{ key: Uint8Array; meta: string }>((resolve) => {
          release = () => {
            resolve({ key: late, meta: 'c' });
          };
        }),
      () => 'used',
    );
    cache.close();
    release();
    expect(await codeOf(pending)).toBe('CLOSED');
    expect(late).toEqual(new Uint8Array(32));
    expect(loaded.get('b')).toEqual(new Uint8Array(32));
    expect(await codeOf(peek('d', 4))).toBe('CLOSED');
  });

  it('refuses a bound below one key or a lifetime below 1 ms', () => {
    const clock = () => 0;
    expect(() => createKeyCache({ maxEntries: 0, ttlMs: 1, clock })).toThrow(RangeError);
    expect(() => createKeyCache({ maxEntries: 1, ttlMs: 0, clock })).toThrow(RangeError);
  });
});
