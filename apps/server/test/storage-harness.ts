/**
 * Runs storage suites on both dialects: a fresh SQLite file in a temporary directory, and a
 * freshly created schema in the test PostgreSQL database (dropped afterwards), so suites and
 * test files never see each other's rows.
 *
 * PostgreSQL is not optional: if it does not answer, the Postgres half FAILS with instructions.
 * `SKIP_POSTGRES=1` skips it explicitly (the skipped tests still show in the report); it is
 * refused when `CI` is set. `TEST_DATABASE_URL` overrides the database
 * (default postgres://postgres@127.0.0.1:5432/test, trust authentication).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  createDatabase,
  type DatabaseDialect,
  type DatabaseHandle,
} from '../src/storage/create-database.js';
import type { Database } from '../src/storage/database.types.js';
import { MigrationError, migrateToLatest } from '../src/storage/migrate.js';

export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const skipPostgres = process.env.SKIP_POSTGRES === '1';
if (skipPostgres && process.env.CI !== undefined && process.env.CI !== '') {
  throw new Error('SKIP_POSTGRES=1 is refused in CI: the storage suites must run on PostgreSQL.');
}

export const DIALECTS: readonly DatabaseDialect[] = ['sqlite', 'postgres'];

export interface TestDatabase extends DatabaseHandle {
  /** The SQLite file or the Postgres schema name. */
  readonly location: string;
  /** Closes the handle and deletes the file or drops the schema. */
  dispose(): Promise<void>;
}

export interface OpenOptions {
  /** Apply every migration before handing the database over. Default: true. */
  readonly migrate?: boolean;
}

/** Host, port and database only: the URL may carry a password. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      [
        `PostgreSQL is not reachable at ${describeUrl(TEST_POSTGRES_URL)} (${reason}).`,
        'Storage suites run on SQLite AND PostgreSQL; CI provides PostgreSQL.',
        'Start one (trust auth, database "test"), point TEST_DATABASE_URL at yours,',
        'or set SKIP_POSTGRES=1 to run only the SQLite half locally (see apps/server/README.md).',
      ].join(' '),
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function openSqlite(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'spapi-storage-'));
  const path = join(dir, 'test.sqlite');
  const handle = createDatabase({ kind: 'sqlite', path });
  return {
    ...handle,
    location: path,
    dispose: async () => {
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<TestDatabase> {
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await withAdminClient((client) => client.query(`create schema ${schema}`));
  const handle = createDatabase({ kind: 'postgres', url: TEST_POSTGRES_URL, schema, poolMax: 4 });
  return {
    ...handle,
    location: schema,
    dispose: async () => {
      await handle.close();
      await withAdminClient((client) => client.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

/**
 * Kysely's migrator introspects every table of the database before it migrates; when another
 * test file drops its own schema at that moment, Postgres answers `3F000` naming THAT schema.
 * A test-only race (production drops no schemas under a starting server): try again.
 */
export function isConcurrentSchemaDrop(error: unknown): boolean {
  const cause: unknown = error instanceof MigrationError ? error.cause : error;
  return (
    typeof cause === 'object' && cause !== null && (cause as { code?: unknown }).code === '3F000'
  );
}

export async function retryingSchemaDrops<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 5 || !isConcurrentSchemaDrop(error)) throw error;
    }
  }
}

/** One fresh, isolated database of the given dialect (migrated unless told otherwise). */
export async function openTestDatabase(
  dialect: DatabaseDialect,
  { migrate = true }: OpenOptions = {},
): Promise<TestDatabase> {
  const database = dialect === 'sqlite' ? await openSqlite() : await openPostgres();
  if (migrate) {
    try {
      await retryingSchemaDrops(() => migrateToLatest(database));
    } catch (error) {
      await database.dispose();
      throw error;
    }
  }
  return database;
}

export interface DialectContext {
  readonly dialect: DatabaseDialect;
  /** The suite's database; valid inside tests and hooks. */
  db(): Kysely<Database>;
  handle(): TestDatabase;
}

/** Declares `suite` in a `describe` named after the dialect, with its own fresh database. */
export function forDialect(
  dialect: DatabaseDialect,
  suite: (context: DialectContext) => void,
  options: OpenOptions = {},
): void {
  const block = dialect === 'postgres' && skipPostgres ? describe.skip : describe;
  block(dialect, () => {
    let current: TestDatabase | undefined;
    beforeAll(async () => {
      current = await openTestDatabase(dialect, options);
    }, 30_000);
    afterAll(async () => {
      await current?.dispose();
    });
    const handle = (): TestDatabase => {
      if (current === undefined) throw new Error(`the ${dialect} test database is not open`);
      return current;
    };
    suite({ dialect, handle, db: () => handle().db });
  });
}

/**
 * Declares `suite` once per dialect, each with its own fresh database:
 *
 *   forEachDialect((t) => {
 *     it('stores a row', async () => { await t.db().insertInto('organizations')… });
 *   });
 */
export function forEachDialect(
  suite: (context: DialectContext) => void,
  options: OpenOptions = {},
): void {
  for (const dialect of DIALECTS) forDialect(dialect, suite, options);
}
