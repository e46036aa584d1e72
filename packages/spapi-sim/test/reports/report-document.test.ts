import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isActionable, ACTIONABLE_ORDER_COLUMNS } from '../../src/data/report-rows.js';
import { DAY_MS } from '../../src/data/time.js';
import { ALL_ORDERS_COLUMNS } from '../../src/reports/all-orders-report.js';
import { DOCUMENT_URL_TTL_SECONDS } from '../../src/reports/document-url.js';
import { expectConforms } from '../helpers/conformance-runner.js';
import {
  ALL_ORDERS,
  UNSHIPPED_ORDERS,
  createReport,
  documentPath,
  download,
  finishReport,
  type DocumentBody,
} from '../helpers/reports-client.js';
import { firstError, type SpapiReply } from '../helpers/sim-client.js';
import { OTHER_SELLER_NA, SELLER_NA, useSimHarness } from '../helpers/sim-harness.js';

const MARKETPLACES = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'];

const h = useSimHarness({ timeScale: 1_000_000 });
let token: string;
/** The restricted report, finished, and its window. */
let actionableDocId: string;
let windowStart: number;
let windowEnd: number;

beforeAll(async () => {
  token = h.accessToken();
  windowStart = Date.parse(h.isoAgo(20 * DAY_MS));
  windowEnd = Date.parse(h.isoAgo(0));
  const reportId = await createReport(h, token, {
    reportType: UNSHIPPED_ORDERS,
    marketplaceIds: MARKETPLACES,
    dataStartTime: new Date(windowStart).toISOString(),
    dataEndTime: new Date(windowEnd).toISOString(),
  });
  const report = await finishReport(h, token, reportId);
  expect(report.processingStatus).toBe('DONE');
  actionableDocId = report.reportDocumentId ?? '';
});
beforeEach(() => {
  token = h.accessToken();
});

async function getDocument(
  id: string,
  tok: string,
  query: Record<string, string> = {},
): Promise<SpapiReply> {
  const result = await h.request(documentPath(id), tok, { query });
  expectConforms('reports20210630', 'getReportDocument', result);
  return result;
}

async function restrictedDocument(query: Record<string, string> = {}): Promise<DocumentBody> {
  const rdt = await h.restrictedDataToken(
    [{ method: 'GET', path: documentPath(actionableDocId) }],
    {
      token,
    },
  );
  const result = await getDocument(actionableDocId, rdt, query);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body as DocumentBody;
}

describe('getReportDocument for a restricted report', () => {
  it('refuses the plain LWA access token with 403 Unauthorized', async () => {
    const result = await getDocument(actionableDocId, token);
    expect(result.status).toBe(403);
    expect(firstError(result).code).toBe('Unauthorized');
  });

  it('answers an RDT for the specific document path with a presigned URL', async () => {
    const document = await restrictedDocument();
    expect(document.reportDocumentId).toBe(actionableDocId);
    expect(document.compressionAlgorithm).toBe('GZIP');
    const url = new URL(document.url);
    expect(url.origin).toBe(h.spapi());
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(DOCUMENT_URL_TTL_SECONDS));
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not accept the generic {reportDocumentId} path', async () => {
    const generic = '/reports/2021-06-30/documents/{reportDocumentId}';
    const refused = await h.request('/tokens/2021-03-01/restrictedDataToken', token, {
      method: 'POST',
      body: { restrictedResources: [{ method: 'GET', path: generic }] },
    });
    expect(refused.status).toBe(400);
    // Even an RDT that somehow names the generic path does not open the document.
    const rdt = h.storedRestrictedDataToken([{ method: 'GET', path: generic }]);
    const result = await getDocument(actionableDocId, rdt);
    expect(result.status).toBe(403);
  });

  it('refuses an RDT for another path, and one of another seller', async () => {
    const elsewhere = h.storedRestrictedDataToken([
      { method: 'GET', path: documentPath(`${actionableDocId}x`) },
    ]);
    expect((await getDocument(actionableDocId, elsewhere)).status).toBe(403);
    const otherSeller = h.storedRestrictedDataToken(
      [{ method: 'GET', path: documentPath(actionableDocId) }],
      { seller: OTHER_SELLER_NA },
    );
    expect((await getDocument(actionableDocId, otherSeller)).status).toBe(404);
  });
});

