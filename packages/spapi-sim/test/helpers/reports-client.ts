import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { REPORT_PROCESSING_MS, REPORT_QUEUE_MS } from '../../src/data/report-store.js';
import { expectConforms } from './conformance-runner.js';
import type { SimHarness } from './sim-harness.js';

export const REPORTS = '/reports/2021-06-30/reports';
export const documentPath = (reportDocumentId: string): string =>
  `/reports/2021-06-30/documents/${reportDocumentId}`;

export const ALL_ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
/** Carries buyer and recipient PII: its document needs an RDT for its specific path. */
export const UNSHIPPED_ORDERS = 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING';

export interface ReportBody {
  reportId: string;
  reportType: string;
  processingStatus: string;
  reportDocumentId?: string;
  processingStartTime?: string;
  processingEndTime?: string;
  dataStartTime: string;
  dataEndTime: string;
}

export interface DocumentBody {
  reportDocumentId: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

export async function createReport(h: SimHarness, token: string, body: unknown): Promise<string> {
  const result = await h.request(REPORTS, token, { method: 'POST', body });
  expect(result.status, JSON.stringify(result.body)).toBe(202);
  expectConforms('reports20210630', 'createReport', result);
  return (result.body as { reportId: string }).reportId;
}

export async function getReport(
  h: SimHarness,
  token: string,
  reportId: string,
): Promise<ReportBody> {
  const result = await h.request(`${REPORTS}/${reportId}`, token);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expectConforms('reports20210630', 'getReport', result);
  return result.body as ReportBody;
}

/** Advances the simulator clock past processing and returns the finished report. */
export async function finishReport(
  h: SimHarness,
  token: string,
  reportId: string,
): Promise<ReportBody> {
  h.state.clock.advance(REPORT_QUEUE_MS + REPORT_PROCESSING_MS);
  return getReport(h, token, reportId);
}

/** Downloads a document URL and returns the flat file as rows of column → value. */
export async function download(
  document: DocumentBody,
): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const res = await fetch(document.url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const text =
    document.compressionAlgorithm === 'GZIP'
      ? gunzipSync(bytes).toString('utf8')
      : bytes.toString('utf8');
  const [headerLine = '', ...lines] = text.split('\n').filter((line) => line.length > 0);
  const header = headerLine.split('\t');
  const rows = lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
  });
  return { header, rows };
}
