import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the embedded database with the settings we rely on:
 * - `journal_mode=WAL`: readers do not block the writer (the CLI and the server share the file);
 * - `synchronous=FULL`: a committed audit entry survives a power cut;
 * - `foreign_keys=ON`: SQLite leaves them off by default;
 * - `busy_timeout`: wait for a lock instead of failing at once;
 * - `secure_delete=ON`: deleted PII is overwritten, not left in free pages;
 * - `trusted_schema=OFF`: schema objects cannot call functions with side effects.
 * The directory is created owner-only and the file owner-read/write (WAL and SHM files inherit it).
 */
export function openSqlite(path: string): BetterSqlite3.Database {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma('secure_delete = ON');
    db.pragma('trusted_schema = OFF');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
