import { Migrator } from 'kysely';
import type { DatabaseHandle } from './create-database.js';
import { migrationProvider } from './migrations/index.js';

/** A migration failed; nothing after it ran. The driver's error is the `cause`. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly migrationName: string | null;

  constructor(migrationName: string | null, cause: unknown) {
    super(`Database migration failed${migrationName === null ? '' : `: ${migrationName}`}`, {
      cause,
    });
    this.migrationName = migrationName;
  }
}

/**
 * Brings the schema to the latest version; safe to run on every start (already-applied
 * migrations are skipped, concurrent runs serialise on Kysely's migration lock). On Postgres the
 * bookkeeping tables live in the handle's schema.
 *
 * @returns the names of the migrations applied by this call (empty when up to date).
 */
export async function migrateToLatest(database: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider(database.dialect),
    ...(database.schema === null ? {} : { migrationTableSchema: database.schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? null;
    throw new MigrationError(failed, error);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
