/**
 * The part of a committed audit entry the rules read, and every id it names (for the canary
 * lookup). Reads the stored row, so the engine can sit behind the audit trail's sink.
 */
import type { StoredAuditEntry } from '../audit/audit-chain.js';
import type { AuditActorKind, AuditOutcome, EpochMillis } from '../storage/index.js';

export interface ObservedEntry {
  readonly seq: number;
  readonly at: EpochMillis;
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly organizationId: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** Target id, actor id and every string in the details (ids by the audit contract). */
  readonly namedIds: readonly string[];
}

function detailStrings(detailsJson: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detailsJson);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  return Object.values(parsed).flatMap((value: unknown) => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.filter((item) => typeof item === 'string');
    return [];
  });
}

export function toObservedEntry(row: StoredAuditEntry): ObservedEntry {
  const named = [row.target_id, row.actor_id, ...detailStrings(row.details_json)];
  return {
    seq: row.seq,
    at: row.at,
    action: row.action,
    outcome: row.outcome,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    organizationId: row.organization_id,
    targetType: row.target_type,
    targetId: row.target_id,
    namedIds: [...new Set(named.filter((id): id is string => id !== null))],
  };
}
