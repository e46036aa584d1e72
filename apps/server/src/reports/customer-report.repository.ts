/**
 * Customer reports in storage. Plain objects in, plain objects out; the document arrives here
 * already encrypted and leaves encrypted. State changes are compare-and-set on the status, so two
 * pollers of one report cannot both move it.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CustomerReportsTable, Database } from '../storage/index.js';
import type { ReportStatus } from './customer-report-columns.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredReport {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly status: ReportStatus;
  readonly amazonReportId: string | null;
  readonly amazonDocumentId: string | null;
  readonly failureCode: string | null;
  readonly requestedBy: string | null;
  readonly requestedAt: number;
  readonly updatedAt: number;
  readonly completedAt: number | null;
  readonly nextPollAt: number | null;
  readonly pollCount: number;
  readonly rowCount: number | null;
  readonly orderCount: number | null;
  readonly piiState: 'none' | 'present' | 'purged';
  readonly piiAnchorAt: number;
  readonly piiPurgeAfter: number;
  readonly piiPurgedAt: number | null;
}

export interface NewReport {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly requestedBy: string | null;
  readonly now: number;
  readonly purgeAfter: number;
}

/** What a step changes; `status` is set only if the row is still in `from`. */
export interface ReportChange {
  readonly status?: ReportStatus;
  readonly amazonReportId?: string;
  readonly amazonDocumentId?: string;
  readonly failureCode?: string | null;
  readonly nextPollAt?: number | null;
  readonly pollCount?: number;
  readonly completedAt?: number;
}

export interface SealedDocument {
  readonly ciphertext: Uint8Array;
  readonly keyId: string;
  readonly rowCount: number;
  readonly orderCount: number;
}

