import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written during a request carries without being passed around. */
export interface LogContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` (and everything it starts) with `context`; the request logger uses it. */
export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
