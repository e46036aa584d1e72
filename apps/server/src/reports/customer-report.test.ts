/**
 * Customer reports against the simulator, on SQLite and Postgres: the whole flow (request, poll,
 * specific-path RDT, download, gunzip, parse, encrypt) ends with rows equal to the simulator's
 * unshipped orders; canary PII is nowhere in the database files or rows, the logs or the audit
 * trail; CANCELLED, FATAL, an oversized document and an application without the restricted role
 * are recorded as such; retention purges the document and the census counts it.
 */
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import type { Principal } from '../access/index.js';
import { ready } from '../crypto/index.js';
import { REVEAL_TTL_MS } from '../orders/index.js';
import { createReportDocumentDownloader, type SpapiClient } from '../spapi/index.js';
import { accessHarness, type AccessHarness } from '../spapi/testing/access-harness.js';
import { simControl, type SimControl } from '../spapi/testing/sim-control.js';
import { SIM_APP, testRefreshTokens, type TestRefreshTokens } from '../spapi/testing/sim-world.js';
import { codeOf } from '../pii-vault/testing/vault-fixtures.js';
import { createCustomerReportPiiHolder } from './customer-report.pii-holder.js';
import type { CustomerReportService } from './customer-report.service.js';
import {
  CANARIES,
  EMPTY_SELLER,
  MARKETPLACE_US,
  REPORT_SELLER,
  canaryTexts,
  connectTestSeller,
  reportKit,
  reportSimWorld,
  type ReportKit,
} from './testing/report-world.js';
import { needlesOf, storedBytes } from './testing/at-rest-scan.js';

const DAY = 86_400_000;

interface World {
  readonly sim: RunningSimulator;
  readonly h: AccessHarness;
  readonly refreshTokens: TestRefreshTokens;
  readonly control: SimControl;
}

async function startWorld(restrictedRoles: readonly string[]): Promise<World> {
  const sim = await startSimulator(reportSimWorld(restrictedRoles));
  const refreshTokens = testRefreshTokens();
  const h = accessHarness(sim.urls, refreshTokens);
  const control = simControl(sim.urls.control);
  // The governor runs on virtual time, the simulator's buckets on the wall clock: room for the
  // suite (both dialects share one simulator) instead of waiting for refills.
  for (const seller of [REPORT_SELLER, EMPTY_SELLER]) {
    await control.setRate(seller.sellingPartnerId, { operationId: '*', rate: 100, burst: 100 });
  }
  return { sim, h, refreshTokens, control };
}

let world: World;
let roleless: World;

beforeAll(async () => {
  await ready();
  [world, roleless] = await Promise.all([startWorld(SIM_APP.restrictedRoles), startWorld([])]);
  const yesterday = new Date(world.sim.state.clock.now() - DAY).toISOString();
  for (const canary of CANARIES) {
    await world.control.addOrder(REPORT_SELLER.sellingPartnerId, {
      ...canary,
      canary: true,
      purchaseDate: yesterday,
      items: [{ sellerSku: 'CANARY-SKU', quantityOrdered: 2 }],
    });
  }
}, 30_000);

afterAll(async () => {
  await Promise.all([world.sim.stop(), roleless.sim.stop()]);
});

/** What the simulator's Unshipped Orders report holds, computed from its own orders. */
function expectedLines(report: { dataStartTime?: string; dataEndTime?: string; end: number }) {
  const start = Date.parse(report.dataStartTime ?? '');
  const end = Date.parse(report.dataEndTime ?? '');
  return world.sim.state.orders
    .list(REPORT_SELLER.sellingPartnerId, report.end)
    .filter(
      (view) =>
        view.fulfillmentChannel === 'MFN' &&
        (view.status === 'Unshipped' || view.status === 'PartiallyShipped') &&
        view.purchaseDate >= start &&
        view.purchaseDate <= end,
    )
    .flatMap((view) =>
      view.items
        .filter((item) => item.quantityShipped < item.quantityOrdered)
        .map((item) => ({
          orderId: view.amazonOrderId,
          orderItemId: item.orderItemId,
          buyerName: view.buyer.name,
          buyerEmail: view.buyer.email,
          buyerPhoneNumber: view.shippingAddress.phone === '' ? null : view.shippingAddress.phone,
          recipientName: view.shippingAddress.name,
          shipAddress1: view.shippingAddress.addressLine1,
          shipCity: view.shippingAddress.city,
          shipPostalCode: view.shippingAddress.postalCode,
          quantityToShip: item.quantityOrdered - item.quantityShipped,
        })),
    )
    .sort((a, b) => `${a.orderId}${a.orderItemId}`.localeCompare(`${b.orderId}${b.orderItemId}`));
}