function parseIds(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

const PLAIN_COLUMNS = [
  'id',
  'organization_id',
  'connection_id',
  'report_type',
  'marketplace_ids_json',
  'status',
  'amazon_report_id',
  'amazon_document_id',
  'failure_code',
  'requested_by',
  'requested_at',
  'updated_at',
  'completed_at',
  'next_poll_at',
  'poll_count',
  'row_count',
  'order_count',
  'pii_state',
  'pii_anchor_at',
  'pii_purge_after',
  'pii_purged_at',
] as const;

type PlainRow = Pick<Selectable<CustomerReportsTable>, (typeof PLAIN_COLUMNS)[number]>;

function toReport(row: PlainRow): StoredReport {
  return {
    id: row.id,
    organizationId: row.organization_id,
    connectionId: row.connection_id,
    reportType: row.report_type,
    marketplaceIds: parseIds(row.marketplace_ids_json),
    status: row.status,
    amazonReportId: row.amazon_report_id,
    amazonDocumentId: row.amazon_document_id,
    failureCode: row.failure_code,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    nextPollAt: row.next_poll_at,
    pollCount: row.poll_count,
    rowCount: row.row_count,
    orderCount: row.order_count,
    piiState: row.pii_state,
    piiAnchorAt: row.pii_anchor_at,
    piiPurgeAfter: row.pii_purge_after,
    piiPurgedAt: row.pii_purged_at,
  };
}

export async function insertReport(db: Db, report: NewReport): Promise<void> {
  await db
    .insertInto('customer_reports')
    .values({
      id: report.id,
      organization_id: report.organizationId,
      connection_id: report.connectionId,
      report_type: report.reportType,
      marketplace_ids_json: JSON.stringify(report.marketplaceIds),
      status: 'requested',
      requested_by: report.requestedBy,
      requested_at: report.now,
      updated_at: report.now,
      next_poll_at: null,
      pii_state: 'none',
      pii_anchor_at: report.now,
      pii_purge_after: report.purgeAfter,
    })
    .execute();
}

/** Plain columns only: the ciphertext is never selected here. */
export async function findReport(db: Db, id: string): Promise<StoredReport | undefined> {
  const row = await db
    .selectFrom('customer_reports')
    .select(PLAIN_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toReport(row);
}

/** The organization's reports, newest request first. */
export async function listReports(
  db: Db,
  organizationId: string,
  limit: number,
): Promise<StoredReport[]> {
  const rows = await db
    .selectFrom('customer_reports')
    .select(PLAIN_COLUMNS)
    .where('organization_id', '=', organizationId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toReport);
}

/** Applies `change` if the report is still in `from`; true when it did. */
export async function changeReport(
  db: Db,
  id: string,
  from: ReportStatus,
  change: ReportChange,
  now: number,
): Promise<boolean> {
  const set: Partial<Record<string, unknown>> = { updated_at: now };
  if (change.status !== undefined) set.status = change.status;
  if (change.amazonReportId !== undefined) set.amazon_report_id = change.amazonReportId;
  if (change.amazonDocumentId !== undefined) set.amazon_document_id = change.amazonDocumentId;
  if (change.failureCode !== undefined) set.failure_code = change.failureCode;
  if (change.nextPollAt !== undefined) set.next_poll_at = change.nextPollAt;
  if (change.pollCount !== undefined) set.poll_count = change.pollCount;
  if (change.completedAt !== undefined) set.completed_at = change.completedAt;
  const result = await db
    .updateTable('customer_reports')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Stores the sealed document and completes the report (only from `fetching`). */
export async function storeDocument(
  db: Db,
  id: string,
  document: SealedDocument,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('customer_reports')
    .set({
      status: 'done',
      document_ciphertext: document.ciphertext,
      document_key_id: document.keyId,
      row_count: document.rowCount,
      order_count: document.orderCount,
      pii_state: 'present',
      next_poll_at: null,
      completed_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'fetching')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The encrypted document of a report of this organization (null when none is held). */
export async function readDocumentCell(
  db: Db,
  organizationId: string,
  id: string,
): Promise<Buffer | null> {
  const row = await db
    .selectFrom('customer_reports')
    .select('document_ciphertext')
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.document_ciphertext ?? null;
}

/** Reports waiting for a poll step whose time has come, oldest first. */
export async function findPollDue(db: Db, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_reports')
    .select('id')
    .where('status', 'in', ['in-queue', 'in-progress', 'fetching'])
    .where('next_poll_at', '<=', now)
    .orderBy('next_poll_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Reports not final yet (after a restart, someone must drive them), oldest request first. */
export async function findUnfinished(
  db: Db,
  limit: number,
): Promise<{ id: string; status: ReportStatus; requestedAt: number }[]> {
  const rows = await db
    .selectFrom('customer_reports')
    .select(['id', 'status', 'requested_at'])
    .where('status', 'in', ['requested', 'in-queue', 'in-progress', 'fetching'])
    .orderBy('requested_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, requestedAt: r.requested_at }));
}

/** Reports holding a document past its deadline: ids and organizations, oldest first. */
export async function findPurgeDue(
  db: Db,
  now: number,
  limit: number,
): Promise<{ id: string; organizationId: string }[]> {
  const rows = await db
    .selectFrom('customer_reports')
    .select(['id', 'organization_id'])
    .where('pii_state', '=', 'present')
    .where('pii_purge_after', '<=', now)
    .orderBy('pii_purge_after')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, organizationId: r.organization_id }));
}

/** Deletes the documents (ciphertext and key id); the plain facts stay. */
export async function purgeDocuments(db: Db, ids: readonly string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('customer_reports')
    .set({
      document_ciphertext: null,
      document_key_id: null,
      pii_state: 'purged',
      pii_purged_at: now,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .where('pii_state', '=', 'present')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface CensusRow {
  readonly organizationId: string;
  readonly held: number;
  readonly overdue: number;
  readonly nextDeadline: number | null;
  readonly oldestAnchor: number | null;
}

/** Per organization that has any report: documents held, overdue, next deadline, oldest anchor. */
export async function reportCensus(db: Db, now: number): Promise<CensusRow[]> {
  const organizations = await db
    .selectFrom('customer_reports')
    .select('organization_id')
    .distinct()
    .orderBy('organization_id')
    .execute();
  const held = await db
    .selectFrom('customer_reports')
    .select((eb) => [
      'organization_id',
      eb.fn.countAll<number | string | bigint>().as('held'),
      eb.fn.min('pii_purge_after').as('next_deadline'),
      eb.fn.min('pii_anchor_at').as('oldest_anchor'),
    ])
    .where('pii_state', '=', 'present')
    .groupBy('organization_id')
    .execute();
  const overdue = await db
    .selectFrom('customer_reports')
    .select((eb) => ['organization_id', eb.fn.countAll<number | string | bigint>().as('overdue')])
    .where('pii_state', '=', 'present')
    .where('pii_purge_after', '<=', now)
    .groupBy('organization_id')
    .execute();
  const heldBy = new Map(held.map((r) => [r.organization_id, r]));
  const overdueBy = new Map(overdue.map((r) => [r.organization_id, Number(r.overdue)]));
  return organizations.map(({ organization_id: organizationId }) => {
    const h = heldBy.get(organizationId);
    return {
      organizationId,
      held: h === undefined ? 0 : Number(h.held),
      overdue: overdueBy.get(organizationId) ?? 0,
      nextDeadline: h?.next_deadline ?? null,
      oldestAnchor: h?.oldest_anchor ?? null,
    };
  });
}
