import express, { type Express, type Router } from 'express';
import {
  assertEveryRouteDeclared,
  createSecureRouter,
  declareMiddleware,
  recordAccessDenials,
  type AccessDenialRecorder,
} from './access/index.js';
import type { ServerConfig } from './config/index.js';
import type { Identity } from './identity/index.js';
import { registerConnectionOpenApi } from './connections/connection.openapi.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { applyHardening } from './http/hardening.js';
import { registerCustomerReportOpenApi } from './reports/index.js';
import { registerRetentionOpenApi } from './retention/index.js';
import { registerSyncOpenApi } from './sync/index.js';
import { createOpenApiRegistry, type OpenApiRegistry } from './http/openapi-registry.js';
import { createOpenApiRoutes } from './http/openapi.routes.js';
import { registerOrderOpenApi } from './orders/index.js';
import { requestId } from './http/request-id.js';
import { requestLogger, type Logger } from './logging/index.js';

export interface AppDeps {
  config: ServerConfig;
  logger: Logger;
  identity: Identity;
  /** Seller authorization routes (`/api/amazon`). */
  amazonRoutes: Router;
  /** Orders: list, detail, postal-code search, PII reveal (`/api/orders`). */
  orderRoutes: Router;
  /** Order sync: status, runs, sync now, live progress (`/api/sync`). */
  syncRoutes: Router;
  /** Customer-related reports: request, status, reveal (`/api/reports`). */
  reportRoutes: Router;
  /** Retention status (`/api/retention`). */
  retentionRoutes: Router;
  /** Where denied access attempts of signed-in principals are written (the audit trail). */
  recordDenial: AccessDenialRecorder;
}

/**
 * The OpenAPI description of the API (`GET /api/openapi.json`): each feature registers its
 * routes, one `register` call per route (see the README, "Orders API").
 */
export function describeApi(): OpenApiRegistry {
  const registry = createOpenApiRegistry();
  registerConnectionOpenApi(registry);
  registerOrderOpenApi(registry);
  registerSyncOpenApi(registry);
  registerCustomerReportOpenApi(registry);
  registerRetentionOpenApi(registry);
  return registry;
}

/**
 * Builds the server's Express app. Order: request id and logging first, then hardening
 * (headers, CORS, rate limits, JSON bodies), then identity (authentication, CSRF), then
 * routers, then the error handler. Every route
 * declares its permission; the app refuses to build otherwise.
 */
export function createApp({
  config,
  logger,
  identity,
  amazonRoutes,
  orderRoutes,
  syncRoutes,
  reportRoutes,
  retentionRoutes,
  recordDenial,
}: AppDeps): Express {
  const app = express();
  app.use(declareMiddleware(requestId));
  app.use(declareMiddleware(requestLogger(logger)));
  applyHardening(app, config, { logger });

  const health = createSecureRouter();
  health.get('/healthz', 'public', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(health.router);

  // Who is calling (session cookie or device token), then CSRF for cookie-authenticated writes.
  app.use(identity.authenticate);
  app.use(identity.csrf);
  app.use('/api/auth', identity.authRoutes);
  app.use('/api/devices', identity.deviceRoutes);
  app.use('/api/me', identity.accountRoutes);
  app.use('/api/users', identity.teamRoutes);
  app.use('/api/amazon', amazonRoutes);
  app.use('/api/orders', orderRoutes);
  app.use('/api/sync', syncRoutes);
  app.use('/api/reports', reportRoutes);
  app.use('/api/retention', retentionRoutes);
  const openapi = createOpenApiRoutes(describeApi(), {
    title: 'Parcel Desk server API',
    version: '0.1.0',
  });
  app.use('/api', openapi.routes.router);

  app.use(declareMiddleware(notFound));
  app.use(
    recordAccessDenials(recordDenial, (err) => {
      logger.error('access denial not audited', { err });
    }),
  );
  app.use(errorHandler(logger));
  openapi.publish(assertEveryRouteDeclared(app));
  return app;
}
