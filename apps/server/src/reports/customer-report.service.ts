/**
 * Customer-related (restricted) reports: request the Unshipped Orders report for a connection,
 * poll it with backoff, fetch its document with a specific-path RDT, decompress and parse it,
 * and keep it encrypted under the retention rule; reveal it to a permitted user.
 *
 * Every SP-API call runs as its own short task on the seller executor (a poll step is one
 * getReport), so a sync's pages interleave with report work. The download from the pre-signed
 * URL is not SP-API quota and runs outside the executor. Failures are recorded on the report
 * (status + code) and audited; transient ones (throttling, 5xx, network, an expired URL) keep
 * the report's status and schedule the next step.
 */
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '@spapi/shared';
import { authorize, defineAbilityFor, type Principal } from '../access/index.js';
import type { StoredConnection } from '../connections/connection.repository.js';
import { REVEAL_TTL_MS } from '../orders/index.js';
import type { RdtConnection } from '../rdt/index.js';
import { systemClock, type TaskPriority } from '../spapi/index.js';
import {
  REPORT_PII_RETENTION_MS,
  UNSHIPPED_ORDERS_REPORT,
  documentField,
  isFinal,
  reportPeriodScope,
  type ReportStatus,
} from './customer-report-columns.js';
import { reportStepEntry, type ReportActor } from './customer-report-audit.js';
import {
  AMAZON_ID,
  EXPIRED,
  INTERRUPTED,
  NO_DOCUMENT,
  TIMEOUT,
  amazonId,
  classifyFailure,
  type ReportFailure,
} from './customer-report-failure.js';
import {
  changeReport,
  findUnfinished,
  findReport,
  insertReport,
  listReports,
  storeDocument,
  type StoredReport,
} from './customer-report.repository.js';
import { createReportReveal, type ReportReveal } from './customer-report-reveal.js';
import {
  DEFAULT_POLL_POLICY,
  toReportView,
  type CustomerReportServiceOptions,
  type CustomerReportView,
  type PollPolicy,
  type ReportRequestInput,
  type ReportRequester,
} from './customer-report.types.js';
import { parseUnshippedOrders } from './unshipped-orders.parser.js';

const AMAZON_STATUS: Readonly<Record<string, ReportStatus>> = {
  IN_QUEUE: 'in-queue',
  IN_PROGRESS: 'in-progress',
  CANCELLED: 'cancelled',
  FATAL: 'fatal',
};

