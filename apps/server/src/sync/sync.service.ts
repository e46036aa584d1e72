/**
 * The sync feature: the engine, its queue (in-process on SQLite, pg-boss on Postgres), the
 * schedule, and the use cases behind `/api/sync`.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/index.js';
import type { PiiVault } from '../pii-vault/index.js';
import type { RdtService } from '../rdt/index.js';
import type { SellerExecutor, SpapiClient } from '../spapi/index.js';
import type { Database } from '../storage/index.js';
import { createOrderSync, type OrderSync, type SyncableConnection } from './order-sync.js';
import { createV0Source, createV2026Source, type StoredVersions } from './orders-source.js';
import type { SyncEventHub, SyncProgressListener } from './sync-events.js';
import {
  createSyncRunRepository,
  type SyncRun,
  type SyncRunRepository,
} from './sync-run.repository.js';
import {
  createInProcessSyncQueue,
  createPgBossSyncQueue,
  startSyncSchedule,
  type EnqueueResult,
  type SyncQueue,
  type SyncTarget,
} from './sync-queue.js';

export interface SyncConnectionStatus {
  readonly connectionId: string;
  readonly sellingPartnerId: string;
  readonly connectionStatus: string;
  readonly ordersApiVersion: string;
  readonly running: SyncRun | null;
  readonly lastRun: SyncRun | null;
  readonly lastSucceededAt: number | null;
}

export type SyncQueueConfig =
  | { readonly kind: 'in-process' }
  | {
      readonly kind: 'pg-boss';
      readonly connectionString: string;
      readonly schema: string;
      readonly concurrency?: number;
      readonly pollingIntervalSeconds?: number;
    };

export interface SyncServiceOptions {
  readonly db: Kysely<Database>;
  readonly vault: PiiVault;
  /** Absent when LWA is not configured: status and runs still answer, "sync now" does not. */
  readonly spapi:
    | {
        readonly client: Pick<SpapiClient, 'call'>;
        readonly executor: Pick<SellerExecutor, 'run'>;
        readonly rdt: Pick<RdtService, 'forOrderSync' | 'invalidate'>;
      }
    | undefined;
  readonly connections: {
    findById(id: string): Promise<SyncableConnection | undefined>;
    markNeedsReauthorization(id: string, reasonCode: string): Promise<boolean>;
  };
  readonly events: SyncEventHub;
  readonly queue: SyncQueueConfig;
  /** Every active seller is enqueued this often; 0: no schedule (manual syncs only). */
  readonly intervalMs: number;
  readonly initialLookbackMs?: number;
  readonly clock?: () => number;
  readonly logger?: Logger | undefined;
}

export interface SyncService {
  /** Absent when LWA is not configured. */
  readonly engine: OrderSync | undefined;
  readonly runsRepository: SyncRunRepository;
  accessScope(connectionId: string): Promise<{ organizationId: string } | undefined>;
  status(organizationId: string): Promise<SyncConnectionStatus[]>;
  runs(organizationId: string, connectionId: string, limit: number): Promise<SyncRun[]>;
  /** "Sync now" (or the first sync after connecting): enqueues the connection's seller. */
  trigger(connectionId: string, trigger?: 'manual' | 'connect'): Promise<EnqueueResult>;
  subscribe(organizationId: string, listener: SyncProgressListener): () => void;
  /** Open progress streams of an organization. */
  subscribers(organizationId: string): number;
  /** Marks runs a dead process left `running`, starts the queue and the schedule. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs still `running` this long after they started belong to a process that is gone. */
const ABANDONED_RUN_MS = 6 * 3600_000;

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { db, logger } = options;
  const clock = options.clock ?? Date.now;
  const runs = createSyncRunRepository(db);

  const stored: StoredVersions = async (connection, ids) => {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('orders')
      .select(['amazon_order_id', 'last_update_date', 'pii_state'])
      .where('organization_id', '=', connection.organizationId)
      .where('amazon_order_id', 'in', [...ids])
      .execute();
    return new Map(
      rows.map((r) => [
        r.amazon_order_id,
        { lastUpdateDate: r.last_update_date, hasPii: r.pii_state !== 'none' },
      ]),
    );
  };

