import { invalidInput, notFound } from '../core/errors.js';
import type { OperationContext, OperationResult } from '../core/operation.js';
import { modelQuery, queryDateTime, type RawQuery } from '../core/query.js';
import { openToken, sealToken } from '../core/sealed-token.js';
import { DAY_MS } from '../data/time.js';
import { toReportJson } from './report-json.js';
import {
  PROCESSING_STATUSES,
  type ProcessingStatus,
  type ReportView,
} from '../data/report-store.js';

/** Report ids are numeric strings, e.g. `50000000001`. */
const REPORT_ID = /^\d{1,20}$/;
/** "Reports are retained for a maximum of 90 days." Also the default `createdSince`. */
const RETENTION_MS = 90 * DAY_MS;

/** `GET /reports/2021-06-30/reports/{reportId}` → the model's `Report`. */
export function getReport({ req, state, caller, now }: OperationContext): OperationResult {
  const reportId = String(req.params.reportId);
  if (!REPORT_ID.test(reportId))
    throw invalidInput('Invalid input', `Invalid reportId: ${reportId}`);
  const view = state.reports.get(caller.sellingPartnerId, reportId, now);
  if (!view) throw notFound(`Report ${reportId} was not found.`);
  return { status: 200, body: toReportJson(view) };
}

/** The filters of a getReports search, carried inside its `nextToken`. */
interface ReportFilters {
  v: 1;
  sp: string;
  types: string[];
  statuses: ProcessingStatus[] | null;
  marketplaceIds: string[] | null;
  since: number;
  until: number;
  size: number;
  /** The last report returned: created time and id (pages go newest first). */
  last: [number, string] | null;
}

function isFilters(value: unknown, seller: string): value is ReportFilters {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Partial<ReportFilters>;
  return f.v === 1 && f.sp === seller && Array.isArray(f.types) && typeof f.size === 'number';
}

function parseFilters(query: RawQuery, seller: string, now: number): ReportFilters {
  const token = modelQuery.single(query, 'nextToken');
  if (token !== undefined) {
    if (Object.keys(query).some((name) => name !== 'nextToken')) {
      throw invalidInput('Invalid input', 'nextToken must be the only parameter when it is given.');
    }
    const filters = openToken(token);
    if (!isFilters(filters, seller)) throw invalidInput('Invalid input', 'Invalid nextToken.');
    return filters;
  }
  const types = modelQuery.list(query, 'reportTypes', { minItems: 1, maxItems: 10 });
  if (!types) throw invalidInput('Invalid input', 'Either reportTypes or nextToken is required.');
  const since = queryDateTime(query, 'createdSince') ?? now - RETENTION_MS;
  const until = queryDateTime(query, 'createdUntil') ?? now;
  if (since > until)
    throw invalidInput('Invalid input', 'createdSince must not be after createdUntil.');
  return {
    v: 1,
    sp: seller,
    types,
    statuses: modelQuery.enumList(query, 'processingStatuses', PROCESSING_STATUSES) ?? null,
    marketplaceIds: modelQuery.list(query, 'marketplaceIds', { minItems: 1, maxItems: 10 }) ?? null,
    since,
    until,
    size: modelQuery.integer(query, 'pageSize', 1, 100) ?? 10,
    last: null,
  };
}

function selects(view: ReportView, f: ReportFilters): boolean {
  const last = f.last;
  return (
    f.types.includes(view.reportType) &&
    (f.statuses === null || f.statuses.includes(view.processingStatus)) &&
    (f.marketplaceIds === null || view.marketplaceIds.some((m) => f.marketplaceIds?.includes(m))) &&
    view.createdTime >= f.since &&
    view.createdTime <= f.until &&
    (last === null ||
      view.createdTime < last[0] ||
      (view.createdTime === last[0] && Number(view.reportId) < Number(last[1])))
  );
}

/** `GET /reports/2021-06-30/reports`: newest first, keyset pages, `nextToken` alone to continue. */
export function getReports({ req, state, caller, now }: OperationContext): OperationResult {
  const seller = caller.sellingPartnerId;
  const filters = parseFilters(req.query, seller, now);
  const matching = state.reports.list(seller, now).filter((view) => selects(view, filters));
  const page = matching.slice(0, filters.size);
  const lastOnPage = page.at(-1);
  const more = matching.length > page.length && lastOnPage !== undefined;
  const body: { reports: unknown[]; nextToken?: string } = { reports: page.map(toReportJson) };
  if (more) {
    body.nextToken = sealToken({ ...filters, last: [lastOnPage.createdTime, lastOnPage.reportId] });
  }
  return { status: 200, body };
}
