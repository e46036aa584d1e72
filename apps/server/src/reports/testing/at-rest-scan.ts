/** Byte scans of what a test database holds, for plaintext PII. */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { DialectContext } from '../../../test/storage-harness.js';

/** Each text as written, lower- and upper-cased, in UTF-8 and UTF-16. */
export function needlesOf(texts: readonly string[]): Buffer[] {
  return texts.flatMap((text) =>
    [text, text.toLowerCase(), text.toUpperCase()].flatMap((variant) => [
      Buffer.from(variant, 'utf8'),
      Buffer.from(variant, 'utf16le'),
    ]),
  );
}

/** Every byte the database holds: the SQLite files (with WAL), or every Postgres row. */
export async function storedBytes(t: DialectContext): Promise<Buffer[]> {
  if (t.dialect === 'sqlite') {
    const dir = dirname(t.handle().location);
    const names = await readdir(dir);
    return Promise.all(names.map((name) => readFile(join(dir, name))));
  }
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${t.handle().location}`.execute(t.db());
  const out: Buffer[] = [];
  for (const { table_name: table } of tables) {
    const { rows } = await sql<Record<string, unknown>>`
      select *, r::text as row_text from ${sql.table(table)} r`.execute(t.db());
    for (const value of rows.flatMap((row) => Object.values(row))) {
      if (Buffer.isBuffer(value)) out.push(value);
      else if (value !== null) out.push(Buffer.from(JSON.stringify(value), 'utf8'));
    }
  }
  return out;
}
