import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { REPORT_PROCESSING_MS, REPORT_QUEUE_MS } from '../../src/reports/report-store.js';
import { expectConforms } from './orders-2026-client.js';
import { call, type Harness } from './orders-2026-harness.js';

export const REPORTS = '/reports/2021-06-30/reports';
export const documentPath = (id: string): string => `/reports/2021-06-30/documents/${id}`;

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

export async function createReport(h: Harness, token: string, body: unknown): Promise<string> {
  const result = await call(h.url.na, REPORTS, token, { method: 'POST', body });
  expect(result.status, JSON.stringify(result.body)).toBe(202);
  expectConforms('reports20210630', 'createReport', result);
  return (result.body as { reportId: string }).reportId;
}

export async function getReport(h: Harness, token: string, reportId: string): Promise<ReportBody> {
  const result = await call(h.url.na, `${REPORTS}/${reportId}`, token);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expectConforms('reports20210630', 'getReport', result);
  return result.body as ReportBody;
}

/** Advances the simulator clock past processing and returns the finished report. */
export async function finishReport(
  h: Harness,
  token: string,
  reportId: string,
): Promise<ReportBody> {
  h.state.clock.advance(REPORT_QUEUE_MS + REPORT_PROCESSING_MS);
  return getReport(h, token, reportId);
}

/** createRestrictedDataToken through the Tokens API, for one document path. */
export async function documentRdt(h: Harness, token: string, path: string): Promise<string> {
  const result = await call(h.url.na, '/tokens/2021-03-01/restrictedDataToken', token, {
    method: 'POST',
    body: { restrictedResources: [{ method: 'GET', path }] },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return (result.body as { restrictedDataToken: string }).restrictedDataToken;
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
