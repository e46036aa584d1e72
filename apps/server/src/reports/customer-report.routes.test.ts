/**
 * The `/api/reports` router over HTTP on a small app wired as the server wires it (request id,
 * principal binding, JSON bodies, the secure router, the one error handler), against the
 * simulator on both dialects: owners and operators request and reveal, viewers read plain facts
 * and get 403 on reveal, another organization gets 404.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import {
  assertEveryRouteDeclared,
  bindPrincipal,
  declareMiddleware,
  fieldsOf,
  isRole,
  type InventoryEntry,
  type Principal,
} from '../access/index.js';
import { ready } from '../crypto/index.js';
import { errorHandler, notFound } from '../http/error-handler.js';
import { buildOpenApiDocument } from '../http/openapi-document.js';
import { createOpenApiRegistry } from '../http/openapi-registry.js';
import { requestId } from '../http/request-id.js';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';
import { accessHarness, type AccessHarness } from '../spapi/testing/access-harness.js';
import { simControl, type SimControl } from '../spapi/testing/sim-control.js';
import { SIM_APP, testRefreshTokens, type TestRefreshTokens } from '../spapi/testing/sim-world.js';
import { registerCustomerReportOpenApi } from './customer-report.openapi.js';
import { createCustomerReportRoutes } from './customer-report.routes.js';
import {
  reportListResponseSchema,
  reportRevealResponseSchema,
  reportViewSchema,
} from './customer-report.schema.js';
import type { CustomerReportService } from './customer-report.service.js';
import {
  REPORT_SELLER,
  connectTestSeller,
  reportKit,
  reportSimWorld,
  type ReportKit,
} from './testing/report-world.js';

let sim: RunningSimulator;
let h: AccessHarness;
let refreshTokens: TestRefreshTokens;
let control: SimControl;

beforeAll(async () => {
  await ready();
  sim = await startSimulator(reportSimWorld(SIM_APP.restrictedRoles));
  refreshTokens = testRefreshTokens();
  h = accessHarness(sim.urls, refreshTokens);
  control = simControl(sim.urls.control);
  const plan = { operationId: '*', rate: 100, burst: 100 };
  await control.setRate(REPORT_SELLER.sellingPartnerId, plan);
}, 30_000);

afterAll(async () => {
  await sim.stop();
});

const PLAIN_FIELDS: readonly string[] = fieldsOf('Report', 'plain');

forEachDialect((t) => {
  let kit: ReportKit;
  let service: CustomerReportService;
  let organizationId: string;
  let connectionId: string;
  let server: Server;
  let baseUrl: string;
  const requested: string[] = [];
  /** Buyer names and streets the reveal returned: none may show in a log line. */
  const revealedPii: string[] = [];
  const capture = new CaptureTransport();
  let inventory: readonly InventoryEntry[] = [];

  function buildApp(): express.Express {
    const app = express();
    app.use(declareMiddleware(requestId));
    app.use(
      declareMiddleware((req, _res, next) => {
        const role = req.get('x-test-role');
        const org = req.get('x-test-org') ?? organizationId;
        if (isRole(role)) {
          const principal: Principal =
            role === 'owner' || role === 'operator' || role === 'viewer'
              ? { userId: `user-${role}`, role, organizationId: org }
              : { userId: `user-${role}`, role, organizationId: null };
          bindPrincipal(req, principal);
        }
        next();
      }),
    );
    app.use(declareMiddleware(express.json()));
    app.use('/api/reports', createCustomerReportRoutes(service, (id) => requested.push(id)).router);
    app.use(declareMiddleware(notFound));
    app.use(errorHandler(createLogger({ transports: [capture] })));
    inventory = assertEveryRouteDeclared(app);
    return app;
  }

  beforeAll(async () => {
    kit = reportKit(t.db(), h);
    service = kit.service();
    organizationId = await kit.vaultKit.organization();
    connectionId = await connectTestSeller(
      t.db(),
      sim.urls,
      h,
      refreshTokens,
      organizationId,
      REPORT_SELLER,
    );
    server = createServer(buildApp()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  }, 30_000);

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    kit.vaultKit.close();
  });

  async function call(
    method: 'GET' | 'POST',
    path: string,
    role: string,
    body?: unknown,
    org?: string,
  ) {
    const headers: Record<string, string> = { 'x-test-role': role };
    if (org !== undefined) headers['x-test-org'] = org;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/reports${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return {
      status: res.status,
      body: json,
      cacheControl: res.headers.get('cache-control'),
      pragma: res.headers.get('pragma'),
    };
  }

  it('owner requests; viewer reads plain facts, cannot request or reveal; operator reveals', async () => {
    expect((await call('POST', '/', 'viewer', { connectionId })).status).toBe(403);
    const created = await call('POST', '/', 'owner', { connectionId });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'in-queue', organizationId });
    expect(reportViewSchema.parse(created.body)).toEqual(created.body);
    expect(Object.keys(created.body).every((key) => PLAIN_FIELDS.includes(key))).toBe(true);
    const id = String(created.body.id);
    expect(requested).toEqual([id]);

    await control.advanceClock(10);
    await service.runToCompletion(id);

    const listed = await call('GET', '/', 'viewer');
    expect(listed.status).toBe(200);
    expect(listed.body.reports).toEqual([expect.objectContaining({ id, status: 'done' })]);
    expect(reportListResponseSchema.parse(listed.body)).toEqual(listed.body);
    const one = await call('GET', `/${id}`, 'viewer');
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('document');
    const rowCount = Number(one.body.rowCount);
    expect(rowCount).toBeGreaterThan(0);

    const denied = await call('POST', `/${id}/reveal`, 'viewer', { reason: 'print-label' });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);

    const revealed = await call('POST', `/${id}/reveal`, 'operator', { reason: 'print-label' });
    expect(revealed.status).toBe(200);
    expect(revealed.cacheControl).toBe('no-store');
    expect(revealed.pragma).toBe('no-cache');
    expect(revealed.body.rows).toHaveLength(rowCount);
    expect(reportRevealResponseSchema.parse(revealed.body)).toEqual(revealed.body);
    for (const row of revealed.body.rows as Record<string, unknown>[]) {
      revealedPii.push(String(row.buyerName), String(row.shipAddress1));
    }
    expect(Number(revealed.body.expiresAt)).toBeGreaterThan(Number(revealed.body.revealedAt));
    const byOwner = await call('POST', `/${id}/reveal`, 'owner', {
      reason: 'other',
      reference: 'RMA-4411',
    });
    expect(byOwner.status).toBe(200);

    const reveals = await t
      .db()
      .selectFrom('audit_entries')
      .select(['actor_id', 'outcome', 'reason_code'])
      .where('action', '=', 'pii.reveal')
      .orderBy('seq')
      .execute();
    // The viewer is stopped by the route guard (the app's access-denial recorder audits that).
    expect(reveals).toEqual([
      { actor_id: 'user-operator', outcome: 'success', reason_code: null },
      { actor_id: 'user-owner', outcome: 'success', reason_code: null },
    ]);
  });

  it('bad input is a 400; another organization and staff get 404 / 403; nothing leaks', async () => {
    const [report] = await service.list({ userId: 'u', role: 'owner', organizationId });
    const id = report?.id ?? '';
    const noReason = await call('POST', `/${id}/reveal`, 'owner', {});
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const otherWithout = await call('POST', `/${id}/reveal`, 'owner', { reason: 'other' });
    expect(otherWithout.status).toBe(400);
    const personal = await call('POST', `/${id}/reveal`, 'owner', {
      reason: 'other',
      reference: 'jane@example.com',
    });
    expect(personal.status).toBe(400);
    expect((await call('GET', '/not-a-uuid', 'owner')).status).toBe(400);
    expect((await call('POST', '/', 'owner', { connectionId, extra: 1 })).status).toBe(400);

    const stranger = 'another-organization';
    expect((await call('GET', `/${id}`, 'owner', undefined, stranger)).status).toBe(404);
    const strangerReveal = await call(
      'POST',
      `/${id}/reveal`,
      'owner',
      { reason: 'returns' },
      stranger,
    );
    expect(strangerReveal.status).toBe(404);
    expect((await call('GET', '/', 'support')).status).toBe(403);
    expect(
      (await call('POST', `/${id}/reveal`, 'platform-admin', { reason: 'returns' })).status,
    ).toBe(403);

    const logs = `${capture.lines().join('\n')}\n${kit.logger.text()}\n${h.logger.text()}`;
    expect(revealedPii.length).toBeGreaterThan(0);
    for (const text of revealedPii) expect(logs).not.toContain(text);
  });

  it('the OpenAPI registration describes every route of the router', () => {
    const registry = createOpenApiRegistry();
    registerCustomerReportOpenApi(registry);
    const doc = buildOpenApiDocument(registry, { title: 't', version: '1', inventory });
    expect(Object.keys(doc.paths as object).sort()).toEqual([
      '/api/reports',
      '/api/reports/{reportId}',
      '/api/reports/{reportId}/reveal',
    ]);
    expect(registry.operations()).toHaveLength(inventory.length);
  });
});
