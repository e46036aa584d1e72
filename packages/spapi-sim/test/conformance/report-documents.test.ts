import { beforeAll, describe, expect, it } from 'vitest';
import {
  invalidInput,
  pick,
  runCase,
  type CaseContext,
  type ConformanceCase,
} from '../helpers/conformance-runner.js';
import { finishedReport } from '../helpers/conformance-reports.js';
import { ALL_ORDERS, UNSHIPPED_ORDERS, documentPath } from '../helpers/reports-client.js';
import { reports } from '../helpers/conformance-requests.js';
import { SELLER_EU, useSimHarness } from '../helpers/sim-harness.js';
import { addFixtureOrders } from '../helpers/sim-orders.js';

interface Ctx extends CaseContext {
  /** The document of a finished all-orders report (no PII). */
  documentId: string;
  /** The document of a finished restricted report (buyer and recipient PII). */
  restrictedDocumentId: string;
  /** The document of a finished report of the EU seller. */
  otherSellersDocumentId: string;
}

const { getReportDocument } = reports;

const CASES: ConformanceCase<Ctx>[] = [
  {
    name: 'a document without PII, with an access token',
    request: (ctx) => getReportDocument(ctx.documentId),
    status: 200,
    check: (body, ctx) => {
      expect(pick(body, 'reportDocumentId')).toBe(ctx.documentId);
      expect(pick(body, 'url')).toEqual(expect.stringMatching(/^http:\/\//));
    },
  },
  {
    name: 'enableContentEncodingUrlHeader=true',
    request: (ctx) => getReportDocument(ctx.documentId, { enableContentEncodingUrlHeader: true }),
    status: 200,
  },
  invalidInput(
    'enableContentEncodingUrlHeader not a boolean',
    (ctx) => getReportDocument(ctx.documentId, { enableContentEncodingUrlHeader: 'yes' }),
    'type',
  ),
  {
    name: 'a restricted document with an RDT for its path',
    request: (ctx) => getReportDocument(ctx.restrictedDocumentId),
    token: (ctx) =>
      ctx.h.restrictedDataToken([{ method: 'GET', path: documentPath(ctx.restrictedDocumentId) }]),
    status: 200,
  },
  {
    name: 'a restricted document with an access token',
    request: (ctx) => getReportDocument(ctx.restrictedDocumentId),
    status: 403,
    code: 'Unauthorized',
  },
  {
    name: 'a restricted document with a generic-path RDT',
    request: (ctx) => getReportDocument(ctx.restrictedDocumentId),
    token: (ctx) =>
      ctx.h.storedRestrictedDataToken([
        { method: 'GET', path: documentPath('{reportDocumentId}') },
      ]),
    status: 403,
    code: 'Unauthorized',
  },
  {
    name: 'an RDT for another document',
    request: (ctx) => getReportDocument(ctx.restrictedDocumentId),
    token: (ctx) =>
      ctx.h.storedRestrictedDataToken([{ method: 'GET', path: documentPath(ctx.documentId) }]),
    status: 403,
    code: 'Unauthorized',
  },
  {
    name: 'an unknown document',
    request: () => getReportDocument('amzn1.spdoc.1.4.na.00000000-0000-0000-0000-000000000000.T0'),
    status: 404,
    code: 'NotFound',
  },
  invalidInput('a malformed document id', () => getReportDocument('bad id!')),
  {
    name: "another seller's document",
    request: (ctx) => getReportDocument(ctx.otherSellersDocumentId),
    status: 404,
    code: 'NotFound',
  },
];

describe('Reports 2021-06-30 getReportDocument conforms to the model', () => {
  const ctx = { h: useSimHarness() } as Ctx;
  beforeAll(async () => {
    addFixtureOrders(ctx.h);
    ctx.documentId = (await finishedReport(ctx, ALL_ORDERS)).documentId;
    ctx.restrictedDocumentId = (await finishedReport(ctx, UNSHIPPED_ORDERS)).documentId;
    ctx.otherSellersDocumentId = (await finishedReport(ctx, ALL_ORDERS, SELLER_EU)).documentId;
  });

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it('hands out a URL that downloads the document', async () => {
    const { body } = await runCase(ctx, {
      name: 'document',
      request: () => getReportDocument(ctx.documentId),
      status: 200,
    });
    const download = await fetch(String(pick(body, 'url')));
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
