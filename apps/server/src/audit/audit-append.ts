/**
 * Appending one entry to the chain inside a transaction, and the retry loop around it.
 *
 * Writers do not lock: each reads the head (last seq and hash), computes the next entry and
 * inserts it. Two writers that read the same head insert the same `seq`; the primary key lets one
 * win and the other fails with a unique violation, rolls back and retries on the new head. This
 * works the same on SQLite and PostgreSQL and needs only SELECT and INSERT on the table.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import { AUDIT_GENESIS_HASH, isUniqueViolation, type Database } from '../storage/index.js';
import { canonicalJson } from './canonical-json.js';
import { entryHash, type ChainedFields, type StoredAuditEntry } from './audit-chain.js';
import type { AuditEntry } from './audit-entry.schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export async function readHead(db: Executor): Promise<ChainHead | undefined> {
  return db
    .selectFrom('audit_entries')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

function toFields(entry: AuditEntry, seq: number, at: number): ChainedFields {
  return {
    seq,
    at,
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    organization_id: entry.organizationId,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    outcome: entry.outcome,
    reason_code: entry.reasonCode,
    request_id: entry.requestId,
    details_json: canonicalJson(entry.details),
  };
}

/** Appends `entry` as the next link; call inside a transaction. */
export async function appendEntry(
  trx: Transaction<Database>,
  entry: AuditEntry,
  at: number,
): Promise<StoredAuditEntry> {
  const head = await readHead(trx);
  const prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  const fields = toFields(entry, (head?.seq ?? 0) + 1, at);
  const row: StoredAuditEntry = {
    ...fields,
    prev_hash: prevHash,
    hash: entryHash(prevHash, fields),
  };
  await trx.insertInto('audit_entries').values(row).execute();
  return row;
}

/** Re-exported for the audit module's other files. */
export { isUniqueViolation };

/** Runs `attempt` until it does not fail with a unique violation, with jittered backoff. */
export async function retryOnConflict<T>(
  maxAttempts: number,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueViolation(error) || n >= maxAttempts) throw error;
      await delay(Math.floor(Math.random() * 5 * Math.min(n, 10)));
    }
  }
}
