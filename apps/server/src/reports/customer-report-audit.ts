/**
 * The audit entries of customer reports. The catalogue (`audit/audit-actions.ts`) has no
 * report actions yet, so: a request and a document fetch are `data.export` (PII leaves Amazon
 * for our store), a reveal is `pii.reveal` (counted by the unusual-access alert like order
 * reveals); the target is the report as an `export`, and `details.phase` tells the steps apart.
 * Ids, counts and codes only: never a cell of the document, never the download URL.
 */
import { AuditAction, AuditTargetType, type AuditEntryInput } from '../audit/index.js';
import type { StoredReport } from './customer-report.repository.js';

export type ReportActor =
  { readonly kind: 'user'; readonly id: string } | { readonly kind: 'system'; readonly id: string };

export type ReportPhase = 'request' | 'fetch' | 'finish';

interface Outcome {
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly reasonCode?: string | null;
  readonly requestId?: string | null;
}

const target = (report: Pick<StoredReport, 'id'>) => ({
  type: AuditTargetType.EXPORT,
  id: report.id,
});

/** `data.export` for a request, a document fetch, or a report Amazon ended without one. */
export function reportStepEntry(
  actor: ReportActor,
  report: Pick<StoredReport, 'id' | 'organizationId' | 'connectionId' | 'reportType'>,
  phase: ReportPhase,
  outcome: Outcome,
  extra: Readonly<Record<string, string | number | null>> = {},
): AuditEntryInput {
  return {
    actor,
    action: AuditAction.DATA_EXPORT,
    organizationId: report.organizationId,
    target: target(report),
    outcome: outcome.outcome,
    reasonCode: outcome.reasonCode ?? null,
    requestId: outcome.requestId ?? null,
    details: {
      subject: 'customer-report',
      phase,
      connectionId: report.connectionId,
      reportType: report.reportType,
      ...extra,
    },
  };
}

/** `pii.reveal` of a report document: who, why, how many rows; never a value. */
export function reportRevealEntry(
  actor: ReportActor,
  report: Pick<StoredReport, 'id' | 'organizationId'>,
  outcome: Outcome,
  extra: Readonly<Record<string, string | number | null>>,
): AuditEntryInput {
  return {
    actor,
    action: AuditAction.PII_REVEAL,
    organizationId: report.organizationId,
    target: target(report),
    outcome: outcome.outcome,
    reasonCode: outcome.reasonCode ?? null,
    requestId: outcome.requestId ?? null,
    details: { subject: 'customer-report', fields: ['document'], ...extra },
  };
}
