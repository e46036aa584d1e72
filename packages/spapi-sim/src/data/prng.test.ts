import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, rngFromSeed, type Prng } from './prng.js';

const draws = (rng: Prng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Prng', () => {
  it('gives the same sequence for the same seed, string or number', () => {
    expect(draws(createRng('abc'), 50)).toEqual(draws(createRng('abc'), 50));
    expect(draws(createRng(42), 50)).toEqual(draws(createRng(42), 50));
    expect(draws(createRng(42), 5)).not.toEqual(draws(createRng('42'), 5));
  });

  it('gives different sequences for nearby seeds', () => {
    const a = draws(createRng('seller:1'), 20);
    const b = draws(createRng('seller:2'), 20);
    expect(a).not.toEqual(b);
  });

  it('derives child streams from the seed alone, not from what the parent drew', () => {
    const fresh = createRng('root');
    const used = createRng('root');
    draws(used, 1000);
    expect(draws(used.child('order:7'), 10)).toEqual(draws(fresh.child('order:7'), 10));
    expect(fresh.child('x').seed).toBe(deriveSeed('root', 'x'));
    expect(draws(fresh.child('a'), 10)).not.toEqual(draws(fresh.child('b'), 10));
  });

  it('draws floats in [0, 1) spread over the range', () => {
    const values = draws(createRng('uniform'), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)] = (buckets[Math.floor(v * 10)] ?? 0) + 1;
    for (const count of buckets) expect(count).toBeGreaterThan(1_700);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = createRng('int');
    const seen = new Set(Array.from({ length: 2_000 }, () => rng.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
  });

  it('weights picks and never picks zero-weight entries', () => {
    const rng = createRng('weighted');
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 10_000; i += 1) {
      const key = rng.weighted([
        ['a', 3],
        ['b', 1],
        ['never', 0],
      ] as const);
      counts[key] += 1;
    }
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
    expect(() => rng.weighted([['x', 0]])).toThrow(RangeError);
  });

  it('has helpers for chance, digits, chars, pick and shuffle', () => {
    const rng = createRng('helpers');
    expect(rng.digits(14)).toMatch(/^\d{14}$/);
    expect(rng.chars(8, 'AB')).toMatch(/^[AB]{8}$/);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
    expect(['x', 'y']).toContain(rng.pick(['x', 'y']));
    expect(() => rng.pick([])).toThrow(RangeError);
    const items = [1, 2, 3, 4, 5, 6];
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('adapts to the `() => number` stream SimState expects', () => {
    const a = rngFromSeed(9);
    const b = rngFromSeed(9);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
