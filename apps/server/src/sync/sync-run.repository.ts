/** Sync runs (`sync_runs`): one row per run of one connection. Ids, counts and codes only. */
import type { Kysely, Transaction } from 'kysely';
import type {
  Database,
  OrdersApiVersion,
  Row,
  SyncRunStatus,
  SyncTrigger,
} from '../storage/index.js';

export interface SyncRunCounters {
  readonly pages: number;
  readonly ordersSeen: number;
  readonly ordersInserted: number;
  readonly ordersUpdated: number;
  readonly rateWaits: number;
  readonly retries: number;
}

export interface SyncRun extends SyncRunCounters {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly trigger: SyncTrigger;
  readonly status: SyncRunStatus;
  readonly ordersApiVersion: OrdersApiVersion;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly errorCode: string | null;
  readonly amznRequestId: string | null;
}

export const ZERO_COUNTERS: SyncRunCounters = {
  pages: 0,
  ordersSeen: 0,
  ordersInserted: 0,
  ordersUpdated: 0,
  rateWaits: 0,
  retries: 0,
};

function toRun(row: Row<'sync_runs'>): SyncRun {
  return {
    id: row.id,
    organizationId: row.organization_id,
    connectionId: row.connection_id,
    trigger: row.trigger,
    status: row.status,
    ordersApiVersion: row.orders_api_version,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    pages: row.pages,
    ordersSeen: row.orders_seen,
    ordersInserted: row.orders_inserted,
    ordersUpdated: row.orders_updated,
    rateWaits: row.rate_waits,
    retries: row.retries,
    errorCode: row.error_code,
    amznRequestId: row.amzn_request_id,
  };
}

function counterColumns(counters: SyncRunCounters) {
  return {
    pages: counters.pages,
    orders_seen: counters.ordersSeen,
    orders_inserted: counters.ordersInserted,
    orders_updated: counters.ordersUpdated,
    rate_waits: counters.rateWaits,
    retries: counters.retries,
  };
}

export function createSyncRunRepository(db: Kysely<Database>) {
  return {
    async start(run: {
      id: string;
      organizationId: string;
      connectionId: string;
      trigger: SyncTrigger;
      ordersApiVersion: OrdersApiVersion;
      startedAt: number;
    }): Promise<void> {
      await db
        .insertInto('sync_runs')
        .values({
          id: run.id,
          organization_id: run.organizationId,
          connection_id: run.connectionId,
          trigger: run.trigger,
          status: 'running',
          orders_api_version: run.ordersApiVersion,
          started_at: run.startedAt,
        })
        .execute();
    },

    /** The counters after a committed page: in the page's transaction. */
    async recordProgress(
      trx: Transaction<Database>,
      id: string,
      counters: SyncRunCounters,
    ): Promise<void> {
      await trx
        .updateTable('sync_runs')
        .set(counterColumns(counters))
        .where('id', '=', id)
        .execute();
    },

    async finish(
      id: string,
      outcome: {
        status: Exclude<SyncRunStatus, 'running'>;
        finishedAt: number;
        counters: SyncRunCounters;
        errorCode?: string | null;
        amznRequestId?: string | null;
      },
    ): Promise<void> {
      await db
        .updateTable('sync_runs')
        .set({
          status: outcome.status,
          finished_at: outcome.finishedAt,
          error_code: outcome.errorCode ?? null,
          amzn_request_id: outcome.amznRequestId ?? null,
          ...counterColumns(outcome.counters),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    /**
     * Runs left `running` by a process that stopped under them (a crash, kill -9). Called at
     * start-up, before the queue starts; with several processes (Postgres) only for runs older
     * than `startedBefore`, which no live worker can still hold.
     */
    async markInterrupted(startedBefore: number, finishedAt: number): Promise<number> {
      const result = await db
        .updateTable('sync_runs')
        .set({ status: 'interrupted', finished_at: finishedAt, error_code: 'INTERRUPTED' })
        .where('status', '=', 'running')
        .where('started_at', '<', startedBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async findById(id: string): Promise<SyncRun | undefined> {
      const row = await db
        .selectFrom('sync_runs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRun(row);
    },

    /** The connection's most recent runs, newest first. */
    async recent(connectionId: string, limit: number): Promise<SyncRun[]> {
      const rows = await db
        .selectFrom('sync_runs')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRun);
    },

    async lastSucceeded(connectionId: string): Promise<SyncRun | undefined> {
      const row = await db
        .selectFrom('sync_runs')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('status', '=', 'succeeded')
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toRun(row);
    },
  };
}

export type SyncRunRepository = ReturnType<typeof createSyncRunRepository>;
