import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { identityMigration } from './0001-identity.migration.js';
import { auditMigration } from './0002-audit.migration.js';
import { alertsAndMailMigration } from './0003-alerts-and-mail.migration.js';
import { piiKeysMigration } from './0004-pii-keys.migration.js';
import { amazonConnectionsMigration } from './0005-amazon-connections.migration.js';
import { ordersMigration } from './0006-orders.migration.js';
import { retentionMigration } from './0007-retention.migration.js';
import { customerReportsMigration } from './0008-customer-reports.migration.js';
import { syncRunsMigration } from './0009-sync-runs.migration.js';
import { syncWindowBoundMigration } from './0010-sync-window-bound.migration.js';
import { canaryOrdersMigration } from './0011-canary-orders.migration.js';
import type { PortableMigration } from './portable-schema.js';

/**
 * Every migration, in order. Names sort lexically (Kysely applies them in name order and refuses
 * unknown or reordered history). Forward only: there are no `down` migrations, because the
 * schema holds the audit trail, which no migration may drop.
 */
export const MIGRATIONS: Readonly<Record<string, PortableMigration>> = {
  '0001_identity': identityMigration,
  '0002_audit': auditMigration,
  '0003_alerts_and_mail': alertsAndMailMigration,
  '0004_pii_keys': piiKeysMigration,
  '0005_amazon_connections': amazonConnectionsMigration,
  '0006_orders': ordersMigration,
  '0007_retention': retentionMigration,
  '0008_customer_reports': customerReportsMigration,
  '0009_sync_runs': syncRunsMigration,
  '0010_sync_window_bound': syncWindowBoundMigration,
  '0011_canary_orders': canaryOrdersMigration,
};

function atomicOnSqlite(migration: Migration): Migration {
  // Kysely runs SQLite migrations outside a transaction; SQLite's DDL is transactional, so a
  // failing migration leaves nothing half-done.
  return {
    up: (db: Kysely<unknown>) => db.transaction().execute((trx) => migration.up(trx)),
  };
}

/** The in-code provider: no file-system scanning, the same list in every build. */
export function migrationProvider(dialect: DatabaseDialect): MigrationProvider {
  return {
    getMigrations: () => {
      const entries = Object.entries(MIGRATIONS).map(([name, build]): [string, Migration] => {
        const migration = build(dialect);
        return [name, dialect === 'sqlite' ? atomicOnSqlite(migration) : migration];
      });
      return Promise.resolve(Object.fromEntries(entries));
    },
  };
}