const principal = (role: 'owner' | 'operator' | 'viewer', organizationId: string): Principal => ({
  userId: `user-${role}`,
  role,
  organizationId,
});

forEachDialect((t) => {
  let kit: ReportKit;
  let service: CustomerReportService;
  let organizationId: string;
  let connectionId: string;
  let doneReportId: string;

  beforeAll(async () => {
    kit = reportKit(t.db(), world.h);
    service = kit.service();
    organizationId = await kit.vaultKit.organization();
    connectionId = await connectTestSeller(
      t.db(),
      world.sim.urls,
      world.h,
      world.refreshTokens,
      organizationId,
      REPORT_SELLER,
    );
  }, 30_000);
  afterAll(() => {
    kit.vaultKit.close();
  });

  const auditRows = () => t.db().selectFrom('audit_entries').selectAll().orderBy('seq').execute();

  it('request → poll → specific-path RDT → download → parse → encrypt: rows equal the simulator’s', async () => {
    const operator = principal('operator', organizationId);
    const requested = await service.request(
      { principal: operator },
      { connectionId, requestId: 'req-report-1' },
    );
    expect(requested).toMatchObject({
      status: 'in-queue',
      reportType: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
      marketplaceIds: [MARKETPLACE_US],
      piiState: 'none',
      piiPurgeAfter: T0 + 30 * DAY,
    });
    await world.control.advanceClock(10);
    const done = await service.runToCompletion(requested.id);
    expect(done).toMatchObject({ status: 'done', piiState: 'present', failureCode: null });
    doneReportId = done.id;

    const stored = await t
      .db()
      .selectFrom('customer_reports')
      .select(['amazon_report_id', 'document_key_id'])
      .where('id', '=', done.id)
      .executeTakeFirstOrThrow();
    const amazon = await world.h.access.client.call(
      'reports20210630.getReport',
      { path: { reportId: stored.amazon_report_id ?? '' } },
      { sellerId: REPORT_SELLER.sellingPartnerId, region: 'na', connectionId },
    );
    const expected = expectedLines({
      ...amazon.body,
      end: Date.parse(amazon.body.processingEndTime ?? ''),
    });
    expect(expected.length).toBeGreaterThan(CANARIES.length);
    expect(done.rowCount).toBe(expected.length);
    expect(done.orderCount).toBe(new Set(expected.map((l) => l.orderId)).size);

    const revealed = await service.reveal(operator, done.id, {
      reason: 'print-label',
      requestId: 'req-reveal-1',
    });
    expect(revealed.expiresAt - revealed.revealedAt).toBe(REVEAL_TTL_MS);
    const rows = revealed.rows
      .map((row) => ({
        orderId: row.orderId,
        orderItemId: row.orderItemId,
        buyerName: row.buyerName,
        buyerEmail: row.buyerEmail,
        buyerPhoneNumber: row.buyerPhoneNumber,
        recipientName: row.recipientName,
        shipAddress1: row.shipAddress1,
        shipCity: row.shipCity,
        shipPostalCode: row.shipPostalCode,
        quantityToShip: row.quantityToShip,
      }))
      .sort((a, b) => `${a.orderId}${a.orderItemId}`.localeCompare(`${b.orderId}${b.orderItemId}`));
    expect(rows).toEqual(expected);
    for (const canary of CANARIES) {
      expect(rows).toContainEqual(
        expect.objectContaining({
          buyerName: canary.buyer.name,
          shipAddress1: canary.shippingAddress.addressLine1,
        }),
      );
    }

    // Key scope: the request month, on the service's clock.
    const key = await t
      .db()
      .selectFrom('data_keys')
      .select('scope')
      .where('id', '=', stored.document_key_id ?? '')
      .executeTakeFirstOrThrow();
    expect(key.scope).toBe('period:2030-01');

    const entries = (await auditRows()).filter(
      (e) => e.organization_id === organizationId && e.action !== 'key.rotate',
    );
    const summary = entries.map((e) => [e.action, e.actor_kind, e.outcome]);
    expect(summary).toEqual([
      ['data.export', 'user', 'success'],
      ['rdt.request', 'system', 'success'],
      ['data.export', 'system', 'success'],
      ['pii.reveal', 'user', 'success'],
    ]);
    const rdtDetails: unknown = JSON.parse(entries[1]?.details_json ?? '{}');
    expect(rdtDetails).toMatchObject({ purpose: 'report-document', source: 'issued' });
    const fetchDetails: unknown = JSON.parse(entries[2]?.details_json ?? '{}');
    expect(fetchDetails).toMatchObject({ phase: 'fetch', rows: expected.length });
    const revealDetails: unknown = JSON.parse(entries[3]?.details_json ?? '{}');
    expect(revealDetails).toMatchObject({
      reason: 'print-label',
      rows: expected.length,
      expiresAt: revealed.expiresAt,
    });
    expect(entries[3]).toMatchObject({ actor_id: operator.userId, request_id: 'req-reveal-1' });
  });

  it('holds no canary PII in plaintext at rest, in any log line or audit entry', async () => {
    const bytes = await storedBytes(t);
    expect(bytes.length).toBeGreaterThan(0);
    const found = needlesOf(canaryTexts()).filter((needle) =>
      bytes.some((b) => b.includes(needle)),
    );
    expect(found.map(String)).toEqual([]);
    const stored = await t
      .db()
      .selectFrom('customer_reports')
      .select('document_ciphertext')
      .where('id', '=', doneReportId)
      .executeTakeFirstOrThrow();
    expect(stored.document_ciphertext?.length).toBeGreaterThan(1000);

    const logs = `${kit.logger.text()}\n${world.h.logger.text()}`;
    const audit = JSON.stringify(await auditRows());
    for (const text of canaryTexts()) {
      expect(logs).not.toContain(text);
      expect(audit).not.toContain(text);
    }
    for (const secret of ['X-Amz-Signature', '/_documents/', 'Atz.sprdt|', 'Atza|']) {
      expect(logs).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    expect(kit.logger.lines.map((l) => l.message)).toContain('report.stored');
  });

  it('a report Amazon ends CANCELLED (no data) or FATAL is recorded as such, with no document', async () => {
    const owner = principal('owner', organizationId);
    const empty = await connectTestSeller(
      t.db(),
      world.sim.urls,
      world.h,
      world.refreshTokens,
      organizationId,
      EMPTY_SELLER,
    );
    const cancelled = await service.request({ principal: owner }, { connectionId: empty });
    await world.control.advanceClock(10);
    expect(await service.runToCompletion(cancelled.id)).toMatchObject({
      status: 'cancelled',
      piiState: 'none',
      rowCount: null,
    });

    // The simulator never fails a report: a client that reads FATAL from getReport stands in.
    const client = world.h.access.client;
    const fatalClient: Pick<SpapiClient, 'call'> = {
      call: async (operation, request, context) => {
        const response = await client.call(operation, request, context);
        if (operation !== 'reports20210630.getReport') return response;
        return { ...response, body: { ...response.body, processingStatus: 'FATAL' } };
      },
    };
    const fatalService = kit.service({ client: fatalClient });
    const fatal = await fatalService.request({ jobId: 'report-schedule-1' }, { connectionId });
    expect((await fatalService.runToCompletion(fatal.id)).status).toBe('fatal');

    const finishes = (await auditRows())
      .filter((e) => [cancelled.id, fatal.id].includes(e.target_id ?? ''))
      .map((e) => [e.action, e.outcome, e.reason_code]);
    expect(finishes).toEqual([
      ['data.export', 'success', null],
      ['data.export', 'failure', 'REPORT_CANCELLED'],
      ['data.export', 'success', null],
      ['data.export', 'failure', 'REPORT_FATAL'],
    ]);
    expect(await codeOf(service.reveal(owner, fatal.id, { reason: 'print-label' }))).toBe(
      'CONFLICT',
    );
  });

  it('an oversized document is refused and nothing is stored', async () => {
    const small = kit.service({
      downloader: createReportDocumentDownloader({
        http: world.h.counter.http,
        allowLoopbackHttp: true,
        maxDocumentBytes: 512,
      }),
    });
    const report = await small.request({ jobId: 'report-schedule-2' }, { connectionId });
    await world.control.advanceClock(10);
    expect(await small.runToCompletion(report.id)).toMatchObject({
      status: 'failed',
      failureCode: 'DOCUMENT_TOO_LARGE',
      piiState: 'none',
    });
  });

  it('an application without the restricted role gets a clear, audited refusal', async () => {
    const rolelessKit = reportKit(t.db(), roleless.h);
    const rolelessService = rolelessKit.service();
    const otherOrganization = await rolelessKit.vaultKit.organization();
    const connection = await connectTestSeller(
      t.db(),
      roleless.sim.urls,
      roleless.h,
      roleless.refreshTokens,
      otherOrganization,
      REPORT_SELLER,
    );
    const owner = principal('owner', otherOrganization);
    const report = await rolelessService.request(
      { principal: owner },
      { connectionId: connection },
    );
    await roleless.control.advanceClock(10);
    expect(await rolelessService.runToCompletion(report.id)).toMatchObject({
      status: 'failed',
      failureCode: 'RESTRICTED_ROLE_MISSING',
      piiState: 'none',
    });
    const entries = (await auditRows()).slice(-2).map((e) => [e.action, e.outcome, e.reason_code]);
    expect(entries).toEqual([
      ['rdt.request', 'denied', 'RDT_ROLE_MISSING'],
      ['data.export', 'denied', 'RESTRICTED_ROLE_MISSING'],
    ]);
    rolelessKit.vaultKit.close();
  });

  it('retention purges the document after 30 days, keeps the facts, and the census counts', async () => {
    const holder = createCustomerReportPiiHolder(t.db());
    const before = (await holder.census(T0 + DAY)).find((c) => c.organizationId === organizationId);
    expect(before).toMatchObject({
      held: 1,
      overdue: 0,
      undated: 0,
      nextDeadline: T0 + 30 * DAY,
      oldestAnchor: T0,
    });
    expect(await holder.purgeDue(T0 + 30 * DAY - 1, 100)).toEqual([]);
    expect(await holder.purgeDue(T0 + 30 * DAY, 100)).toEqual([{ organizationId, purged: 1 }]);
    const after = (await holder.census(T0 + 30 * DAY)).find(
      (c) => c.organizationId === organizationId,
    );
    expect(after).toMatchObject({ held: 0, overdue: 0, nextDeadline: null, oldestAnchor: null });

    const owner = principal('owner', organizationId);
    const view = await service.get(owner, doneReportId);
    expect(view).toMatchObject({ status: 'done', piiState: 'purged' });
    expect(view.rowCount).toBeGreaterThan(0);
    expect(await codeOf(service.reveal(owner, doneReportId, { reason: 'returns' }))).toBe(
      'RETENTION_EXPIRED',
    );
    const last = (await auditRows()).at(-1);
    expect(last).toMatchObject({
      action: 'pii.reveal',
      outcome: 'failure',
      reason_code: 'RETENTION_EXPIRED',
    });
  });

  it('a viewer may list and read plain facts but not request or reveal; another organization sees nothing', async () => {
    const viewer = principal('viewer', organizationId);
    expect((await service.list(viewer)).map((r) => r.id)).toContain(doneReportId);
    expect(await codeOf(service.request({ principal: viewer }, { connectionId }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(service.reveal(viewer, doneReportId, { reason: 'print-label' }))).toBe(
      'FORBIDDEN',
    );
    const stranger = principal('owner', 'another-organization');
    expect(await codeOf(service.get(stranger, doneReportId))).toBe('NOT_FOUND');
    expect(await codeOf(service.reveal(stranger, doneReportId, { reason: 'returns' }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(service.request({ principal: stranger }, { connectionId }))).toBe(
      'NOT_FOUND',
    );
  });

  it('LWA refusing the refresh token (invalid_grant) fails the report and flags the connection', async () => {
    const otherKit = reportKit(t.db(), roleless.h);
    const otherService = otherKit.service();
    const otherOrganization = await otherKit.vaultKit.organization();
    const connection = await connectTestSeller(
      t.db(),
      roleless.sim.urls,
      roleless.h,
      roleless.refreshTokens,
      otherOrganization,
      EMPTY_SELLER,
    );
    const report = await otherService.request(
      { jobId: 'report-schedule-3' },
      { connectionId: connection },
    );
    await roleless.control.revoke(EMPTY_SELLER.sellingPartnerId, SIM_APP.clientId);
    expect(await otherService.runToCompletion(report.id)).toMatchObject({
      status: 'failed',
      failureCode: 'NEEDS_REAUTHORIZATION',
    });
    expect(otherKit.reauthorized).toEqual([connection]);
    const last = (await auditRows()).at(-1);
    expect(last).toMatchObject({ action: 'data.export', outcome: 'denied', target_id: report.id });
    otherKit.vaultKit.close();
  });
});
