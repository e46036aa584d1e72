import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openSqlite, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-connection.js';

describe('openSqlite', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spapi-sqlite-'));
    db = openSqlite(join(dir, 'nested', 'server.sqlite'));
  });
  afterAll(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['journal_mode', 'wal'],
    ['foreign_keys', 1],
    ['busy_timeout', SQLITE_BUSY_TIMEOUT_MS],
    ['synchronous', 2],
    ['secure_delete', 1],
    ['trusted_schema', 0],
  ])('sets %s', (pragma, expected) => {
    expect(db.pragma(pragma, { simple: true })).toBe(expected);
  });

  it('creates the directory owner-only and the file owner read/write', async () => {
    expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'nested', 'server.sqlite'))).mode & 0o777).toBe(0o600);
  });

  it('keeps WAL across reopening (it is a property of the file)', () => {
    const again = openSqlite(join(dir, 'nested', 'server.sqlite'));
    try {
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      again.close();
    }
  });
});