  const { spapi } = options;
  const engine =
    spapi &&
    createOrderSync({
      db,
      vault: options.vault,
      executor: spapi.executor,
      sources: {
        v0: createV0Source({ client: spapi.client, rdt: spapi.rdt, stored }),
        '2026-01-01': createV2026Source({ client: spapi.client }),
      },
      connections: options.connections,
      runs,
      events: options.events,
      clock,
      logger,
      ...(options.initialLookbackMs === undefined
        ? {}
        : { initialLookbackMs: options.initialLookbackMs }),
    });

  const activeConnections = (target?: SyncTarget) => {
    let query = db
      .selectFrom('amazon_connections')
      .select(['id', 'selling_partner_id', 'region'])
      .where('status', '=', 'active');
    if (target !== undefined) {
      query = query
        .where('selling_partner_id', '=', target.sellingPartnerId)
        .where('region', '=', target.region as 'na');
    }
    return query.orderBy('id').execute();
  };

  const handler = async (
    job: SyncTarget & { trigger: 'schedule' | 'manual' | 'connect' },
    signal: AbortSignal,
  ) => {
    for (const connection of await activeConnections(job)) {
      if (signal.aborted || engine === undefined) return;
      await engine.run(connection.id, job.trigger, signal);
    }
  };
  const onError = (error: unknown) => {
    logger?.error('sync.queue-failure', { err: error });
  };
  const queue: SyncQueue =
    options.queue.kind === 'in-process'
      ? createInProcessSyncQueue({ handler, onError })
      : createPgBossSyncQueue({ ...options.queue, handler, onError });
  let schedule: { stop(): void } | null = null;
  let started = false;

  return {
    engine,
    runsRepository: runs,
    accessScope: async (connectionId) => {
      const connection = await options.connections.findById(connectionId);
      return connection && { organizationId: connection.organizationId };
    },
    async status(organizationId) {
      const connections = await db
        .selectFrom('amazon_connections')
        .select(['id', 'selling_partner_id', 'status', 'orders_api_version'])
        .where('organization_id', '=', organizationId)
        .where('status', '<>', 'disconnected')
        .orderBy('connected_at')
        .execute();
      const out: SyncConnectionStatus[] = [];
      for (const c of connections) {
        const [latest] = await runs.recent(c.id, 1);
        const succeeded = await runs.lastSucceeded(c.id);
        out.push({
          connectionId: c.id,
          sellingPartnerId: c.selling_partner_id,
          connectionStatus: c.status,
          ordersApiVersion: c.orders_api_version,
          running: latest?.status === 'running' ? latest : null,
          lastRun: latest ?? null,
          lastSucceededAt: succeeded?.finishedAt ?? null,
        });
      }
      return out;
    },
    async runs(organizationId, connectionId, limit) {
      const connection = await options.connections.findById(connectionId);
      if (connection?.organizationId !== organizationId) throw new AppError(ErrorCode.NOT_FOUND);
      return runs.recent(connectionId, limit);
    },
    async trigger(connectionId, trigger = 'manual') {
      if (engine === undefined) {
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, { message: 'LWA is not configured' });
      }
      const connection = await options.connections.findById(connectionId);
      if (connection === undefined) throw new AppError(ErrorCode.NOT_FOUND);
      if (connection.status !== 'active') {
        throw new AppError(ErrorCode.NEEDS_REAUTHORIZATION, {
          message: 'The Amazon connection is not active: re-authorize it first',
        });
      }
      return queue.enqueue({
        sellingPartnerId: connection.sellingPartnerId,
        region: connection.region,
        trigger,
      });
    },
    subscribe: (organizationId, listener) => options.events.subscribe(organizationId, listener),
    subscribers: (organizationId) => options.events.subscribers(organizationId),
    async start() {
      const now = clock();
      const stale = options.queue.kind === 'in-process' ? now + 1 : now - ABANDONED_RUN_MS;
      const interrupted = await runs.markInterrupted(stale, now);
      if (interrupted > 0) logger?.warn('sync.interrupted-runs', { count: interrupted });
      if (engine === undefined) return;
      await queue.start();
      started = true;
      if (options.intervalMs > 0) {
        schedule = startSyncSchedule({
          queue,
          targets: async () => {
            const rows = await activeConnections();
            const seen = new Map<string, SyncTarget>();
            for (const r of rows) {
              seen.set(`${r.selling_partner_id}:${r.region}`, {
                sellingPartnerId: r.selling_partner_id,
                region: r.region,
              });
            }
            return [...seen.values()];
          },
          intervalMs: options.intervalMs,
          onError,
        });
      }
    },
    async stop() {
      schedule?.stop();
      if (started) await queue.stop();
    },
  };
}
