/**
 * Where the window a sync is paging through ends: the bound Amazon echoed on its first page,
 * kept beside the pagination token, so that a sync resumed after a restart ends the window
 * where it really ends, whatever later pages echo.
 */
import type { Kysely } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { portableTypes, type PortableMigration } from './portable-schema.js';

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await db.schema.alterTable('sync_checkpoints').addColumn('window_bound', t.epoch).execute();
}

export const syncWindowBoundMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