describe('document download', () => {
  it("gunzips to the Unshipped Orders flat file with this seller's buyer names", async () => {
    const { header, rows } = await download(await restrictedDocument());
    expect(header).toEqual([...ACTIONABLE_ORDER_COLUMNS]);

    const at = windowEnd + 5_000;
    const expected = h.state.orders
      .list(SELLER_NA.sellingPartnerId, at)
      .filter((v) => v.purchaseDate >= windowStart && v.purchaseDate <= windowEnd)
      .filter(isActionable);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r['order-id']))).toEqual(
      new Set(expected.map((v) => v.amazonOrderId)),
    );
    const buyers = new Map(expected.map((v) => [v.amazonOrderId, v.buyer.name]));
    for (const row of rows) expect(row['buyer-name']).toBe(buyers.get(row['order-id'] ?? ''));
  });

  it('with enableContentEncodingUrlHeader the URL serves Content-Encoding: gzip', async () => {
    const document = await restrictedDocument({ enableContentEncodingUrlHeader: 'true' });
    const res = await fetch(document.url);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const text = await res.text(); // fetch decompresses
    expect(text.split('\t')[0]).toBe('order-id');
  });

  it('refuses a URL older than five minutes (simulator clock)', async () => {
    const document = await restrictedDocument();
    h.state.clock.advance((DOCUMENT_URL_TTL_SECONDS + 1) * 1000);
    const res = await fetch(document.url);
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('Request has expired');
  });

  it('refuses a tampered URL', async () => {
    const document = await restrictedDocument();
    const tamper: ((url: URL) => void)[] = [
      (u) => {
        const s = u.searchParams.get('X-Amz-Signature') ?? '';
        u.searchParams.set('X-Amz-Signature', `${s.slice(0, -1)}${s.endsWith('0') ? '1' : '0'}`);
      },
      (u) => {
        u.searchParams.set('X-Amz-Expires', '604800');
      },
      (u) => {
        u.searchParams.set('X-Amz-Date', '20991231T000000Z');
      },
      (u) => {
        u.searchParams.set('response-content-encoding', 'gzip');
      },
      (u) => {
        u.pathname = `${u.pathname}0`;
      },
      (u) => {
        u.searchParams.delete('X-Amz-Signature');
      },
    ];
    for (const change of tamper) {
      const url = new URL(document.url);
      change(url);
      const res = await fetch(url);
      expect(res.status, url.toString()).toBe(403);
    }
    expect((await fetch(document.url)).status).toBe(200);
  });
});

describe('a non-restricted report', () => {
  it('hands its document to the plain access token, without PII columns', async () => {
    const reportId = await createReport(h, token, {
      reportType: ALL_ORDERS,
      marketplaceIds: MARKETPLACES,
    });
    const report = await finishReport(h, token, reportId);
    const result = await getDocument(report.reportDocumentId ?? '', token);
    expect(result.status).toBe(200);
    const { header, rows } = await download(result.body as DocumentBody);
    expect(header).toEqual([...ALL_ORDERS_COLUMNS]);
    expect(header).not.toContain('buyer-name');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('stores a small document uncompressed', async () => {
    const one = h.state.orders.list(SELLER_NA.sellingPartnerId, h.now())[5];
    const at = new Date(one?.purchaseDate ?? 0).toISOString();
    const reportId = await createReport(h, token, {
      reportType: ALL_ORDERS,
      marketplaceIds: [one?.marketplaceId ?? ''],
      dataStartTime: at,
      dataEndTime: at,
    });
    const report = await finishReport(h, token, reportId);
    const result = await getDocument(report.reportDocumentId ?? '', token);
    const document = result.body as DocumentBody;
    expect(document.compressionAlgorithm).toBeUndefined();
    const { rows } = await download(document);
    expect(new Set(rows.map((r) => r['amazon-order-id']))).toEqual(new Set([one?.amazonOrderId]));
  });
});
