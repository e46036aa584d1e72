/**
 * The order sync of one connection: per marketplace, incremental from its checkpoint, page by
 * page through the seller's executor (one SP-API task at a time per selling partner), each
 * page's PII sealed by the vault outside the transaction, then the page and its checkpoint
 * committed together. A process killed anywhere resumes from the last committed page: the
 * checkpoint never runs ahead of the data, and the upsert is idempotent, so nothing is lost or
 * duplicated.
 *
 * A window starts at the checkpoint's `lastUpdatedAfter` and ends where Amazon says it ended
 * (the `LastUpdatedBefore` it echoes on the window's first page: two minutes before the first
 * request, per the 2-minute rule; kept in the checkpoint while paging, so a resumed window ends
 * there too); the next window starts one second before that bound, as dates are compared to
 * the second and an order seen twice costs nothing.
 *
 * Amazon refusing the seller's grant (`invalid_grant`) marks the connection "needs
 * re-authorization" (which raises an alert) and pauses the sync. Progress goes to the event
 * hub; counters to `sync_runs`.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ErrorCode, isAppError } from '@spapi/shared';
import type { Logger } from '../logging/index.js';
import {
  getCheckpoint,
  prepareOrderWrite,
  upsertPage,
  type PreparedOrder,
  type SyncCheckpoint,
} from '../orders/index.js';
import type { PiiVault } from '../pii-vault/index.js';
import { isLwaInvalidGrant, isSpapiError, type SellerExecutor } from '../spapi/index.js';
import type { Database, OrdersApiVersion, SyncTrigger } from '../storage/index.js';
import type { OrdersSource, SyncConnection } from './orders-source.js';
import type { SyncEventHub } from './sync-events.js';
import {
  ZERO_COUNTERS,
  type SyncRunCounters,
  type SyncRunRepository,
} from './sync-run.repository.js';

/** The first sync of a marketplace reads this far back. */
export const DEFAULT_INITIAL_LOOKBACK_MS = 30 * 86_400_000;
/** Each window starts this much before the previous one's bound. */
export const WINDOW_OVERLAP_MS = 1000;

export interface SyncableConnection extends SyncConnection {
  readonly status: string;
  readonly marketplaceIds: readonly string[];
  readonly ordersApiVersion: OrdersApiVersion;
}

export interface OrderSyncDeps {
  readonly db: Kysely<Database>;
  readonly vault: PiiVault;
  readonly executor: Pick<SellerExecutor, 'run'>;
  readonly sources: Readonly<Record<OrdersApiVersion, OrdersSource>>;
  readonly connections: {
    findById(id: string): Promise<SyncableConnection | undefined>;
    markNeedsReauthorization(id: string, reasonCode: string): Promise<boolean>;
  };
  readonly runs: SyncRunRepository;
  readonly events: SyncEventHub;
  /** Epoch milliseconds, for run times and row timestamps. */
  readonly clock?: () => number;
  readonly logger?: Logger | undefined;
  readonly initialLookbackMs?: number;
}

export type SyncOutcomeStatus = 'succeeded' | 'failed' | 'paused' | 'interrupted' | 'skipped';

export interface SyncOutcome {
  readonly runId: string | null;
  readonly status: SyncOutcomeStatus;
  readonly counters: SyncRunCounters;
  readonly errorCode: string | null;
  readonly amznRequestId: string | null;
}

export interface OrderSync {
  /** Syncs every marketplace of an active connection; a connection in any other state is skipped. */
  run(connectionId: string, trigger: SyncTrigger, signal?: AbortSignal): Promise<SyncOutcome>;
}

interface Failure {
  readonly status: 'failed' | 'paused' | 'interrupted';
  readonly errorCode: string;
  readonly amznRequestId: string | null;
}

/** A pagination token Amazon no longer accepts (expired after 24 h, or from a lost search). */
function isStaleToken(error: unknown): boolean {
  return isSpapiError(error) && error.httpStatus === 400;
}

