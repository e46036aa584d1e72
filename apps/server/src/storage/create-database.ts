import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseConfig } from '../config/config.types.js';
import type { Database } from './database.types.js';
import { createPostgresPool } from './postgres-pool.js';
import { openSqlite } from './sqlite-connection.js';

export type DatabaseDialect = DatabaseConfig['kind'];

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DatabaseDialect;
  /** The Postgres schema everything lives in; `null` on SQLite. */
  readonly schema: string | null;
  /** Closes the SQLite file or ends the Postgres pool. Idempotent. */
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** Errors of idle Postgres clients; wire the logger here. */
  readonly onPoolError?: (error: Error) => void;
}

/**
 * Opens the configured database. Does not migrate: call `migrateToLatest` at start-up.
 * SQLite opens synchronously (and fails here if the file cannot be opened); Postgres connects
 * lazily on the first query.
 */
export function createDatabase(
  config: DatabaseConfig,
  options: CreateDatabaseOptions = {},
): DatabaseHandle {
  const dialect =
    config.kind === 'sqlite'
      ? new SqliteDialect({ database: openSqlite(config.path) })
      : new PostgresDialect({
          pool: createPostgresPool({
            url: config.url,
            schema: config.schema,
            max: config.poolMax,
            ...(options.onPoolError === undefined ? {} : { onError: options.onPoolError }),
          }),
        });
  const db = new Kysely<Database>({ dialect });
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: config.kind,
    schema: config.kind === 'postgres' ? config.schema : null,
    close: () => (closing ??= db.destroy()),
  };
}
