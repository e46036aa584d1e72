import express, { Router, type RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/error-handler.js';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';

const testLogger = createLogger({ transports: [new CaptureTransport()] });
import { requestId } from '../http/request-id.js';
import type { RouteAccess } from './route-access.js';
import { UndeclaredRouteError, assertEveryRouteDeclared } from './route-inventory.js';
import { createSecureRouter, declareMiddleware, declarePublicHandler } from './secure-router.js';

const ok: RequestHandler = (_req, res) => {
  res.json({ ok: true });
};

/** A well-formed app: everything declared. */
function declaredApp(): express.Express {
  const app = express();
  app.use(declareMiddleware(requestId));
  const api = createSecureRouter()
    .get('/orders', { action: 'read', subject: 'Order' }, ok)
    .post('/orders/:orderId/reveal', { action: 'reveal', subject: 'Order' }, ok)
    .delete('/users/:userId', { action: 'delete', subject: 'User' }, ok);
  const nested = createSecureRouter().get('/keys', { action: 'read', subject: 'Key' }, ok);
  api.router.use('/admin', nested.router);
  app.use('/api', api.router);
  app.use(
    createSecureRouter().get('/healthz', 'public', ok).get('/me', 'authenticated', ok).router,
  );
  app.use('/portal', declarePublicHandler(express.static('/nonexistent')));
  app.use(declareMiddleware(notFound));
  app.use(errorHandler(testLogger));
  return app;
}

function problemsOf(app: express.Express): readonly string[] {
  try {
    assertEveryRouteDeclared(app);
  } catch (error) {
    if (error instanceof UndeclaredRouteError) return error.problems;
    throw error;
  }
  return [];
}

describe('start-up check: every route declares its permission', () => {
  it('lists every endpoint with its full path and declared access', () => {
    const inventory = assertEveryRouteDeclared(declaredApp());
    expect(inventory.map((e) => `${e.method} ${e.path}`)).toEqual([
      'get /api/orders',
      'post /api/orders/:orderId/reveal',
      'delete /api/users/:userId',
      'get /api/admin/keys',
      'get /healthz',
      'get /me',
      'use /portal',
    ]);
    expect(inventory[1]?.access).toEqual({ action: 'reveal', subject: 'Order' });
    expect(inventory[4]?.access).toBe('public');
  });

  it('refuses to build an app with one undeclared route', () => {
    const app = declaredApp();
    app.get('/undeclared', ok);
    expect(() => assertEveryRouteDeclared(app)).toThrow(UndeclaredRouteError);
    expect(problemsOf(app)).toEqual([
      'GET /undeclared has no declared permission (first handler is not a guard)',
    ]);
  });

  it('finds an undeclared route inside a nested router, with its full path', () => {
    const app = express();
    const inner = Router();
    inner.patch('/settings', ok);
    const outer = createSecureRouter().get('/fine', 'authenticated', ok);
    outer.router.use('/org', inner);
    app.use('/api', outer.router);
    expect(problemsOf(app)).toEqual([
      'PATCH /api/org/settings has no declared permission (first handler is not a guard)',
    ]);
  });

  it('finds a route added to a secure router behind the helper', () => {
    const secure = createSecureRouter().get('/a', 'public', ok);
    secure.router.post('/a', ok);
    const app = express();
    app.use(secure.router);
    expect(problemsOf(app)).toEqual([
      'POST /a has no declared permission (first handler is not a guard)',
    ]);
  });

  it('refuses a guard copied onto another route', () => {
    const secure = createSecureRouter().get('/orders', { action: 'read', subject: 'Order' }, ok);
    const guard = firstRouteHandler(secure.router);
    secure.router.delete('/orders', guard, ok);
    secure.router.get('/other', guard, ok);
    const app = express();
    app.use(secure.router);
    expect(problemsOf(app)).toEqual([
      'DELETE /orders starts with the guard of GET /orders',
      'GET /other starts with the guard of GET /orders',
    ]);
  });

  it('refuses a handler that runs before the guard', () => {
    const secure = createSecureRouter();
    const app = express();
    secure.router.get(
      '/x',
      ok,
      firstRouteHandler(createSecureRouter().get('/x', 'public', ok).router),
    );
    app.use(secure.router);
    expect(problemsOf(app)).toEqual([
      'GET /x has no declared permission (first handler is not a guard)',
    ]);
  });

  it('refuses undeclared middleware, mounted apps, .all() routes and param callbacks', () => {
    const app = express();
    app.use(function answersEverything(_req, res) {
      res.send('hi');
    });
    app.use('/legacy', express());
    const router = Router();
    router.all('/anything', ok);
    router.param('orderId', (_req, _res, next) => {
      next();
    });
    app.use('/r', router);
    app.use(errorHandler(testLogger));
    expect(problemsOf(app)).toEqual([
      '"answersEverything" at / is neither declared middleware nor a declared route',
      'an Express application is mounted at /legacy: mount a Router instead',
      'router.param() callbacks at /r: resolve resources in the guard',
      'ALL /r/anything: .all() routes cannot declare one permission per method',
    ]);
  });

  it('refuses array and RegExp paths', () => {
    const app = express();
    app.get(['/a', '/b'], ok);
    app.get(/^\/re$/, ok);
    expect(problemsOf(app)).toHaveLength(2);
  });

  it('refuses a route path that does not start with a slash', () => {
    expect(() => createSecureRouter().get('orders', 'public', ok)).toThrow(TypeError);
  });

  it('accepts only meaningful (action, subject) pairs, and resolve or scope, at compile time', () => {
    // @ts-expect-error keys are never revealed: not a declared pair
    const reveal: RouteAccess = { action: 'reveal', subject: 'Key' };
    const both: RouteAccess = {
      action: 'read',
      subject: 'Order',
      scope: 'self',
      // @ts-expect-error a route names one resource (resolve) or a scope, not both
      resolve: () => undefined,
    };
    // @ts-expect-error there is no `manage`
    const manage: RouteAccess = { action: 'manage', subject: 'User' };
    expect([reveal, both, manage]).toHaveLength(3);
  });

  it('accepts an app with no routes', () => {
    expect(assertEveryRouteDeclared(express())).toEqual([]);
  });
});

/** The first handler of the first route of a router (Express internals, for these tests only). */
function firstRouteHandler(router: Router): RequestHandler {
  const layer = router.stack[0] as unknown as { route: { stack: { handle: RequestHandler }[] } };
  const handle = layer.route.stack[0]?.handle;
  if (handle === undefined) throw new Error('no route');
  return handle;
}
