/**
 * All SP-API work for one seller runs one task at a time (the one-worker rule): the rate
 * governor's buckets describe Amazon's only if nobody else spends the seller's quota. Tasks of
 * different sellers run concurrently. Within a seller, `interactive` tasks (a user revealing an
 * address) go before queued `background` ones (the next page of a sync) but never interrupt the
 * running task, so background work should be cut into short tasks (one page each).
 *
 * In-process only. With several server processes, the job queue gives each seller to one
 * worker at a time (a lease per seller; see "SP-API access" in apps/server/README.md) and that
 * worker runs the seller's jobs through this executor.
 */

export type TaskPriority = 'interactive' | 'background';

export interface SellerExecutor {
  /** Runs `task` when the seller's earlier tasks are done; resolves or rejects with it. */
  run<T>(sellerId: string, task: () => Promise<T>, priority?: TaskPriority): Promise<T>;
  /** Tasks queued or running for the seller. */
  pending(sellerId: string): number;
  /** Resolves once no task of any seller is queued or running. */
  idle(): Promise<void>;
}

interface Queued {
  readonly start: () => Promise<void>;
}

interface SellerQueue {
  readonly interactive: Queued[];
  readonly background: Queued[];
  running: boolean;
}

export function createSellerExecutor(): SellerExecutor {
  const queues = new Map<string, SellerQueue>();
  let idleWaiters: (() => void)[] = [];

  const settleIdle = (): void => {
    if (queues.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };

  const drive = (sellerId: string, queue: SellerQueue): void => {
    if (queue.running) return;
    const next = queue.interactive.shift() ?? queue.background.shift();
    if (next === undefined) {
      queues.delete(sellerId);
      settleIdle();
      return;
    }
    queue.running = true;
    void next.start().finally(() => {
      queue.running = false;
      drive(sellerId, queue);
    });
  };

  return {
    run: (sellerId, task, priority = 'background') =>
      new Promise((resolve, reject) => {
        let queue = queues.get(sellerId);
        if (queue === undefined) {
          queue = { interactive: [], background: [], running: false };
          queues.set(sellerId, queue);
        }
        queue[priority].push({
          // A task that throws synchronously rejects like one that rejects.
          start: () => Promise.resolve().then(task).then(resolve, reject),
        });
        drive(sellerId, queue);
      }),
    pending: (sellerId) => {
      const queue = queues.get(sellerId);
      if (queue === undefined) return 0;
      return queue.interactive.length + queue.background.length + (queue.running ? 1 : 0);
    },
    idle: () =>
      queues.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idleWaiters.push(resolve);
          }),
  };
}
