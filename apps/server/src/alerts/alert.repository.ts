/**
 * The `alerts` table, which is also the delivery outbox: `notified_at` null means not yet
 * delivered, `notify_attempts` and `last_notify_error` record failures. Returns plain objects.
 *
 * The shared masker runs over every alert before it is stored, as a last guard: rules only copy
 * ids and counts, so a masked value means a bug, and the alert is kept (masked) rather than lost.
 */
import { randomUUID } from 'node:crypto';
import { createMasker } from '@spapi/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, EpochMillis, Row } from '../storage/index.js';
import type { Alert, AlertCandidate, AlertDetails } from './alert.types.js';

const masker = createMasker();

const detailsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
);

function parseDetails(text: string): AlertDetails {
  try {
    const parsed = detailsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function toAlert(row: Row<'alerts'>): Alert {
  return {
    id: row.id,
    rule: row.rule,
    severity: row.severity,
    organizationId: row.organization_id,
    userId: row.user_id,
    details: parseDetails(row.details_json),
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
    notifiedAt: row.notified_at,
    notifyAttempts: row.notify_attempts,
    lastNotifyError: row.last_notify_error,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
  };
}

/** The candidate after the masker; `masked: true` when the guard had to change something. */
function guarded(candidate: AlertCandidate): AlertCandidate {
  const masked = masker.mask(candidate);
  if (JSON.stringify(masked) === JSON.stringify(candidate)) return candidate;
  const safe = masked as AlertCandidate; // same shape: the masker only replaces string values
  return { ...safe, details: { ...safe.details, masked: true } };
}

export interface ListAlertsOptions {
  /** `open` = not acknowledged. Default: all. */
  readonly status?: 'open' | 'acknowledged' | 'all';
  readonly organizationId?: string;
  /** Default 100, at most 1000. Newest first. */
  readonly limit?: number;
}

export interface AlertRepository {
  /** Stores the alert unless one with the same dedupe key exists; undefined when deduplicated. */
  insertIfNew(candidate: AlertCandidate): Promise<Alert | undefined>;
  findById(id: string): Promise<Alert | undefined>;
  list(options?: ListAlertsOptions): Promise<Alert[]>;
  /** True when this call acknowledged it (false: unknown or already acknowledged). */
  acknowledge(id: string, by: string, at: EpochMillis): Promise<boolean>;
  /** Undelivered alerts with fewer than `maxAttempts` attempts, oldest first. */
  pendingDelivery(maxAttempts: number, limit: number): Promise<Alert[]>;
  /**
   * Counts one delivery attempt, only if nobody else did since `seen` attempts were read: a
   * second dispatcher (another instance) loses the claim instead of sending twice.
   */
  claimAttempt(id: string, seen: number): Promise<boolean>;
  markDelivered(id: string, at: EpochMillis): Promise<void>;
  markFailed(id: string, errorCode: string): Promise<void>;
}

export function createAlertRepository(db: Kysely<Database>): AlertRepository {
  const findById = async (id: string): Promise<Alert | undefined> => {
    const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toAlert(row);
  };

  return {
    async insertIfNew(input) {
      const candidate = guarded(input);
      const id = randomUUID();
      const result = await db
        .insertInto('alerts')
        .values({
          id,
          rule: candidate.rule,
          severity: candidate.severity,
          organization_id: candidate.organizationId,
          user_id: candidate.userId,
          details_json: JSON.stringify(candidate.details),
          dedupe_key: candidate.dedupeKey,
          created_at: candidate.at,
        })
        .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return undefined;
      return findById(id);
    },

    findById,

    async list(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
      let query = db.selectFrom('alerts').selectAll();
      if (options.status === 'open') query = query.where('acknowledged_at', 'is', null);
      if (options.status === 'acknowledged') query = query.where('acknowledged_at', 'is not', null);
      if (options.organizationId !== undefined) {
        query = query.where('organization_id', '=', options.organizationId);
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map(toAlert);
    },

    async acknowledge(id, by, at) {
      const result = await db
        .updateTable('alerts')
        .set({ acknowledged_at: at, acknowledged_by: by })
        .where('id', '=', id)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async pendingDelivery(maxAttempts, limit) {
      const rows = await db
        .selectFrom('alerts')
        .selectAll()
        .where('notified_at', 'is', null)
        .where('notify_attempts', '<', maxAttempts)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toAlert);
    },

    async claimAttempt(id, seen) {
      const result = await db
        .updateTable('alerts')
        .set({ notify_attempts: seen + 1 })
        .where('id', '=', id)
        .where('notify_attempts', '=', seen)
        .where('notified_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markDelivered(id, at) {
      await db
        .updateTable('alerts')
        .set({ notified_at: at, last_notify_error: null })
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id, errorCode) {
      await db
        .updateTable('alerts')
        .set({ last_notify_error: errorCode })
        .where('id', '=', id)
        .execute();
    },
  };
}
