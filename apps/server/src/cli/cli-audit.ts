/**
 * The CLI's audit wiring. Every entry this process writes has actor kind `cli` (no user id: the
 * operator is whoever holds shell access and the secrets; the host's own login records say who).
 * One request id per invocation ties together the entries a command writes.
 *
 * `identityAuditSink` is identity's audit port over the trail (the shared adapter in
 * identity/audit-trail.adapter.ts), with this process's actor and request id.
 */
import type { AuditTrail } from '../audit/index.js';
import { toAuditInput } from '../identity/audit-trail.adapter.js';
import type { AuditSink } from '../identity/index.js';

export const CLI_ACTOR = { kind: 'cli', id: null } as const;

export function identityAuditSink(trail: AuditTrail, requestId: string): AuditSink {
  return {
    async record(entry) {
      await trail.record({ ...toAuditInput(entry), actor: CLI_ACTOR, requestId });
    },
  };
}
