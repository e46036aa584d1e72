/**
 * The few places where SQLite and PostgreSQL DDL differ, in one file. Everything else in the
 * migrations is Kysely's schema builder, identical for both dialects.
 */
import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { Migration } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';

export interface PortableTypes {
  /** Epoch milliseconds: bigint (Postgres) / integer (SQLite, 64-bit). */
  readonly epoch: 'bigint' | 'integer';
  /** Ciphertext: bytea (Postgres) / blob (SQLite). */
  readonly binary: 'bytea' | 'blob';
}

export function portableTypes(dialect: DatabaseDialect): PortableTypes {
  return dialect === 'postgres'
    ? { epoch: 'bigint', binary: 'bytea' }
    : { epoch: 'integer', binary: 'blob' };
}

/** Migrations are written once and told which dialect they run on. */
export type PortableMigration = (dialect: DatabaseDialect) => Migration;

/**
 * `CREATE TABLE`, as a STRICT table on SQLite: column types are enforced like on Postgres
 * (no text in an integer column), so a test that passes on SQLite means the same on Postgres.
 */
export function createTable(
  db: Kysely<unknown>,
  dialect: DatabaseDialect,
  name: string,
): CreateTableBuilder<string> {
  const builder = db.schema.createTable(name);
  return dialect === 'sqlite' ? builder.modifyEnd(sql`strict`) : builder;
}

/** `column IN ('a', 'b')` for a CHECK constraint. Values are literals written in a migration. */
export function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  return sql.raw(`${column} in (${list})`);
}