export function createCustomerReportService(options: CustomerReportServiceOptions) {
  const { db, client, executor, audit, logger } = options;
  const clock = options.clock ?? systemClock;
  const policy: PollPolicy = { ...DEFAULT_POLL_POLICY, ...options.poll };
  const now = (): number => Math.floor(clock.now());
  const delayFor = (polls: number): number =>
    Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(polls, 30));
  const jobActor = (report: Pick<StoredReport, 'id'>): ReportActor => ({
    kind: 'system',
    id: `customer-report:${report.id}`,
  });

  async function activeConnection(connectionId: string): Promise<StoredConnection> {
    const connection = await options.connections.findById(connectionId);
    if (connection === undefined) throw new AppError(ErrorCode.NOT_FOUND);
    return connection;
  }

  const rdtConnection = (c: StoredConnection): RdtConnection => ({
    id: c.id,
    organizationId: c.organizationId,
    sellingPartnerId: c.sellingPartnerId,
    region: c.region,
  });

  /** One SP-API call as its own task on the seller's executor. */
  function onSeller<T>(
    connection: StoredConnection,
    task: () => Promise<T>,
    priority: TaskPriority = 'background',
  ): Promise<T> {
    return executor.run(connection.sellingPartnerId, task, priority);
  }

  const callContext = (connection: StoredConnection) => ({
    sellerId: connection.sellingPartnerId,
    region: connection.region,
    connectionId: connection.id,
  });

  /** Records a final failure (or schedules a retry for a transient one). */
  async function fail(
    report: StoredReport,
    failure: ReportFailure,
    phase: 'request' | 'fetch',
    actor: ReportActor,
    requestId: string | null,
  ): Promise<void> {
    if (failure.invalidGrant) {
      await options.reauthorization?.markNeedsReauthorization(report.connectionId, 'INVALID_GRANT');
    }
    const polls = report.pollCount + 1;
    if (failure.transient && polls < policy.maxPolls && report.status !== 'requested') {
      const nextPollAt = now() + delayFor(polls);
      await changeReport(db, report.id, report.status, { pollCount: polls, nextPollAt }, now());
      logger?.warn('report.retry', { reportId: report.id, code: failure.code, polls });
      return;
    }
    // Polls used up: a timeout. A request Amazon never accepted keeps its own code (an outage,
    // LWA not configured), so nobody reads "timeout" for what was a refusal.
    const code =
      failure.transient && report.status !== 'requested' ? 'REPORT_TIMEOUT' : failure.code;
    await audit.withAuditedTransaction(
      reportStepEntry(actor, report, phase, {
        outcome: failure.outcome,
        reasonCode: code,
        requestId,
      }),
      (trx) =>
        changeReport(
          trx,
          report.id,
          report.status,
          { status: 'failed', failureCode: code, nextPollAt: null, completedAt: now() },
          now(),
        ),
    );
    logger?.warn('report.failed', { reportId: report.id, code, phase });
  }

  async function request(
    requester: ReportRequester,
    input: ReportRequestInput,
  ): Promise<CustomerReportView> {
    const connection = await activeConnection(input.connectionId);
    const { organizationId } = connection;
    if (requester.principal !== undefined) {
      authorize(defineAbilityFor(requester.principal), 'create', 'Report', { organizationId });
    }
    if (connection.status !== 'active') throw new AppError(ErrorCode.NEEDS_REAUTHORIZATION);
    const marketplaceIds = [...new Set(input.marketplaceIds ?? connection.marketplaceIds)];
    if (
      marketplaceIds.length === 0 ||
      marketplaceIds.some((id) => !connection.marketplaceIds.includes(id))
    ) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, {
        message: 'marketplaces must belong to the connection',
        details: { fields: ['marketplaceIds'] },
      });
    }
    const at = now();
    const id = randomUUID();
    await insertReport(db, {
      id,
      organizationId,
      connectionId: connection.id,
      reportType: UNSHIPPED_ORDERS_REPORT,
      marketplaceIds,
      requestedBy: requester.principal?.userId ?? null,
      now: at,
      purgeAfter: at + REPORT_PII_RETENTION_MS,
    });
    const stored = await findReport(db, id);
    if (stored === undefined) throw new AppError(ErrorCode.INTERNAL);
    const actor: ReportActor =
      requester.principal === undefined
        ? { kind: 'system', id: requester.jobId }
        : { kind: 'user', id: requester.principal.userId };
    const requestId = input.requestId ?? null;
    let amazonReportId: string;
    try {
      const response = await onSeller(
        connection,
        () =>
          client.call(
            'reports20210630.createReport',
            { body: { reportType: UNSHIPPED_ORDERS_REPORT, marketplaceIds } },
            callContext(connection),
          ),
        requester.principal === undefined ? 'background' : 'interactive',
      );
      amazonReportId = amazonId(response.body.reportId, 'reportId');
    } catch (error) {
      await fail(stored, classifyFailure(error), 'request', actor, requestId);
      throw error;
    }
    await audit.withAuditedTransaction(
      reportStepEntry(
        actor,
        stored,
        'request',
        { outcome: 'success', requestId },
        {
          amazonReportId,
          marketplaces: marketplaceIds.length,
        },
      ),
      (trx) =>
        changeReport(
          trx,
          id,
          'requested',
          { status: 'in-queue', amazonReportId, nextPollAt: at + delayFor(0) },
          now(),
        ),
    );
    logger?.info('report.requested', { reportId: id, connectionId: connection.id });
    return toReportView(await reload(id));
  }

  async function reload(id: string): Promise<StoredReport> {
    const report = await findReport(db, id);
    if (report === undefined) throw new AppError(ErrorCode.NOT_FOUND);
    return report;
  }

  /** getReport once; moves the report on. */
  async function poll(report: StoredReport, connection: StoredConnection): Promise<void> {
    const reportId = report.amazonReportId ?? '';
    const response = await onSeller(connection, () =>
      client.call('reports20210630.getReport', { path: { reportId } }, callContext(connection)),
    );
    const { processingStatus, reportDocumentId } = response.body;
    const polls = report.pollCount + 1;
    const at = now();
    if (processingStatus === 'DONE') {
      if (reportDocumentId === undefined || !AMAZON_ID.test(reportDocumentId)) {
        await fail(report, { ...NO_DOCUMENT }, 'fetch', jobActor(report), null);
        return;
      }
      const change = {
        status: 'fetching' as const,
        amazonDocumentId: reportDocumentId,
        pollCount: polls,
      };
      await changeReport(db, report.id, report.status, { ...change, nextPollAt: at }, at);
      return;
    }
    const next = AMAZON_STATUS[processingStatus] ?? report.status;
    if (next === 'cancelled' || next === 'fatal') {
      const end = { status: next, pollCount: polls, nextPollAt: null, completedAt: at } as const;
      await audit.withAuditedTransaction(
        reportStepEntry(jobActor(report), report, 'finish', {
          outcome: 'failure',
          reasonCode: next === 'fatal' ? 'REPORT_FATAL' : 'REPORT_CANCELLED',
        }),
        (trx) => changeReport(trx, report.id, report.status, end, at),
      );
      logger?.info('report.ended', { reportId: report.id, status: next });
      return;
    }
    if (polls >= policy.maxPolls) {
      await fail(report, { ...TIMEOUT }, 'fetch', jobActor(report), null);
      return;
    }
    const nextPollAt = at + delayFor(polls);
    await changeReport(
      db,
      report.id,
      report.status,
      { status: next, pollCount: polls, nextPollAt },
      at,
    );
  }

  /** getReportDocument with a specific-path RDT, download, parse, encrypt, store. */
  async function fetchDocument(report: StoredReport, connection: StoredConnection): Promise<void> {
    const documentId = report.amazonDocumentId ?? '';
    const job = { id: jobActor(report).id, fetchPii: true };
    const document = await onSeller(connection, async () => {
      const token = await options.rdt.forReportDocument({
        connection: rdtConnection(connection),
        documentId,
        job,
      });
      try {
        return await client.call(
          'reports20210630.getReportDocument',
          { path: { reportDocumentId: documentId }, query: {} },
          token.callContext(),
        );
      } catch (error) {
        options.rdt.invalidate(token);
        throw error;
      }
    });
    const text = await options.downloader.download(document.body);
    const parsed = parseUnshippedOrders(text);
    const at = now();
    if (at >= report.piiPurgeAfter) {
      await fail(report, { ...EXPIRED }, 'fetch', jobActor(report), null);
      return;
    }
    const sealed = await options.vault.encryptCell(
      report.organizationId,
      documentField(report.id),
      JSON.stringify({ format: DOCUMENT_FORMAT, lines: parsed.lines }),
      { scope: reportPeriodScope(report.requestedAt) },
    );
    const counts = { rowCount: parsed.lines.length, orderCount: parsed.orderCount };
    await audit.withAuditedTransaction(
      reportStepEntry(
        jobActor(report),
        report,
        'fetch',
        { outcome: 'success' },
        {
          amazonDocumentId: documentId,
          rows: counts.rowCount,
          orders: counts.orderCount,
        },
      ),
      (trx) => storeDocument(trx, report.id, { ...sealed, ...counts }, at),
    );
    logger?.info('report.stored', {
      reportId: report.id,
      rows: counts.rowCount,
      orders: counts.orderCount,
      droppedColumns: parsed.droppedColumns.length,
    });
  }

  /**
   * One step of a report's life: a getReport, or the document fetch. Failures are recorded on
   * the report, not thrown. Returns the report as it stands afterwards.
   */
  async function step(reportId: string): Promise<CustomerReportView> {
    const report = await reload(reportId);
    if (isFinal(report.status) || report.status === 'requested') return toReportView(report);
    const connection = await activeConnection(report.connectionId);
    try {
      if (report.status === 'fetching') await fetchDocument(report, connection);
      else await poll(report, connection);
    } catch (error) {
      await fail(report, classifyFailure(error), 'fetch', jobActor(report), null);
    }
    return toReportView(await reload(reportId));
  }

  /** Steps until the report is final, sleeping on the clock in between (never inside a task). */
  async function runToCompletion(
    reportId: string,
    signal?: AbortSignal,
  ): Promise<CustomerReportView> {
    for (;;) {
      const view = await step(reportId);
      if (isFinal(view.status) || view.status === 'requested') return view;
      const { nextPollAt } = await reload(reportId);
      await clock.sleep(Math.max(0, (nextPollAt ?? now()) - now()), signal);
    }
  }

  /**
   * After a restart: starts `runToCompletion` for every unfinished report (attach a `catch` to
   * each run). A report still `requested` after {@link INTERRUPTED_AFTER_MS} never got its
   * Amazon id back (the process died around createReport) and is failed as REQUEST_INTERRUPTED.
   */
  async function resumeUnfinished(limit = 500): Promise<{
    readonly interrupted: number;
    readonly runs: readonly { reportId: string; run: Promise<CustomerReportView> }[];
  }> {
    let interrupted = 0;
    const runs: { reportId: string; run: Promise<CustomerReportView> }[] = [];
    for (const { id, status, requestedAt } of await findUnfinished(db, limit)) {
      if (status !== 'requested') {
        runs.push({ reportId: id, run: runToCompletion(id) });
      } else if (now() - requestedAt >= INTERRUPTED_AFTER_MS) {
        await fail(await reload(id), { ...INTERRUPTED }, 'request', jobActor({ id }), null);
        interrupted += 1;
      }
    }
    return { interrupted, runs };
  }

  const reveal: ReportReveal = createReportReveal({
    db,
    vault: options.vault,
    audit,
    now,
    ttlMs: options.revealTtlMs ?? REVEAL_TTL_MS,
    logger,
  });

  return {
    request,
    step,
    runToCompletion,
    resumeUnfinished,
    async get(principal: Principal, reportId: string): Promise<CustomerReportView> {
      const report = await findReport(db, reportId);
      if (report === undefined) throw new AppError(ErrorCode.NOT_FOUND);
      authorize(defineAbilityFor(principal), 'read', 'Report', report);
      return toReportView(report);
    },
    async list(principal: Principal, limit = 100): Promise<CustomerReportView[]> {
      if (principal.organizationId === null) return [];
      authorize(defineAbilityFor(principal), 'read', 'Report', {
        organizationId: principal.organizationId,
      });
      return (await listReports(db, principal.organizationId, limit)).map(toReportView);
    },
    /** Route resolver: the report's organization, or undefined (404). */
    accessScope: async (reportId: string) => {
      const report = await findReport(db, reportId);
      return report && { organizationId: report.organizationId };
    },
    reveal: (...args: Parameters<ReportReveal['reveal']>) => reveal.reveal(...args),
  };
}

export type CustomerReportService = ReturnType<typeof createCustomerReportService>;

/** How long a report may sit in `requested` before a resume calls it interrupted. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

export const DOCUMENT_FORMAT = 'unshipped-orders-v1';
