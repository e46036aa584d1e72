import { beforeEach, describe, expect, it } from 'vitest';
import { REPORT_QUEUE_MS } from '../../src/data/report-store.js';
import { DAY_MS } from '../../src/data/time.js';
import { expectConforms, requestOracle } from '../helpers/conformance-runner.js';
import {
  ALL_ORDERS,
  REPORTS,
  createReport,
  finishReport,
  getReport,
  type ReportBody,
} from '../helpers/reports-client.js';
import { firstError } from '../helpers/sim-client.js';
import { OTHER_SELLER_NA, PLAIN_APP, useSimHarness } from '../helpers/sim-harness.js';

const h = useSimHarness({ timeScale: 1_000_000 });
let token: string;
beforeEach(() => {
  token = h.accessToken({ app: PLAIN_APP });
});

describe('report processing follows the simulator clock', () => {
  it('IN_QUEUE → IN_PROGRESS → DONE, with a document id only when DONE', async () => {
    const reportId = await createReport(h, token, {
      reportType: ALL_ORDERS,
      marketplaceIds: ['ATVPDKIKX0DER'],
      dataStartTime: h.isoAgo(10 * DAY_MS),
    });
    expect(reportId).toMatch(/^\d+$/);

    const queued = await getReport(h, token, reportId);
    expect(queued).toMatchObject({
      reportId,
      reportType: ALL_ORDERS,
      processingStatus: 'IN_QUEUE',
    });
    expect(queued.reportDocumentId).toBeUndefined();
    expect(queued.processingStartTime).toBeUndefined();

    h.state.clock.advance(REPORT_QUEUE_MS);
    const running = await getReport(h, token, reportId);
    expect(running.processingStatus).toBe('IN_PROGRESS');
    expect(running.processingStartTime).toBeDefined();
    expect(running.reportDocumentId).toBeUndefined();

    const done = await finishReport(h, token, reportId);
    expect(done.processingStatus).toBe('DONE');
    expect(done.reportDocumentId).toMatch(/^amzn1\.spdoc\.1\.4\.na\./);
    expect(done.processingEndTime).toBeDefined();
    expect(await getReport(h, token, reportId)).toEqual(done);
  });

  it('is CANCELLED when there is no data to return', async () => {
    const reportId = await createReport(h, token, {
      reportType: ALL_ORDERS,
      marketplaceIds: ['ATVPDKIKX0DER'],
      dataStartTime: h.isoAgo(300 * DAY_MS),
      dataEndTime: h.isoAgo(299 * DAY_MS),
    });
    const report = await finishReport(h, token, reportId);
    expect(report.processingStatus).toBe('CANCELLED');
    expect(report.reportDocumentId).toBeUndefined();
  });
});

describe('createReport validation', () => {
  const valid = { reportType: ALL_ORDERS, marketplaceIds: ['ATVPDKIKX0DER'] };
  it.each<[string, () => unknown, boolean]>([
    ['no marketplaceIds', () => ({ reportType: ALL_ORDERS }), true],
    ['empty marketplaceIds', () => ({ ...valid, marketplaceIds: [] }), true],
    [
      '26 marketplaceIds',
      () => ({ ...valid, marketplaceIds: Array(26).fill('ATVPDKIKX0DER') }),
      true,
    ],
    ['no reportType', () => ({ marketplaceIds: ['ATVPDKIKX0DER'] }), true],
    ['reportOptions with a number', () => ({ ...valid, reportOptions: { a: 1 } }), true],
    ['dataEndTime in the future', () => ({ ...valid, dataEndTime: h.isoAgo(-DAY_MS) }), true],
    [
      'an unsupported reportType',
      () => ({ ...valid, reportType: 'BAD_FEE_DISCOUNTS_REPORT' }),
      false,
    ],
    [
      'a marketplace of another region',
      () => ({ ...valid, marketplaceIds: ['A1PA6795UKMFR9'] }),
      false,
    ],
    ['dataStartTime not a date', () => ({ ...valid, dataStartTime: 'last week' }), false],
    [
      'dataStartTime after dataEndTime',
      () => ({
        ...valid,
        dataStartTime: h.isoAgo(DAY_MS),
        dataEndTime: h.isoAgo(2 * DAY_MS),
      }),
      false,
    ],
  ])('400 for %s', async (_name, build, modelSaysInvalid) => {
    const body = build();
    if (modelSaysInvalid) {
      const oracle = requestOracle(h).validateRequest('reports20210630', 'createReport', { body });
      expect(oracle.valid).toBe(false);
    }
    const result = await h.request(REPORTS, token, { method: 'POST', body });
    expect(result.status, JSON.stringify(result.body)).toBe(400);
    expectConforms('reports20210630', 'createReport', result);
    expect(firstError(result).code).toBe('InvalidInput');
  });
});

describe('getReport and getReports', () => {
  it('getReport: 400 for a malformed id, 404 for an unknown one or another seller’s', async () => {
    const bad = await h.request(`${REPORTS}/badReportId1`, token);
    expect(bad.status).toBe(400);
    const unknown = await h.request(`${REPORTS}/99999999999`, token);
    expect(unknown.status).toBe(404);
    expectConforms('reports20210630', 'getReport', unknown);
    const mine = await createReport(h, token, {
      reportType: ALL_ORDERS,
      marketplaceIds: ['ATVPDKIKX0DER'],
    });
    const other = h.accessToken({ app: PLAIN_APP, seller: OTHER_SELLER_NA });
    expect((await h.request(`${REPORTS}/${mine}`, other)).status).toBe(404);
  });

  it('pages newest first; nextToken alone continues; every report once', async () => {
    const type = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL';
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      created.push(
        await createReport(h, token, { reportType: type, marketplaceIds: ['ATVPDKIKX0DER'] }),
      );
      h.state.clock.advance(1000);
    }
    const seen: string[] = [];
    let query: Record<string, string> = { reportTypes: type, pageSize: '2' };
    for (let page = 0; page < 10; page += 1) {
      const result = await h.request(REPORTS, token, { query });
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      expectConforms('reports20210630', 'getReports', result);
      const body = result.body as { reports: ReportBody[]; nextToken?: string };
      seen.push(...body.reports.map((r) => r.reportId));
      if (body.nextToken === undefined) break;
      query = { nextToken: body.nextToken };
    }
    expect(seen).toEqual([...created].reverse());
  });

  it.each<[string, Record<string, string>]>([
    ['no reportTypes and no nextToken', {}],
    ['nextToken with other parameters', { nextToken: 'x', reportTypes: ALL_ORDERS }],
    ['a forged nextToken', { nextToken: 'eyJ2IjoxfQ.AAAA' }],
    ['pageSize 101', { reportTypes: ALL_ORDERS, pageSize: '101' }],
    [
      'a processing status outside the enum',
      { reportTypes: ALL_ORDERS, processingStatuses: 'BAD_VALUE' },
    ],
  ])('getReports: 400 for %s', async (_name, query) => {
    const result = await h.request(REPORTS, token, { query });
    expect(result.status).toBe(400);
    expectConforms('reports20210630', 'getReports', result);
  });
});
