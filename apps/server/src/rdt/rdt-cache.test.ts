import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../testing/manual-clock.js';
import { createRdtCache, DEFAULT_RENEWAL_MARGIN_MS } from './rdt-cache.js';
import { RestrictedDataToken, type RdtConnection } from './restricted-data-token.js';

const CONNECTION: RdtConnection = {
  id: 'conn-1',
  organizationId: 'org-1',
  sellingPartnerId: 'A1SELLER',
  region: 'na',
};
const HOUR_MS = 3_600_000;

function issuer(clock: { now(): number }) {
  let issued = 0;
  return {
    issue: () => {
      issued += 1;
      const text = `Atz.sprdt|unit-${String(issued)}`;
      return Promise.resolve(new RestrictedDataToken(text, CONNECTION, [], clock.now() + HOUR_MS));
    },
    count: () => issued,
  };
}

describe('RDT cache', () => {
  it('reuses a token until five minutes before it expires, then renews', async () => {
    const clock = manualClock();
    const cache = createRdtCache(clock);
    const source = issuer(clock);
    const first = await cache.get('k', source.issue);
    expect(first.source).toBe('issued');
    clock.advance(HOUR_MS - DEFAULT_RENEWAL_MARGIN_MS - 1);
    const reused = await cache.get('k', source.issue);
    expect(reused.source).toBe('cached');
    expect(reused.token.sameTokenAs(first.token)).toBe(true);
    clock.advance(1);
    const renewed = await cache.get('k', source.issue);
    expect(renewed.source).toBe('issued');
    expect(renewed.token.sameTokenAs(first.token)).toBe(false);
    expect(source.count()).toBe(2);
  });

  it('shares one issue among concurrent callers of a key; other keys issue their own', async () => {
    const clock = manualClock();
    const cache = createRdtCache(clock);
    const source = issuer(clock);
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => cache.get('a', source.issue)),
      cache.get('b', source.issue),
    ]);
    expect(source.count()).toBe(2);
    expect(results.filter((r) => r.source === 'issued')).toHaveLength(2);
    expect(results.filter((r) => r.source === 'joined')).toHaveLength(7);
    const a = results.slice(0, 8).map((r) => r.token);
    expect(a.every((token) => token.sameTokenAs(a[0] ?? token))).toBe(true);
  });

  it('does not cache a failure; invalidate and evict drop entries', async () => {
    const clock = manualClock();
    const cache = createRdtCache(clock);
    const source = issuer(clock);
    const failing = () => Promise.reject(new Error('refused'));
    await expect(cache.get('k', failing)).rejects.toThrow('refused');
    const first = await cache.get('k', source.issue);
    expect(first.source).toBe('issued');
    cache.invalidate('k', first.token);
    expect((await cache.get('k', source.issue)).source).toBe('issued');
    await cache.get('conn-2\nx', source.issue);
    cache.evict('conn-2\n');
    expect(cache.size()).toBe(1);
  });

  it('an eviction during an issue keeps the arriving token out of the cache', async () => {
    const clock = manualClock();
    const cache = createRdtCache(clock);
    const source = issuer(clock);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      await gate;
      return source.issue();
    };
    const pending = cache.get('conn-3\nx', slow);
    cache.evict('conn-3\n');
    release();
    expect((await pending).source).toBe('issued');
    expect(cache.size()).toBe(0);
    expect((await cache.get('conn-3\nx', source.issue)).source).toBe('issued');
  });

  it('never shows the token text when printed or serialised', async () => {
    const clock = manualClock();
    const { token } = await createRdtCache(clock).get('k', issuer(clock).issue);
    const shown = [JSON.stringify(token), String(token), inspect(token), inspect({ token })];
    for (const text of shown) expect(text).not.toContain('Atz.sprdt');
    expect(token.callContext().restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
  });
});
