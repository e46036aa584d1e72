/**
 * The SQL that re-encryption and retirement run against registered columns. Identifiers come
 * from the registry (validated lower-case snake_case) and are quoted by Kysely; every value is a
 * parameter. The same statements run on SQLite and PostgreSQL.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../storage/index.js';
import type { ResolvedColumn } from './encrypted-columns.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface EncryptedCell {
  readonly rowId: string;
  readonly ciphertext: Uint8Array | null;
  readonly keyId: string;
}

/** Rows of one organization whose key id is one of `keyIds`, by row id, after `afterRowId`. */
export async function selectCellsByKeys(
  db: Executor,
  column: ResolvedColumn,
  organizationId: string,
  keyIds: readonly string[],
  afterRowId: string | null,
  limit: number,
): Promise<EncryptedCell[]> {
  if (keyIds.length === 0 || limit < 1) return [];
  const id = sql.ref(column.idColumn);
  const after = afterRowId === null ? sql`` : sql`and ${id} > ${afterRowId}`;
  const { rows } = await sql<{ row_id: string; ciphertext: Uint8Array | null; key_id: string }>`
    select ${id} as row_id, ${sql.ref(column.column)} as ciphertext,
           ${sql.ref(column.keyIdColumn)} as key_id
    from ${sql.table(column.table)}
    where ${sql.ref(column.organizationColumn)} = ${organizationId}
      and ${sql.ref(column.keyIdColumn)} in (${sql.join(keyIds)})
      ${after}
    order by ${id}
    limit ${limit}`.execute(db);
  return rows.map((row) => ({ rowId: row.row_id, ciphertext: row.ciphertext, keyId: row.key_id }));
}

/**
 * Replaces a cell only if it still holds exactly `before` (ciphertext and key id): a value
 * written meanwhile is never overwritten with an older one. False if the row changed.
 */
export async function replaceCell(
  db: Executor,
  column: ResolvedColumn,
  organizationId: string,
  before: EncryptedCell & { readonly ciphertext: Uint8Array },
  after: { readonly ciphertext: Uint8Array; readonly keyId: string },
): Promise<boolean> {
  const result = await sql`
    update ${sql.table(column.table)}
    set ${sql.ref(column.column)} = ${after.ciphertext},
        ${sql.ref(column.keyIdColumn)} = ${after.keyId}
    where ${sql.ref(column.idColumn)} = ${before.rowId}
      and ${sql.ref(column.organizationColumn)} = ${organizationId}
      and ${sql.ref(column.keyIdColumn)} = ${before.keyId}
      and ${sql.ref(column.column)} = ${before.ciphertext}`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Whether any row (of any organization) still names key `keyId`. */
export async function isKeyReferenced(
  db: Executor,
  column: ResolvedColumn,
  keyId: string,
): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`
    select 1 as found from ${sql.table(column.table)}
    where ${sql.ref(column.keyIdColumn)} = ${keyId}
    limit 1`.execute(db);
  return rows.length > 0;
}

/** How many rows of an organization name each key, in one column. */
export async function countCellsByKey(
  db: Executor,
  column: ResolvedColumn,
  organizationId: string,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ key_id: string | null; cells: number | string | bigint }>`
    select ${sql.ref(column.keyIdColumn)} as key_id, count(*) as cells
    from ${sql.table(column.table)}
    where ${sql.ref(column.organizationColumn)} = ${organizationId}
      and ${sql.ref(column.keyIdColumn)} is not null
    group by ${sql.ref(column.keyIdColumn)}`.execute(db);
  const counts = new Map<string, number>();
  for (const row of rows) if (row.key_id !== null) counts.set(row.key_id, Number(row.cells));
  return counts;
}
