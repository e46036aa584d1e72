import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/data/time.js';
import {
  invalidInput,
  pick,
  pickList,
  runCase,
  type CaseContext,
  type ConformanceCase,
} from '../helpers/conformance-runner.js';
import { finishedReport, reportSpec } from '../helpers/conformance-reports.js';
import { ALL_ORDERS, UNSHIPPED_ORDERS } from '../helpers/reports-client.js';
import { DE, US, iso, repeat, reports } from '../helpers/conformance-requests.js';
import { SELLER_EU, useSimHarness } from '../helpers/sim-harness.js';
import { addFixtureOrders } from '../helpers/sim-orders.js';

interface Ctx extends CaseContext {
  now: number;
  /** A finished all-orders report and its document. */
  reportId: string;
  documentId: string;
  /** A finished report of the EU seller. */
  otherSellersReportId: string;
}

const { createReport, getReport, getReports } = reports;
const spec =
  (extra: Record<string, unknown> = {}) =>
  (ctx: Ctx) =>
    createReport(reportSpec(ctx.now, extra));

const CASES: ConformanceCase<Ctx>[] = [
  { name: 'createReport: an order report over 30 days', request: spec(), status: 202 },
  {
    name: 'createReport: a restricted report',
    request: spec({ reportType: UNSHIPPED_ORDERS }),
    status: 202,
  },
  {
    name: 'createReport: default window, with reportOptions',
    request: () =>
      createReport({ reportType: ALL_ORDERS, marketplaceIds: [US], reportOptions: { note: 'x' } }),
    status: 202,
  },
  invalidInput(
    'createReport: reportType missing',
    () => createReport({ marketplaceIds: [US] }),
    'required',
  ),
  invalidInput('createReport: no marketplaceIds', spec({ marketplaceIds: [] }), 'minItems'),
  invalidInput(
    'createReport: more than 25 marketplaceIds',
    spec({ marketplaceIds: repeat(US, 26) }),
    'maxItems',
  ),
  invalidInput(
    'createReport: dataStartTime a date without a time',
    (ctx) => spec({ dataStartTime: iso(ctx.now - 3 * DAY_MS).slice(0, 10) })(ctx),
    'format',
  ),
  invalidInput(
    'createReport: dataStartTime not a date-time',
    spec({ dataStartTime: '2026-01-01 10:00' }),
    'format',
  ),
  invalidInput(
    'createReport: dataStartTime in the future',
    (ctx) => spec({ dataStartTime: iso(ctx.now + DAY_MS) })(ctx),
    'data-time-not-future',
  ),
  invalidInput(
    'createReport: a body that is not an object',
    () => createReport([ALL_ORDERS]),
    'type',
  ),
  invalidInput(
    'createReport: dataEndTime in the future',
    (ctx) => spec({ dataEndTime: iso(ctx.now + DAY_MS) })(ctx),
    'data-time-not-future',
  ),
  invalidInput(
    'createReport: a reportOptions value that is not a string',
    spec({ reportOptions: { days: 3 } }),
    'type',
  ),
  invalidInput('createReport: a marketplace of another region', spec({ marketplaceIds: [DE] })),
  {
    name: 'getReport: a finished report names its document',
    request: (ctx) => getReport(ctx.reportId),
    status: 200,
    check: (body, ctx) => {
      expect(pick(body, 'processingStatus')).toBe('DONE');
      expect(pick(body, 'reportDocumentId')).toBe(ctx.documentId);
    },
  },
  {
    name: 'getReport: an unknown report',
    request: () => getReport('99999999999'),
    status: 404,
    code: 'NotFound',
  },
  invalidInput('getReport: a malformed report id', () => getReport('not-an-id')),
  {
    name: "getReport: another seller's report",
    request: (ctx) => getReport(ctx.otherSellersReportId),
    status: 404,
    code: 'NotFound',
  },
  {
    name: 'getReports: by type and status',
    request: () =>
      getReports({ reportTypes: [ALL_ORDERS, UNSHIPPED_ORDERS], processingStatuses: ['DONE'] }),
    status: 200,
    check: (body) => {
      expect(pickList(body, 'reports').length).toBeGreaterThanOrEqual(1);
    },
  },
  {
    name: 'getReports: by type, marketplace and creation window',
    request: ({ now }) =>
      getReports({
        reportTypes: [ALL_ORDERS],
        marketplaceIds: [US],
        createdSince: iso(now - DAY_MS),
        createdUntil: iso(now + DAY_MS),
        pageSize: 100,
      }),
    status: 200,
  },
  invalidInput(
    'getReports: pageSize above 100',
    () => getReports({ reportTypes: [ALL_ORDERS], pageSize: 101 }),
    'maximum',
  ),
  invalidInput(
    'getReports: pageSize of 0',
    () => getReports({ reportTypes: [ALL_ORDERS], pageSize: 0 }),
    'minimum',
  ),
  invalidInput(
    'getReports: processingStatuses outside the enum (sandbox TEST_CASE_400 shape)',
    () =>
      getReports({ reportTypes: [ALL_ORDERS], processingStatuses: ['BAD_VALUE', 'IN_PROGRESS'] }),
    'enum',
  ),
  invalidInput(
    'getReports: more than 10 reportTypes',
    () => getReports({ reportTypes: Array.from({ length: 11 }, (_, i) => `TYPE_${i}`) }),
    'maxItems',
  ),
  invalidInput(
    'getReports: more than 10 marketplaceIds',
    () => getReports({ reportTypes: [ALL_ORDERS], marketplaceIds: repeat(US, 11) }),
    'maxItems',
  ),
  invalidInput('getReports: createdSince after createdUntil', ({ now }) =>
    getReports({
      reportTypes: [ALL_ORDERS],
      createdSince: iso(now - DAY_MS),
      createdUntil: iso(now - 2 * DAY_MS),
    }),
  ),
  invalidInput(
    'getReports: createdSince not a date-time',
    () => getReports({ reportTypes: [ALL_ORDERS], createdSince: 'last week' }),
    'format',
  ),
  invalidInput('getReports: neither reportTypes nor nextToken', () => getReports({})),
];

describe('Reports 2021-06-30 createReport, getReport and getReports conform to the model', () => {
  const ctx = { h: useSimHarness() } as Ctx;
  beforeAll(async () => {
    addFixtureOrders(ctx.h);
    const done = await finishedReport(ctx, ALL_ORDERS);
    ctx.reportId = done.reportId;
    ctx.documentId = done.documentId;
    ctx.otherSellersReportId = (await finishedReport(ctx, ALL_ORDERS, SELLER_EU)).reportId;
    ctx.now = ctx.h.now();
  });

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it('pages getReports with nextToken as the only parameter', async () => {
    const first = await runCase(ctx, {
      name: 'first page',
      request: () => getReports({ reportTypes: [ALL_ORDERS, UNSHIPPED_ORDERS], pageSize: 1 }),
      status: 200,
    });
    const nextToken = String(pick(first.body, 'nextToken'));
    await runCase(ctx, {
      name: 'next page',
      request: () => getReports({ nextToken }),
      status: 200,
    });
    await runCase(
      ctx,
      invalidInput('nextToken with other parameters', () => getReports({ nextToken, pageSize: 1 })),
    );
  });
});
