import { describe, expect, it } from 'vitest';
import { createSellerExecutor } from './seller-executor.js';

/** A task that waits for its gate to open, recording when it starts and ends. */
function gated(log: string[], name: string): { task: () => Promise<string>; open: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    task: async () => {
      log.push(`start ${name}`);
      await gate;
      log.push(`end ${name}`);
      return name;
    },
    open: () => {
      open();
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('per-seller serial executor', () => {
  it('runs one task at a time per seller, in order, and sellers side by side', async () => {
    const executor = createSellerExecutor();
    const log: string[] = [];
    const a1 = gated(log, 'a1');
    const a2 = gated(log, 'a2');
    const b1 = gated(log, 'b1');
    const results = [
      executor.run('A', a1.task),
      executor.run('A', a2.task),
      executor.run('B', b1.task),
    ];
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);
    expect(executor.pending('A')).toBe(2);
    a2.open(); // a2 cannot run before a1 ends, even with its gate open
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);
    a1.open();
    b1.open();
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    await executor.idle();
    expect(executor.pending('A')).toBe(0);
  });

  it('lets interactive tasks pass queued background tasks, never the running one', async () => {
    const executor = createSellerExecutor();
    const log: string[] = [];
    const page1 = gated(log, 'page1');
    const done = [
      executor.run('A', page1.task),
      executor.run('A', () => Promise.resolve(log.push('page2'))),
      executor.run('A', () => Promise.resolve(log.push('reveal')), 'interactive'),
    ];
    await tick();
    page1.open();
    await Promise.all(done);
    expect(log).toEqual(['start page1', 'end page1', 'reveal', 'page2']);
  });

  it("passes a task's failure to its caller and carries on with the next", async () => {
    const executor = createSellerExecutor();
    const failing = executor.run('A', () => Promise.reject(new Error('boom')));
    const throwing = executor.run('A', () => {
      throw new Error('sync boom');
    });
    const next = executor.run('A', () => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('boom');
    await expect(throwing).rejects.toThrow('sync boom');
    expect(await next).toBe('next');
    await expect(executor.idle()).resolves.toBeUndefined();
  });
});
