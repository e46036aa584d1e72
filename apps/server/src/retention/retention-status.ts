/**
 * The retention status of one organization for the API: its orders holding PII bucketed by
 * days until purge, and its latest run and verification (per holder). Counts and times only.
 */
import type { Kysely } from 'kysely';
import { orderDeadlineBuckets, type DeadlineBuckets } from '../orders/order-retention.queries.js';
import type { Database } from '../storage/index.js';
import {
  figuresOf,
  latestRecords,
  type HolderFigures,
  type RetentionRecord,
} from './retention-records.repository.js';

/** One run or verification as the status shows it. */
export interface RetentionStep {
  readonly runId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Every holder passed. */
  readonly passed: boolean;
  readonly holders: readonly HolderFigures[];
}

export interface RetentionStatus {
  readonly organizationId: string;
  /** The instant the buckets are counted at. */
  readonly at: number;
  /** Orders holding PII, by days until their deadline. */
  readonly orders: DeadlineBuckets & { readonly holding: number };
  readonly lastRun: RetentionStep | null;
  readonly lastVerification: RetentionStep | null;
}

export type { DeadlineBuckets };

function stepOf(records: readonly RetentionRecord[]): RetentionStep | null {
  const first = records[0];
  if (first === undefined) return null;
  return {
    runId: first.runId,
    startedAt: first.startedAt,
    finishedAt: first.finishedAt,
    passed: records.every((r) => r.outcome === 'passed'),
    holders: records.map(figuresOf),
  };
}

export async function retentionStatus(
  db: Kysely<Database>,
  organizationId: string,
  now: number,
): Promise<RetentionStatus> {
  const buckets = await orderDeadlineBuckets(db, organizationId, now);
  const holding =
    buckets.overdue +
    buckets.within7Days +
    buckets.within14Days +
    buckets.within30Days +
    buckets.later +
    buckets.undated;
  return {
    organizationId,
    at: now,
    orders: { ...buckets, holding },
    lastRun: stepOf(await latestRecords(db, organizationId, 'run')),
    lastVerification: stepOf(await latestRecords(db, organizationId, 'verify')),
  };
}
