import { describe, expect, it } from 'vitest';
import { rngFromSeed } from '../data/prng.js';
import { FAULT_KINDS, FaultConfigSchema, FaultInjector, type FaultKind } from './faults.js';

function sequence(kind: FaultKind, seed: number, calls = 200): (string | null)[] {
  const injector = new FaultInjector(FaultConfigSchema.parse({ seed, [kind]: 0.3 }), rngFromSeed);
  return Array.from({ length: calls }, () => injector.decide('getOrders')?.kind ?? null);
}

describe('FaultInjector', () => {
  it.each(FAULT_KINDS)('replays the same %s faults from the same seed', (kind) => {
    const first = sequence(kind, 7);
    expect(sequence(kind, 7)).toEqual(first);
    expect(first).toContain(kind);
    expect(first).toContain(null);
    expect(sequence(kind, 8)).not.toEqual(first);
  });

  it('mixes kinds at the configured rates, deterministically', () => {
    const config = FaultConfigSchema.parse({
      seed: 3,
      http500: 0.1,
      http503: 0.1,
      throttle: 0.1,
      reset: 0.1,
      truncate: 0.1,
      slow: 0.1,
    });
    const injector = new FaultInjector(config, rngFromSeed);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i += 1) {
      const kind = injector.decide('getOrders')?.kind ?? 'none';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    for (const kind of FAULT_KINDS) expect(counts.get(kind)).toBeGreaterThan(350);
    expect(counts.get('none')).toBeGreaterThan(1700);
  });

  it('reconfiguring restarts the sequence from the new seed', () => {
    const injector = new FaultInjector(
      FaultConfigSchema.parse({ seed: 5, http503: 0.5 }),
      rngFromSeed,
    );
    const first = Array.from({ length: 50 }, () => injector.decide('getOrder')?.kind ?? null);
    injector.configure(FaultConfigSchema.parse({ seed: 5, http503: 0.5 }));
    expect(Array.from({ length: 50 }, () => injector.decide('getOrder')?.kind ?? null)).toEqual(
      first,
    );
  });

  it('limits faults to the listed operations', () => {
    const injector = new FaultInjector(
      FaultConfigSchema.parse({ seed: 1, http500: 1, operations: ['getOrders'] }),
      rngFromSeed,
    );
    expect(injector.decide('getOrder')).toBeNull();
    expect(injector.decide('getOrders')?.kind).toBe('http500');
  });

  it('slow faults carry the configured delay', () => {
    const injector = new FaultInjector(
      FaultConfigSchema.parse({ seed: 1, slow: 1, slowMs: 1234 }),
      rngFromSeed,
    );
    expect(injector.decide('getOrders')).toEqual({ kind: 'slow', delayMs: 1234 });
  });

  it('refuses rates that sum above 1', () => {
    expect(FaultConfigSchema.safeParse({ http500: 0.6, http503: 0.6 }).success).toBe(false);
  });
});
