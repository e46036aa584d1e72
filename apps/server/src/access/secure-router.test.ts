/**
 * Every route × every role over real HTTP, on a small app wired the way the server's app
 * builder wires the real one. The lead's suite does the same on the real app with signed-in
 * accounts; this one binds fixture principals from a test header.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/error-handler.js';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';
import { requestId } from '../http/request-id.js';
import { bindPrincipal } from './request-principal.js';
import { accessDecisionOf } from './route-access.js';
import { assertEveryRouteDeclared, type InventoryEntry } from './route-inventory.js';
import { ALL_ROLES, isRole, type Role } from './roles.js';
import { createSecureRouter, declareMiddleware } from './secure-router.js';
import type { SubjectAttributes, SubjectName } from './subjects.js';
import { ORG_A, ORG_B, PRINCIPALS } from './testing/principals.js';
import { expectedOutcome, expectedStatus, fillPath } from './testing/route-cases.js';

const ORDERS: Readonly<Record<string, SubjectAttributes['Order']>> = {
  'order-a': { organizationId: ORG_A },
  'order-b': { organizationId: ORG_B },
};

/** Per path pattern: the requests to make, and the resource each one targets. */
interface Target {
  readonly params: Readonly<Record<string, string>>;
  readonly resource?: SubjectAttributes[SubjectName];
}
const TARGETS: Readonly<Record<string, readonly Target[]>> = {
  '/api/orders/:orderId/reveal': [
    { params: { orderId: 'order-a' }, resource: { organizationId: ORG_A } },
    { params: { orderId: 'order-b' }, resource: { organizationId: ORG_B } },
    { params: { orderId: 'order-missing' } },
  ],
  '/api/support/organizations/:organizationId': [
    { params: { organizationId: ORG_A }, resource: { id: ORG_A } },
    { params: { organizationId: ORG_B }, resource: { id: ORG_B } },
  ],
};

const ok: RequestHandler = (_req, res) => {
  res.json({ ok: true });
};

const testAuthentication = declareMiddleware((req, _res, next) => {
  const role = req.get('x-test-role');
  if (isRole(role)) bindPrincipal(req, PRINCIPALS[role]);
  next();
});

const handleError = errorHandler(createLogger({ transports: [new CaptureTransport()] }));
const decisions: string[] = [];
function recordDecision(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const decision = accessDecisionOf(req);
  if (decision !== undefined && !decision.outcome.allowed)
    decisions.push(`${decision.access} ${decision.outcome.code}`);
  handleError(err, req, res, next);
}

function buildApp(): { app: express.Express; inventory: readonly InventoryEntry[] } {
  const app = express();
  app.use(declareMiddleware(requestId));
  app.use(testAuthentication);
  const api = createSecureRouter()
    .get('/me', 'authenticated', ok)
    .get('/orders', { action: 'read', subject: 'Order' }, ok)
    .post(
      '/orders/:orderId/reveal',
      {
        action: 'reveal',
        subject: 'Order',
        resolve: (req) => ORDERS[String(req.params.orderId)],
      },
      ok,
    )
    .post('/sync', { action: 'trigger', subject: 'SyncJob' }, ok)
    .get('/users', { action: 'read', subject: 'User' }, ok)
    .get('/sessions', { action: 'read', subject: 'Session' }, ok)
    .get('/me/sessions', { action: 'read', subject: 'Session', scope: 'self' }, ok)
    .get('/audit', { action: 'read', subject: 'AuditEntry' }, ok)
    .get(
      '/support/organizations/:organizationId',
      {
        action: 'read',
        subject: 'Organization',
        resolve: (req) => ({ id: String(req.params.organizationId) }),
      },
      ok,
    )
    .get('/support/crash-reports', { action: 'read', subject: 'CrashReport' }, ok)
    .post('/support/log-bundles', { action: 'create', subject: 'LogBundleRequest' }, ok)
    .post('/admin/keys/rotate', { action: 'rotate', subject: 'Key' }, ok)
    .post('/admin/audit/verify', { action: 'verify', subject: 'AuditEntry' }, ok);
  app.use('/api', api.router);
  app.use(createSecureRouter().get('/healthz', 'public', ok).router);
  app.use(declareMiddleware(notFound));
  app.use(recordDecision);
  return { app, inventory: assertEveryRouteDeclared(app) };
}

