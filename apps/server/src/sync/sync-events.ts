/**
 * Progress of running syncs, for Server-Sent Events: pages, orders, waits for the rate limit,
 * retries, the end of a run. Ids, counts and codes only. In-process: a subscriber sees the runs
 * of its organization that this process executes (with several processes the status endpoint,
 * which reads `sync_runs`, is the cross-process view).
 *
 * The SP-API client reports waits and retries per selling partner; the hub hands them to the
 * runs that are currently syncing that selling partner.
 */
import type { SpapiEvent } from '../spapi/index.js';
import type { SyncRunCounters } from './sync-run.repository.js';

interface RunRef {
  readonly runId: string;
  readonly organizationId: string;
  readonly connectionId: string;
}

export type SyncProgressEvent = RunRef &
  (
    | { readonly type: 'started'; readonly at: number }
    | {
        readonly type: 'page';
        readonly marketplaceId: string;
        readonly counters: SyncRunCounters;
      }
    | { readonly type: 'rate-wait'; readonly operation: string; readonly waitedMs: number }
    | {
        readonly type: 'retry';
        readonly operation: string;
        readonly attempt: number;
        readonly httpStatus: number | null;
      }
    | {
        readonly type: 'finished';
        readonly status: 'succeeded' | 'failed' | 'paused' | 'interrupted';
        readonly counters: SyncRunCounters;
        readonly errorCode: string | null;
        readonly amznRequestId: string | null;
      }
  );

export type SyncProgressListener = (event: SyncProgressEvent) => void;

export interface ActiveRun extends RunRef {
  readonly sellingPartnerId: string;
  /** Called with each SP-API wait or retry of the run's selling partner. */
  readonly onSpapiEvent: (event: SpapiEvent) => void;
}

export interface SyncEventHub {
  publish(event: SyncProgressEvent): void;
  /** Events of one organization's runs; returns the unsubscribe function. */
  subscribe(organizationId: string, listener: SyncProgressListener): () => void;
  /** A run is syncing its selling partner from now until the returned function is called. */
  attach(run: ActiveRun): () => void;
  /** The SP-API client's `onEvent`. */
  fromSpapi(event: SpapiEvent): void;
  /** Subscribers right now, of one organization or of all. */
  subscribers(organizationId?: string): number;
}

export function createSyncEventHub(onListenerError?: (error: unknown) => void): SyncEventHub {
  const listeners = new Map<string, Set<SyncProgressListener>>();
  const active = new Map<string, Set<ActiveRun>>();

  const publish = (event: SyncProgressEvent): void => {
    for (const listener of listeners.get(event.organizationId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        onListenerError?.(error);
      }
    }
  };

  return {
    publish,
    subscribe(organizationId, listener) {
      let set = listeners.get(organizationId);
      if (set === undefined) {
        set = new Set();
        listeners.set(organizationId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(organizationId);
      };
    },
    attach(run) {
      let set = active.get(run.sellingPartnerId);
      if (set === undefined) {
        set = new Set();
        active.set(run.sellingPartnerId, set);
      }
      set.add(run);
      return () => {
        set.delete(run);
        if (set.size === 0) active.delete(run.sellingPartnerId);
      };
    },
    fromSpapi(event) {
      for (const run of active.get(event.sellerId) ?? []) {
        run.onSpapiEvent(event);
        const ref = {
          runId: run.runId,
          organizationId: run.organizationId,
          connectionId: run.connectionId,
        };
        publish(
          event.kind === 'rate-wait'
            ? { ...ref, type: 'rate-wait', operation: event.operation, waitedMs: event.waitedMs }
            : {
                ...ref,
                type: 'retry',
                operation: event.operation,
                attempt: event.attempt,
                httpStatus: event.httpStatus,
              },
        );
      }
    },
    subscribers: (organizationId) =>
      organizationId === undefined
        ? [...listeners.values()].reduce((n, set) => n + set.size, 0)
        : (listeners.get(organizationId)?.size ?? 0),
  };
}
