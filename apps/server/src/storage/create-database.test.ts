import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { forDialect, TEST_POSTGRES_URL } from '../../test/storage-harness.js';
import { loadConfig } from '../config/load-config.js';
import { createDatabase } from './create-database.js';
import { migrateToLatest } from './migrate.js';

describe('createDatabase', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('opens the demo configuration as SQLite under DATA_DIR and closes idempotently', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spapi-demo-'));
    dirs.push(dataDir);
    const config = loadConfig({ SERVER_MODE: 'demo', DATA_DIR: dataDir });
    const database = createDatabase(config.database);
    expect(database.dialect).toBe('sqlite');
    expect(database.schema).toBeNull();
    await migrateToLatest(database);
    expect((await stat(join(dataDir, 'server.sqlite'))).isFile()).toBe(true);
    await database.close();
    await database.close();
  });

  forDialect('postgres', (t) => {
    it('points the pool at its schema and parses int8 as a number', async () => {
      const { rows } = await sql<{
        path: string;
        big: number;
      }>`select current_setting('search_path') as path, 9007199254740991::int8 as big`.execute(
        t.db(),
      );
      expect(rows).toEqual([{ path: t.handle().location, big: Number.MAX_SAFE_INTEGER }]);
    });

    it('refuses an int8 beyond 2^53 instead of rounding it', async () => {
      await expect(sql`select 9007199254740993::int8 as big`.execute(t.db())).rejects.toThrow(
        /safe integer/,
      );
    });

    it('refuses a schema name that is not a plain identifier', () => {
      expect(() =>
        createDatabase({ kind: 'postgres', url: TEST_POSTGRES_URL, schema: 'x; drop', poolMax: 1 }),
      ).toThrow(/identifier/);
    });
  });
});
