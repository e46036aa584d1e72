/**
 * Verification records (`retention_runs`): one per organization and PII holder for each run or
 * verification. Counts and times only.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Row } from '../storage/index.js';

type Db = Kysely<Database> | Transaction<Database>;

export type RetentionRecordKind = Row<'retention_runs'>['kind'];
export type RetentionOutcome = Row<'retention_runs'>['outcome'];

/** One holder's figures for one organization at the end of a run or verification. */
export interface HolderFigures {
  readonly holder: string;
  readonly purged: number;
  readonly held: number;
  readonly overdue: number;
  readonly undated: number;
  readonly nextDeadline: number | null;
  readonly oldestAnchor: number | null;
  readonly keysDestroyed: number;
  readonly outcome: RetentionOutcome;
}

export interface RetentionRecord extends HolderFigures {
  readonly runId: string;
  readonly kind: RetentionRecordKind;
  readonly organizationId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

export function figuresOf(record: RetentionRecord): HolderFigures {
  return {
    holder: record.holder,
    purged: record.purged,
    held: record.held,
    overdue: record.overdue,
    undated: record.undated,
    nextDeadline: record.nextDeadline,
    oldestAnchor: record.oldestAnchor,
    keysDestroyed: record.keysDestroyed,
    outcome: record.outcome,
  };
}

export async function insertRecords(db: Db, records: readonly RetentionRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('retention_runs')
    .values(
      records.map((r) => ({
        id: randomUUID(),
        run_id: r.runId,
        kind: r.kind,
        organization_id: r.organizationId,
        holder: r.holder,
        started_at: r.startedAt,
        finished_at: r.finishedAt,
        purged_count: r.purged,
        held_count: r.held,
        overdue_count: r.overdue,
        undated_count: r.undated,
        oldest_anchor: r.oldestAnchor,
        next_deadline: r.nextDeadline,
        keys_destroyed: r.keysDestroyed,
        outcome: r.outcome,
      })),
    )
    .execute();
}

function toRecord(row: Row<'retention_runs'>): RetentionRecord {
  return {
    runId: row.run_id,
    kind: row.kind,
    organizationId: row.organization_id,
    holder: row.holder,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    purged: row.purged_count,
    held: row.held_count,
    overdue: row.overdue_count,
    undated: row.undated_count,
    nextDeadline: row.next_deadline,
    oldestAnchor: row.oldest_anchor,
    keysDestroyed: row.keys_destroyed,
    outcome: row.outcome,
  };
}

/** The records of an organization's latest run (or verification), by holder; [] if none. */
export async function latestRecords(
  db: Db,
  organizationId: string,
  kind: RetentionRecordKind,
): Promise<RetentionRecord[]> {
  const latest = await db
    .selectFrom('retention_runs')
    .select('run_id')
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest === undefined) return [];
  const rows = await db
    .selectFrom('retention_runs')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('run_id', '=', latest.run_id)
    .orderBy('holder')
    .execute();
  return rows.map(toRecord);
}