let server: Server;
let baseUrl: string;
let inventory: readonly InventoryEntry[];
beforeAll(async () => {
  const built = buildApp();
  inventory = built.inventory;
  server = createServer(built.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function call(method: string, path: string, role: Role | undefined) {
  const headers: Record<string, string> = role === undefined ? {} : { 'x-test-role': role };
  const res = await fetch(`${baseUrl}${path}`, { method: method.toUpperCase(), headers });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body, requestId: res.headers.get('x-request-id') };
}

describe('every route × every role, over HTTP', () => {
  it('has a target list for every route whose guard resolves a resource', () => {
    for (const entry of inventory) {
      if (entry.path.includes(':')) expect(TARGETS[entry.path], entry.path).toBeDefined();
    }
  });

  it('answers each request as the policy says', async () => {
    const failures: string[] = [];
    for (const entry of inventory)
      for (const target of TARGETS[entry.path] ?? [{ params: {} }])
        for (const role of [undefined, ...ALL_ROLES]) {
          const principal = role === undefined ? undefined : PRINCIPALS[role];
          const outcome = expectedOutcome(entry, principal, target.resource);
          const path = fillPath(entry.path, target.params);
          const { status, body, requestId: id } = await call(entry.method, path, role);
          const expectedBody = outcome.allowed
            ? { ok: true }
            : { code: outcome.code, requestId: id };
          if (
            status !== expectedStatus(outcome) ||
            JSON.stringify(body) !== JSON.stringify(expectedBody)
          )
            failures.push(
              `${role ?? 'anonymous'} ${entry.method} ${path}: ${status} ${JSON.stringify(body)}`,
            );
        }
    expect(failures).toEqual([]);
  });

  it.each([
    ['viewer', 'post', '/api/orders/order-a/reveal', 403],
    ['operator', 'post', '/api/orders/order-a/reveal', 200],
    ['owner', 'post', '/api/orders/order-a/reveal', 200],
    ['operator', 'post', '/api/orders/order-b/reveal', 404],
    ['operator', 'post', '/api/orders/order-missing/reveal', 404],
    ['support', 'post', '/api/orders/order-a/reveal', 403],
    ['support', 'get', '/api/orders', 403],
    ['platform-admin', 'get', '/api/orders', 403],
    ['support', 'get', '/api/support/organizations/org-b', 200],
    ['owner', 'get', '/api/support/organizations/org-b', 404],
    ['support', 'post', '/api/support/log-bundles', 200],
    ['owner', 'get', '/api/users', 200],
    ['operator', 'get', '/api/users', 403],
    ['operator', 'get', '/api/sessions', 403],
    ['operator', 'get', '/api/me/sessions', 200],
    ['support', 'get', '/api/me/sessions', 200],
    ['owner', 'get', '/api/sessions', 200],
    ['platform-admin', 'get', '/api/audit', 200],
    ['owner', 'get', '/api/audit', 200],
    ['operator', 'get', '/api/audit', 403],
    ['platform-admin', 'post', '/api/admin/keys/rotate', 200],
    ['owner', 'post', '/api/admin/keys/rotate', 403],
    [undefined, 'get', '/api/me', 401],
    [undefined, 'get', '/healthz', 200],
  ] as const)('%s %s %s → %i', async (role, method, path, status) => {
    expect((await call(method, path, role)).status).toBe(status);
  });

  it('records the denial for the audit trail', async () => {
    decisions.length = 0;
    await call('post', '/api/orders/order-b/reveal', 'operator');
    await call('get', '/api/users', 'viewer');
    expect(decisions).toEqual(['reveal Order NOT_FOUND', 'read User FORBIDDEN']);
  });
});
