import { findOperation, sandboxRequestOf, type SandboxCase } from '@spapi/spapi-models';
import { DAY_MS } from '../../src/data/time.js';
import type { Query, SpapiRequest } from './sim-client.js';

/** Request builders for the mounted operations, named as the models name them. */

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
/** A marketplace the NA endpoint does not serve. */
export const DE = 'A1PA6795UKMFR9';
export const MINUTE_MS = 60_000;

/** `ms` as the ISO 8601 instant Amazon's parameters take (whole seconds, `Z`). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const daysBefore = (now: number, days: number): string => iso(now - days * DAY_MS);

export const repeat = <T>(value: T, count: number): T[] =>
  Array.from({ length: count }, () => value);

const withQuery = (request: SpapiRequest, query: Query | undefined): SpapiRequest =>
  query === undefined ? request : { ...request, query };

export const v0 = {
  getOrders: (query: Query): SpapiRequest => ({ api: 'ordersV0', operationId: 'getOrders', query }),
  perOrder: (operationId: string, orderId: string, query?: Query): SpapiRequest =>
    withQuery({ api: 'ordersV0', operationId, path: { orderId } }, query),
};

export const orders2026 = {
  searchOrders: (query: Query): SpapiRequest => ({
    api: 'orders20260101',
    operationId: 'searchOrders',
    query,
  }),
  getOrder: (orderId: string, query?: Query): SpapiRequest =>
    withQuery({ api: 'orders20260101', operationId: 'getOrder', path: { orderId } }, query),
};

/** Every value of the 2026-01-01 `includedData` enum, as the model lists it. */
export const ALL_INCLUDED_DATA: string[] = (
  findOperation('orders20260101', 'searchOrders').parameters.find(
    (p) => p.name === 'includedData' && p.in === 'query',
  )?.items?.enum ?? []
).map(String);

export const tokens = {
  createRestrictedDataToken: (body: unknown): SpapiRequest => ({
    api: 'tokens20210301',
    operationId: 'createRestrictedDataToken',
    body,
  }),
};

export const reports = {
  createReport: (body: unknown): SpapiRequest => ({
    api: 'reports20210630',
    operationId: 'createReport',
    body,
  }),
  getReports: (query: Query): SpapiRequest => ({
    api: 'reports20210630',
    operationId: 'getReports',
    query,
  }),
  getReport: (reportId: string): SpapiRequest => ({
    api: 'reports20210630',
    operationId: 'getReport',
    path: { reportId },
  }),
  getReportDocument: (reportDocumentId: string, query?: Query): SpapiRequest =>
    withQuery(
      { api: 'reports20210630', operationId: 'getReportDocument', path: { reportDocumentId } },
      query,
    ),
};

/** The request of one of Amazon's sandbox cases, as a client replays it over HTTP. */
export function replayOf(sandboxCase: SandboxCase): SpapiRequest {
  const { path, query, body } = sandboxRequestOf(sandboxCase);
  const request: SpapiRequest = {
    api: sandboxCase.api,
    operationId: sandboxCase.operationId,
    path: Object.fromEntries(
      Object.entries(path ?? {}).map(([name, value]) => [name, String(value)]),
    ),
    query: (query ?? {}) as Query,
  };
  return body === undefined ? request : { ...request, body };
}
