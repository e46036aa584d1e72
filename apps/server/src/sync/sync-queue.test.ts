import { describe, expect, it } from 'vitest';
import { createInProcessSyncQueue, type SyncJob } from './sync-queue.js';

// The in-process queue (embedded mode): per seller one job running and at most one queued;
// different sellers run side by side; stop() aborts running jobs and drops queued ones.

interface Gate {
  readonly job: SyncJob;
  readonly signal: AbortSignal;
  release(): void;
}

function harness() {
  const started: Gate[] = [];
  const errors: unknown[] = [];
  let active = 0;
  let maxActivePerSeller = 0;
  const activeBySeller = new Map<string, number>();
  const queue = createInProcessSyncQueue({
    handler: (job, signal) =>
      new Promise<void>((resolve) => {
        active += 1;
        const n = (activeBySeller.get(job.sellingPartnerId) ?? 0) + 1;
        activeBySeller.set(job.sellingPartnerId, n);
        maxActivePerSeller = Math.max(maxActivePerSeller, n);
        const release = () => {
          active -= 1;
          activeBySeller.set(job.sellingPartnerId, n - 1);
          resolve();
        };
        signal.addEventListener('abort', release, { once: true });
        started.push({ job, signal, release });
      }),
    onError: (error) => errors.push(error),
  });
  return {
    queue,
    started,
    errors,
    active: () => active,
    maxActivePerSeller: () => maxActivePerSeller,
  };
}

const job = (sellingPartnerId: string, trigger: SyncJob['trigger'] = 'manual'): SyncJob => ({
  sellingPartnerId,
  region: 'na',
  trigger,
});

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('in-process sync queue', () => {
  it('runs one job per seller, keeps one queued, and refuses a second queued one', async () => {
    const h = harness();
    await h.queue.start();
    expect(await h.queue.enqueue(job('A1'))).toBe('queued');
    expect(await h.queue.enqueue(job('A1', 'schedule'))).toBe('queued');
    expect(await h.queue.enqueue(job('A1'))).toBe('already-queued');
    await flush();
    expect(h.started).toHaveLength(1);
    h.started[0]?.release();
    await flush();
    expect(h.started).toHaveLength(2);
    expect(h.started[1]?.job.trigger).toBe('schedule');
    expect(h.maxActivePerSeller()).toBe(1);
    h.started[1]?.release();
    await flush();
    // Idle again: a new request starts at once.
    expect(await h.queue.enqueue(job('A1'))).toBe('queued');
    await flush();
    expect(h.started).toHaveLength(3);
    await h.queue.stop();
  });

  it('runs different sellers at the same time', async () => {
    const h = harness();
    await h.queue.start();
    await h.queue.enqueue(job('A1'));
    await h.queue.enqueue(job('B2'));
    await flush();
    expect(h.active()).toBe(2);
    await h.queue.stop();
    expect(h.active()).toBe(0);
  });

  it('stop() aborts the running job, drops the queued one and refuses new ones', async () => {
    const h = harness();
    await h.queue.start();
    await h.queue.enqueue(job('A1'));
    await h.queue.enqueue(job('A1'));
    await flush();
    await h.queue.stop();
    expect(h.started[0]?.signal.aborted).toBe(true);
    expect(h.started).toHaveLength(1);
    await expect(h.queue.enqueue(job('A1'))).rejects.toThrow('not running');
  });

  it('reports a failing job and goes on with the next', async () => {
    const errors: unknown[] = [];
    const ran: string[] = [];
    const queue = createInProcessSyncQueue({
      handler: (j) => {
        ran.push(j.trigger);
        return j.trigger === 'manual' ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
      onError: (error) => errors.push(error),
    });
    await queue.start();
    await queue.enqueue(job('A1', 'manual'));
    await queue.enqueue(job('A1', 'schedule'));
    await flush();
    await flush();
    expect(ran).toEqual(['manual', 'schedule']);
    expect(errors).toHaveLength(1);
    await queue.stop();
  });
});
