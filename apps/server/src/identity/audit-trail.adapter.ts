import type { AuditEntryInput, AuditTrail } from '../audit/index.js';
import type { AuditEntry, AuditSink } from './identity.ports.js';

/**
 * Identity's audit port over the audit trail. A sign-in attempt for an unknown account has no
 * user id; it is recorded as an anonymous `system` actor (the attempt itself is the fact).
 */
export function auditTrailSink(trail: Pick<AuditTrail, 'record'>): AuditSink {
  return {
    record: async (entry: AuditEntry): Promise<void> => {
      await trail.record(toAuditInput(entry));
    },
  };
}

export function toAuditInput(entry: AuditEntry): AuditEntryInput {
  const actor: AuditEntryInput['actor'] =
    (entry.actorKind === 'user' || entry.actorKind === 'device') && entry.actorId !== null
      ? { kind: entry.actorKind, id: entry.actorId }
      : { kind: entry.actorKind === 'cli' ? 'cli' : 'system', id: entry.actorId };
  return {
    actor,
    action: entry.action,
    outcome: entry.outcome,
    organizationId: entry.organizationId,
    target:
      entry.targetType !== null && entry.targetId !== null
        ? { type: entry.targetType, id: entry.targetId }
        : null,
    reasonCode: entry.reasonCode === null ? null : toReasonCode(entry.reasonCode),
    requestId: entry.requestId,
    ...(entry.details === undefined ? {} : { details: entry.details }),
  };
}

/** Identity states some reasons in words (`refresh-reuse`); the trail stores codes: `REFRESH_REUSE`. */
export function toReasonCode(reason: string): string {
  return reason.toUpperCase().replaceAll(/[^A-Z0-9]/g, '_');
}
