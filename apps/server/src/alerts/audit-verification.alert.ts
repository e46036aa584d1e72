/**
 * The alert for a failed `audit verify` run. The verifier may find the trail unwritable or
 * untrustworthy, so this does not depend on an `audit.verify` entry being recorded: the command
 * (or a scheduled verification) hands its result to `AlertEngine.raise`.
 */
import type { AuditVerification } from '../audit/verify-audit-trail.js';
import { AlertRule, dedupeKey, RULE_SEVERITY } from './alert-rules.js';
import type { AlertCandidate } from './alert.types.js';

const DAY_MS = 86_400_000;

/** Undefined when the trail verified clean. Finding kinds and counts only. */
export function auditVerificationAlert(
  verification: AuditVerification,
  at: number,
): AlertCandidate | undefined {
  if (verification.ok) return undefined;
  const byKind: Record<string, number> = {};
  for (const finding of verification.findings) {
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  }
  const kinds = Object.keys(byKind).sort();
  const rule = AlertRule.AUDIT_VERIFICATION_FAILED;
  return {
    rule,
    severity: RULE_SEVERITY[rule],
    organizationId: null,
    userId: null,
    dedupeKey: dedupeKey(rule, `verify:${kinds.join('+')}`, at, DAY_MS),
    at,
    details: {
      findingKinds: kinds,
      findings: verification.findings.length + verification.omittedFindings,
      entries: verification.entries,
      lastSeq: verification.lastSeq,
      ...Object.fromEntries(
        kinds.map((kind) => [
          `${kind.replace(/-(.)/g, (_, c: string) => c.toUpperCase())}Count`,
          byKind[kind] ?? 0,
        ]),
      ),
    },
  };
}
