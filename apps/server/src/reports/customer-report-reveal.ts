/**
 * Reveal of a customer report's document: the only way its rows leave storage. The caller needs
 * `reveal Report.document` in the report's organization and gives a reason (a code, plus an
 * optional id-shaped reference); every attempt is audited as `pii.reveal` with counts only, and
 * the answer carries `expiresAt`, after which clients drop the values.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, ErrorCode } from '@spapi/shared';
import { checkSubject, defineAbilityFor, type Principal } from '../access/index.js';
import type { AuditTrail } from '../audit/index.js';
import type { Logger } from '../logging/index.js';
import { isPiiVaultError, type PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import { documentField } from './customer-report-columns.js';
import { reportRevealEntry } from './customer-report-audit.js';
import { findReport, readDocumentCell } from './customer-report.repository.js';
import { unshippedOrderLineSchema, type UnshippedOrderLine } from './unshipped-orders.parser.js';

export interface RevealInput {
  readonly reason: string;
  readonly reference?: string | undefined;
  readonly requestId?: string | null | undefined;
}

export interface RevealedReport {
  readonly reportId: string;
  readonly rows: readonly UnshippedOrderLine[];
  readonly revealedAt: number;
  /** Hide the rows at this time. */
  readonly expiresAt: number;
}

export interface ReportReveal {
  reveal(principal: Principal, reportId: string, input: RevealInput): Promise<RevealedReport>;
}

const storedDocumentSchema = z.strictObject({
  format: z.literal('unshipped-orders-v1'),
  lines: z.array(unshippedOrderLineSchema),
});

export function createReportReveal(deps: {
  readonly db: Kysely<Database>;
  readonly vault: Pick<PiiVault, 'decryptField'>;
  readonly audit: Pick<AuditTrail, 'record'>;
  readonly now: () => number;
  readonly ttlMs: number;
  readonly logger?: Logger | undefined;
}): ReportReveal {
  const { db, audit } = deps;

  async function open(organizationId: string, reportId: string): Promise<UnshippedOrderLine[]> {
    const ciphertext = await readDocumentCell(db, organizationId, reportId);
    let text: string | null;
    try {
      text = await deps.vault.decryptField(organizationId, documentField(reportId), ciphertext);
    } catch (error) {
      if (isPiiVaultError(error) && error.code === 'KEY_DESTROYED') {
        throw new AppError(ErrorCode.RETENTION_EXPIRED);
      }
      throw error;
    }
    if (text === null) throw new AppError(ErrorCode.RETENTION_EXPIRED);
    // JSON.parse's own error quotes the start of its input (buyer data): never let it out.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError(ErrorCode.INTERNAL, { message: 'stored report document is malformed' });
    }
    const parsed = storedDocumentSchema.safeParse(json);
    if (!parsed.success) {
      throw new AppError(ErrorCode.INTERNAL, { message: 'stored report document is malformed' });
    }
    return parsed.data.lines;
  }

  return {
    async reveal(principal, reportId, input) {
      const revealedAt = deps.now();
      const expiresAt = revealedAt + deps.ttlMs;
      const report = await findReport(db, reportId);
      if (report === undefined) throw new AppError(ErrorCode.NOT_FOUND);
      const actor = { kind: 'user', id: principal.userId } as const;
      const requestId = input.requestId ?? null;
      const why = {
        reason: input.reason,
        ...(input.reference === undefined ? {} : { reference: input.reference }),
        expiresAt,
      };
      const check = checkSubject(
        defineAbilityFor(principal),
        'reveal',
        'Report',
        report,
        'document',
      );
      if (!check.allowed) {
        // Another organization's report is not even confirmed to exist: 404, not audited here
        // (the access layer records the denial of a route it guards).
        if (check.code === ErrorCode.NOT_FOUND) throw new AppError(ErrorCode.NOT_FOUND);
        await audit.record(
          reportRevealEntry(
            actor,
            report,
            { outcome: 'denied', reasonCode: check.code, requestId },
            why,
          ),
        );
        throw new AppError(check.code, { message: 'Access denied' });
      }
      // Past its deadline the document is as good as purged, whether or not the job has run.
      const expired = report.piiPurgeAfter <= deps.now();
      if (report.piiState !== 'present' || expired) {
        const code =
          report.piiState === 'purged' || expired
            ? ErrorCode.RETENTION_EXPIRED
            : ErrorCode.CONFLICT;
        await audit.record(
          reportRevealEntry(
            actor,
            report,
            { outcome: 'failure', reasonCode: code, requestId },
            why,
          ),
        );
        throw new AppError(code, { message: 'no report document to reveal' });
      }
      let rows: UnshippedOrderLine[];
      try {
        rows = await open(report.organizationId, report.id);
      } catch (error) {
        const code = error instanceof AppError ? error.code : ErrorCode.INTERNAL;
        await audit.record(
          reportRevealEntry(
            actor,
            report,
            { outcome: 'failure', reasonCode: code, requestId },
            why,
          ),
        );
        throw error;
      }
      const orders = new Set(rows.map((row) => row.orderId)).size;
      await audit.record(
        reportRevealEntry(
          actor,
          report,
          { outcome: 'success', requestId },
          {
            ...why,
            rows: rows.length,
            orders,
          },
        ),
      );
      deps.logger?.info('report.revealed', { reportId: report.id, rows: rows.length });
      return { reportId: report.id, rows, revealedAt, expiresAt };
    },
  };
}
