/** The `data_keys` table: plain rows in, plain objects out. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, DataKeyPurpose, Row } from '../storage/index.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type DataKeyRow = Row<'data_keys'>;

/** One key chain: the versions of an organization's key for one purpose and scope. */
export interface KeyChain {
  readonly organizationId: string;
  readonly purpose: DataKeyPurpose;
  readonly scope: string;
}

export function findKey(db: Executor, id: string): Promise<DataKeyRow | undefined> {
  return db.selectFrom('data_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The highest version of a chain (live or not). */
export function findLatestKey(db: Executor, chain: KeyChain): Promise<DataKeyRow | undefined> {
  return db
    .selectFrom('data_keys')
    .selectAll()
    .where('organization_id', '=', chain.organizationId)
    .where('purpose', '=', chain.purpose)
    .where('scope', '=', chain.scope)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listKeys(db: Executor, organizationId: string): Promise<DataKeyRow[]> {
  return db
    .selectFrom('data_keys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('purpose')
    .orderBy('scope')
    .orderBy('version')
    .execute();
}

export async function insertKey(
  db: Executor,
  row: Omit<DataKeyRow, 'retired_at' | 'destroyed_at'>,
): Promise<void> {
  await db.insertInto('data_keys').values(row).execute();
}

/** Erases a live key's wrapped bytes and marks it; false if it was no longer live. */
export async function endKey(
  db: Executor,
  id: string,
  how: 'retired_at' | 'destroyed_at',
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('data_keys')
    .set({ wrapped_key: null, master_key_version: null, [how]: at })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .where('destroyed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Live keys wrapped under another master key version than `current`, oldest first. */
export function keysToRewrap(
  db: Executor,
  currentMasterVersion: string,
  limit: number,
): Promise<DataKeyRow[]> {
  return db
    .selectFrom('data_keys')
    .selectAll()
    .where('wrapped_key', 'is not', null)
    .where('master_key_version', '<>', currentMasterVersion)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Replaces the wrapping, if the row is still wrapped under `fromVersion`. */
export async function rewrapKey(
  db: Executor,
  id: string,
  fromVersion: string,
  wrapped: Uint8Array,
  toVersion: string,
): Promise<boolean> {
  const result = await db
    .updateTable('data_keys')
    .set({ wrapped_key: wrapped, master_key_version: toVersion })
    .where('id', '=', id)
    .where('master_key_version', '=', fromVersion)
    .where('wrapped_key', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** How many live keys each master key version still wraps. */
export async function countByMasterVersion(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('data_keys')
    .select(['master_key_version'])
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('keys'))
    .where('master_key_version', 'is not', null)
    .groupBy('master_key_version')
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.master_key_version !== null) counts.set(row.master_key_version, Number(row.keys));
  }
  return counts;
}