export function createOrderSync(deps: OrderSyncDeps): OrderSync {
  const { db, vault, executor, runs, events, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const lookback = deps.initialLookbackMs ?? DEFAULT_INITIAL_LOOKBACK_MS;

  async function classify(
    error: unknown,
    connection: SyncableConnection,
    signal: AbortSignal | undefined,
  ): Promise<Failure> {
    if (isLwaInvalidGrant(error)) {
      await deps.connections.markNeedsReauthorization(connection.id, 'INVALID_GRANT');
      return { status: 'paused', errorCode: ErrorCode.NEEDS_REAUTHORIZATION, amznRequestId: null };
    }
    if (isAppError(error) && error.code === ErrorCode.NEEDS_REAUTHORIZATION) {
      // Disconnected or re-authorization pending meanwhile: nothing to mark.
      return { status: 'paused', errorCode: error.code, amznRequestId: null };
    }
    if (signal?.aborted === true) {
      return { status: 'interrupted', errorCode: 'INTERRUPTED', amznRequestId: null };
    }
    if (isSpapiError(error)) {
      return { status: 'failed', errorCode: error.code, amznRequestId: error.amznRequestId };
    }
    return {
      status: 'failed',
      errorCode: isAppError(error) ? error.code : ErrorCode.INTERNAL,
      amznRequestId: null,
    };
  }

  async function syncMarketplace(
    runId: string,
    connection: SyncableConnection,
    marketplaceId: string,
    counters: { value: SyncRunCounters },
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const source = deps.sources[connection.ordersApiVersion];
    const stored = await getCheckpoint(db, connection.id, marketplaceId);
    let checkpoint: SyncCheckpoint = stored ?? {
      connectionId: connection.id,
      marketplaceId,
      lastUpdatedAfter: clock() - lookback,
      nextToken: null,
    };
    let tokenRestarted = false;
    for (;;) {
      signal?.throwIfAborted();
      const from = checkpoint;
      let page;
      try {
        page = await executor.run(connection.sellingPartnerId, () =>
          source({
            runId,
            connection,
            marketplaceId,
            lastUpdatedAfter: from.lastUpdatedAfter,
            nextToken: from.nextToken,
            signal,
          }),
        );
      } catch (error) {
        if (from.nextToken === null || tokenRestarted || !isStaleToken(error)) throw error;
        // Restart the window from its start: the upsert absorbs what was already written.
        tokenRestarted = true;
        logger?.warn('sync.pagination-restart', {
          runId,
          connectionId: connection.id,
          marketplaceId,
        });
        checkpoint = { ...from, nextToken: null, windowBound: null };
        continue;
      }
      const prepared: PreparedOrder[] = [];
      for (const order of page.orders) {
        prepared.push(await prepareOrderWrite(vault, connection.organizationId, order));
      }
      // The window ends where its first page said it does (kept across restarts); a later
      // page's echo counts only when the first one's is unknown.
      const windowBound =
        (from.nextToken === null ? page.bound : (from.windowBound ?? page.bound)) ?? null;
      const next: SyncCheckpoint =
        page.nextToken !== null
          ? { ...from, nextToken: page.nextToken, windowBound }
          : {
              connectionId: from.connectionId,
              marketplaceId: from.marketplaceId,
              nextToken: null,
              windowBound: null,
              lastUpdatedAfter:
                windowBound === null
                  ? from.lastUpdatedAfter
                  : Math.max(from.lastUpdatedAfter, windowBound - WINDOW_OVERLAP_MS),
            };
      const before = counters.value;
      const after = await db.transaction().execute(async (trx) => {
        const written = await upsertPage(trx, prepared, next, clock());
        const updated: SyncRunCounters = {
          ...before,
          pages: before.pages + 1,
          ordersSeen: before.ordersSeen + page.listed,
          ordersInserted: before.ordersInserted + written.inserted,
          ordersUpdated: before.ordersUpdated + written.updated,
        };
        await runs.recordProgress(trx, runId, updated);
        return updated;
      });
      // Waits and retries counted while the page was written stay counted.
      counters.value = {
        ...after,
        rateWaits: counters.value.rateWaits,
        retries: counters.value.retries,
      };
      checkpoint = next;
      logger?.info('sync.page', {
        runId,
        connectionId: connection.id,
        marketplaceId,
        listed: page.listed,
        written: prepared.length,
      });
      events.publish({
        type: 'page',
        runId,
        organizationId: connection.organizationId,
        connectionId: connection.id,
        marketplaceId,
        counters: counters.value,
      });
      if (page.nextToken === null) return;
    }
  }

  return {
    async run(connectionId, trigger, signal) {
      const connection = await deps.connections.findById(connectionId);
      if (connection?.status !== 'active') {
        return {
          runId: null,
          status: 'skipped',
          counters: ZERO_COUNTERS,
          errorCode: null,
          amznRequestId: null,
        };
      }
      const runId = randomUUID();
      const ref = { runId, organizationId: connection.organizationId, connectionId };
      const startedAt = clock();
      await runs.start({
        id: runId,
        organizationId: connection.organizationId,
        connectionId,
        trigger,
        ordersApiVersion: connection.ordersApiVersion,
        startedAt,
      });
      events.publish({ ...ref, type: 'started', at: startedAt });
      logger?.info('sync.started', { runId, connectionId, trigger });
      const counters = { value: ZERO_COUNTERS };
      const detach = events.attach({
        ...ref,
        sellingPartnerId: connection.sellingPartnerId,
        onSpapiEvent: (event) => {
          const c = counters.value;
          counters.value =
            event.kind === 'rate-wait'
              ? { ...c, rateWaits: c.rateWaits + 1 }
              : { ...c, retries: c.retries + 1 };
        },
      });
      // Marketplaces are independent: one that fails (a malformed page, say) does not hold up
      // the others. A paused grant or an interrupted process stops the run.
      let failure: Failure | null = null;
      try {
        for (const marketplaceId of connection.marketplaceIds) {
          try {
            await syncMarketplace(runId, connection, marketplaceId, counters, signal);
          } catch (error) {
            const failed = await classify(error, connection, signal).catch((): Failure => ({
              status: 'failed',
              errorCode: ErrorCode.INTERNAL,
              amznRequestId: null,
            }));
            if (failed.errorCode === ErrorCode.INTERNAL) {
              // Not an Amazon or authorization outcome: a bug or an outage of ours.
              logger?.error('sync.failed', {
                runId,
                connectionId,
                marketplaceId,
                ...failed,
                err: error,
              });
            } else {
              logger?.warn('sync.failed', { runId, connectionId, marketplaceId, ...failed });
            }
            failure ??= failed;
            if (failed.status !== 'failed') break;
          }
        }
      } finally {
        detach();
      }
      const outcome: SyncOutcome = {
        runId,
        status: failure?.status ?? 'succeeded',
        counters: counters.value,
        errorCode: failure?.errorCode ?? null,
        amznRequestId: failure?.amznRequestId ?? null,
      };
      try {
        await runs.finish(runId, {
          status: failure?.status ?? 'succeeded',
          finishedAt: clock(),
          counters: outcome.counters,
          errorCode: outcome.errorCode,
          amznRequestId: outcome.amznRequestId,
        });
      } catch (error) {
        // The run stays `running` until a start-up marks it interrupted; the outcome stands.
        logger?.error('sync.finish-failed', { runId, connectionId, err: error });
      }
      events.publish({
        ...ref,
        type: 'finished',
        status: failure?.status ?? 'succeeded',
        counters: outcome.counters,
        errorCode: outcome.errorCode,
        amznRequestId: outcome.amznRequestId,
      });
      logger?.info('sync.finished', { runId, connectionId, status: outcome.status });
      return outcome;
    },
  };
}
