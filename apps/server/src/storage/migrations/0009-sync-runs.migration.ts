/**
 * Order sync runs: one row per run of one connection (all its marketplaces), with its counters
 * and, when it failed, the error code and Amazon's request id. Ids, counts and codes only: no
 * PII, no token. The sync status endpoint and the portal's "last successful sync" read it.
 */
import type { Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await createTable(db, dialect, 'sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('amazon_connections.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('orders_api_version', 'text', (c) => c.notNull())
    .addColumn('started_at', t.epoch, (c) => c.notNull())
    .addColumn('finished_at', t.epoch)
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orders_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orders_inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('orders_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_waits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('amzn_request_id', 'text')
    .addCheckConstraint('sync_runs_trigger', oneOf('trigger', ['schedule', 'manual', 'connect']))
    .addCheckConstraint(
      'sync_runs_status',
      oneOf('status', ['running', 'succeeded', 'failed', 'paused', 'interrupted']),
    )
    .addCheckConstraint('sync_runs_orders_api', oneOf('orders_api_version', ['v0', '2026-01-01']))
    .execute();
  await db.schema
    .createIndex('sync_runs_connection')
    .on('sync_runs')
    .columns(['connection_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('sync_runs_organization')
    .on('sync_runs')
    .columns(['organization_id', 'started_at'])
    .execute();
}

export const syncRunsMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
