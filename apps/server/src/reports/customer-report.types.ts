/**
 * The customer-report service's options, inputs and the view it answers with (plain facts).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../access/index.js';
import type { AuditTrail } from '../audit/index.js';
import type { StoredConnection } from '../connections/connection.repository.js';
import type { Logger } from '../logging/index.js';
import type { PiiVault } from '../pii-vault/index.js';
import type { RdtService } from '../rdt/index.js';
import type {
  Clock,
  ReportDocumentDownloader,
  SellerExecutor,
  SpapiClient,
} from '../spapi/index.js';
import type { Database } from '../storage/index.js';
import type { ReportStatus } from './customer-report-columns.js';
import type { StoredReport } from './customer-report.repository.js';

export interface PollPolicy {
  /** Wait before the first getReport, doubling per poll. Default 2 s. */
  readonly initialDelayMs: number;
  /** Longest wait between polls. Default 60 s. */
  readonly maxDelayMs: number;
  /** Polls (and transient failures) before the report is given up as `REPORT_TIMEOUT`. */
  readonly maxPolls: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  initialDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxPolls: 150,
};

export interface CustomerReportServiceOptions {
  readonly db: Kysely<Database>;
  readonly vault: Pick<PiiVault, 'encryptCell' | 'decryptField'>;
  readonly client: Pick<SpapiClient, 'call'>;
  readonly executor: Pick<SellerExecutor, 'run'>;
  readonly rdt: Pick<RdtService, 'forReportDocument' | 'invalidate'>;
  readonly downloader: ReportDocumentDownloader;
  readonly audit: Pick<AuditTrail, 'record' | 'withAuditedTransaction'>;
  readonly connections: { findById(id: string): Promise<StoredConnection | undefined> };
  /** LWA refused the connection's refresh token (`invalid_grant`): the connections service's. */
  readonly reauthorization?:
    { markNeedsReauthorization(id: string, reasonCode: string): Promise<boolean> } | undefined;
  /** Epoch milliseconds for stored times, and the sleeps between polls. Default: system. */
  readonly clock?: Clock;
  readonly poll?: Partial<PollPolicy>;
  /** How long a revealed document may be shown. Default: the order reveals' (2 minutes). */
  readonly revealTtlMs?: number;
  readonly logger?: Logger | undefined;
}

/** Who asks for a report: a user (with `create Report`) or a scheduled job. */
export type ReportRequester =
  | { readonly principal: Principal; readonly jobId?: never }
  | { readonly jobId: string; readonly principal?: never };

export interface ReportRequestInput {
  readonly connectionId: string;
  /** Default: every marketplace of the connection. */
  readonly marketplaceIds?: readonly string[] | undefined;
  readonly requestId?: string | null | undefined;
}

/** A report as the API shows it: plain facts only. */
export interface CustomerReportView {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly status: ReportStatus;
  readonly failureCode: string | null;
  readonly requestedAt: number;
  readonly completedAt: number | null;
  readonly rowCount: number | null;
  readonly orderCount: number | null;
  readonly piiState: StoredReport['piiState'];
  readonly piiPurgeAfter: number;
}

export function toReportView(report: StoredReport): CustomerReportView {
  return {
    id: report.id,
    organizationId: report.organizationId,
    connectionId: report.connectionId,
    reportType: report.reportType,
    marketplaceIds: report.marketplaceIds,
    status: report.status,
    failureCode: report.failureCode,
    requestedAt: report.requestedAt,
    completedAt: report.completedAt,
    rowCount: report.rowCount,
    orderCount: report.orderCount,
    piiState: report.piiState,
    piiPurgeAfter: report.piiPurgeAfter,
  };
}
