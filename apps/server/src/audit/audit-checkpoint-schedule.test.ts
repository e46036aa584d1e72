import { afterEach, describe, expect, it, vi } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import type { StoredCheckpoint } from './audit-checkpoints.js';
import {
  startCheckpointSchedule,
  unrefInterval,
  type IntervalScheduler,
} from './audit-checkpoint-schedule.js';
import { createAuditTrail } from './audit-trail.service.js';
import { createInMemorySigningKeyProvider } from './signing-key.provider.js';
import { sampleEntry } from './testing/audit-fixtures.js';
import { verifyAuditTrail } from './verify-audit-trail.js';

await ready();

/** A scheduler the test ticks by hand: no real time passes. */
function manualScheduler() {
  const state = { tick: undefined as (() => void) | undefined, ms: 0, cancelled: false };
  const scheduler: IntervalScheduler = (tick, ms) => {
    state.tick = tick;
    state.ms = ms;
    return () => {
      state.cancelled = true;
    };
  };
  const fire = (): void => {
    if (state.tick === undefined) throw new Error('nothing scheduled');
    state.tick();
  };
  return { scheduler, state, fire };
}

describe('checkpoint schedule', () => {
  forEachDialect((t) => {
    const keys = createInMemorySigningKeyProvider();
    const checkpoints = () =>
      t.db().selectFrom('audit_checkpoints').select(['seq']).orderBy('seq').execute();

    it('signs the head on each tick and once more at stop', async () => {
      let now = 1_700_000_000_000;
      const audit = createAuditTrail({
        db: t.db(),
        signingKeys: keys,
        checkpointEvery: 0,
        clock: () => now,
      });
      const errors: unknown[] = [];
      const timer = manualScheduler();
      const schedule = startCheckpointSchedule({
        audit,
        intervalMs: 60 * 60_000,
        onBackgroundError: (_stage, error) => errors.push(error),
        scheduler: timer.scheduler,
      });
      expect(timer.state.ms).toBe(3_600_000);

      timer.fire(); // an empty trail: nothing to sign
      await schedule.idle();
      expect(await checkpoints()).toEqual([]);

      for (let i = 0; i < 3; i += 1) await audit.record(sampleEntry());
      now += 3_600_000;
      timer.fire();
      await schedule.idle();
      expect(await checkpoints()).toEqual([{ seq: 3 }]);

      timer.fire(); // the head is signed already: no second checkpoint
      await schedule.idle();
      expect(await checkpoints()).toEqual([{ seq: 3 }]);

      await audit.record(sampleEntry());
      await audit.record(sampleEntry());
      const last = await schedule.stop();
      expect(timer.state.cancelled).toBe(true);
      expect(last?.seq).toBe(5);
      expect(await checkpoints()).toEqual([{ seq: 3 }, { seq: 5 }]);
      await expect(schedule.stop()).resolves.toEqual(last);

      timer.fire(); // a late tick after stop does nothing
      await schedule.idle();
      expect(await checkpoints()).toHaveLength(2);
      expect(errors).toEqual([]);
      const verification = await verifyAuditTrail(t.db(), await keys.publicKeys());
      expect(verification).toMatchObject({ ok: true, checkpoints: 2, lastCheckpointSeq: 5 });
    });
  });

  it('reports a failing checkpoint and keeps going; stop never rejects', async () => {
    const failure = new Error('signer unavailable');
    const checkpoint = vi.fn<() => Promise<StoredCheckpoint | undefined>>(() =>
      Promise.reject(failure),
    );
    const reported: [string, unknown][] = [];
    const timer = manualScheduler();
    const schedule = startCheckpointSchedule({
      audit: { checkpoint },
      intervalMs: 1000,
      onBackgroundError: (stage, error) => reported.push([stage, error]),
      scheduler: timer.scheduler,
    });
    timer.fire();
    await schedule.idle();
    timer.fire();
    await schedule.idle();
    await expect(schedule.stop()).resolves.toBeUndefined();
    expect(checkpoint).toHaveBeenCalledTimes(3);
    expect(reported).toEqual([
      ['checkpoint', failure],
      ['checkpoint', failure],
      ['checkpoint', failure],
    ]);
  });

  it('survives a reporter that throws', async () => {
    const timer = manualScheduler();
    const schedule = startCheckpointSchedule({
      audit: { checkpoint: () => Promise.reject(new Error('x')) },
      intervalMs: 1000,
      onBackgroundError: () => {
        throw new Error('logger down');
      },
      scheduler: timer.scheduler,
    });
    timer.fire();
    await schedule.idle();
    await expect(schedule.stop()).resolves.toBeUndefined();
  });

  it('skips a tick while the previous checkpoint is still signing, and stop waits for it', async () => {
    let finish: () => void = () => undefined;
    const first = new Promise<undefined>((resolve) => {
      finish = () => {
        resolve(undefined);
      };
    });
    const checkpoint = vi
      .fn<() => Promise<StoredCheckpoint | undefined>>()
      .mockReturnValueOnce(first)
      .mockResolvedValue(undefined);
    const timer = manualScheduler();
    const schedule = startCheckpointSchedule({
      audit: { checkpoint },
      intervalMs: 1000,
      onBackgroundError: () => undefined,
      scheduler: timer.scheduler,
    });
    timer.fire();
    timer.fire();
    expect(checkpoint).toHaveBeenCalledTimes(1);
    const stopped = schedule.stop();
    await Promise.resolve();
    expect(checkpoint).toHaveBeenCalledTimes(1); // the shutdown checkpoint waits its turn
    finish();
    await stopped;
    expect(checkpoint).toHaveBeenCalledTimes(2);
  });

  it('refuses a non-positive interval', () => {
    const start = (intervalMs: number) => () =>
      startCheckpointSchedule({
        audit: { checkpoint: () => Promise.resolve(undefined) },
        intervalMs,
        onBackgroundError: () => undefined,
        scheduler: () => () => undefined,
      });
    expect(start(0)).toThrow(RangeError);
    expect(start(Number.NaN)).toThrow(RangeError);
  });

  describe('unrefInterval', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('ticks every interval, does not hold the process, and cancels', () => {
      vi.useFakeTimers();
      const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
      const tick = vi.fn();
      const cancel = unrefInterval(tick, 60_000);
      const handle = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
      expect(handle.hasRef()).toBe(false);
      vi.advanceTimersByTime(3 * 60_000);
      expect(tick).toHaveBeenCalledTimes(3);
      cancel();
      vi.advanceTimersByTime(10 * 60_000);
      expect(tick).toHaveBeenCalledTimes(3);
    });
  });
});
