/** Small builders for the audit entries identity writes (ids and codes only). */
import type { AuditEntry, AuditSink, RequestContext } from './identity.ports.js';
import type { AuditAction, AuditTargetType } from '../audit/audit-actions.js';
import type { AuditOutcome } from '../storage/index.js';

export interface AuditActor {
  readonly userId: string | null;
  readonly organizationId: string | null;
}

export interface IdentityEvent {
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly actor: AuditActor;
  readonly target?: { readonly type: AuditTargetType; readonly id: string };
  readonly reasonCode?: string;
  readonly details?: AuditEntry['details'];
  readonly actorKind?: AuditEntry['actorKind'];
}

/** Records the event; a failing sink propagates, so the action fails with it. */
export async function audit(
  sink: AuditSink,
  context: RequestContext,
  event: IdentityEvent,
): Promise<void> {
  await sink.record({
    action: event.action,
    outcome: event.outcome,
    actorKind: event.actorKind ?? 'user',
    actorId: event.actor.userId,
    organizationId: event.actor.organizationId,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    reasonCode: event.reasonCode ?? null,
    requestId: context.requestId,
    ...(event.details === undefined ? {} : { details: event.details }),
  });
}

export function actorOf(user: { id: string; organizationId: string | null }): AuditActor {
  return { userId: user.id, organizationId: user.organizationId };
}
