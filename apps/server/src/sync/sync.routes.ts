/**
 * `/api/sync/*`: sync status per connection, a manual "sync now", a connection's recent runs,
 * and live progress over Server-Sent Events. Ids, counts, codes and Amazon request ids only.
 */
import type { Request, Response } from 'express';
import { AppError, ErrorCode, parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import type { SyncService } from './sync.service.js';
import { syncConnectionParamsSchema, syncRunsQuerySchema } from './sync.schema.js';
import type { SyncProgressEvent } from './sync-events.js';

/** A comment line every so often keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT_MS = 15_000;
/**
 * A stream ends after this long; the browser's EventSource reconnects (`retry:`), and the new
 * request is authenticated again, so a revoked session or a deactivated user stops receiving
 * within this bound.
 */
export const SSE_MAX_LIFETIME_MS = 10 * 60_000;
/** Open streams per organization (tabs, desktop windows); more answer 429. */
export const SSE_MAX_STREAMS_PER_ORGANIZATION = 25;

function organizationOf(req: Request): string {
  const { organizationId } = requirePrincipal(req);
  if (organizationId === null) throw new AppError(ErrorCode.FORBIDDEN);
  return organizationId;
}

function streamEvents(service: SyncService, req: Request, res: Response): void {
  const organizationId = organizationOf(req);
  if (service.subscribers(organizationId) >= SSE_MAX_STREAMS_PER_ORGANIZATION) {
    throw new AppError(ErrorCode.RATE_LIMITED, { message: 'Too many open progress streams' });
  }
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
  res.write('retry: 5000\n\n');
  const send = (event: SyncProgressEvent): void => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const unsubscribe = service.subscribe(organizationId, send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
  heartbeat.unref();
  const lifetime = setTimeout(() => res.end(), SSE_MAX_LIFETIME_MS);
  lifetime.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe();
  });
}

/** Mount at `/api/sync`. */
export function createSyncRoutes(service: SyncService): SecureRouter {
  const routes = createSecureRouter();
  const connection = (req: Request) =>
    service.accessScope(parseOrThrow(syncConnectionParamsSchema, req.params).connectionId);

  routes.get('/', { action: 'read', subject: 'SyncJob' }, async (req, res) => {
    res.json({ connections: await service.status(organizationOf(req)) });
  });

  routes.get('/runs', { action: 'read', subject: 'SyncJob' }, async (req, res) => {
    const query = parseOrThrow(syncRunsQuerySchema, req.query);
    res.json({ runs: await service.runs(organizationOf(req), query.connectionId, query.limit) });
  });

  routes.post(
    '/:connectionId',
    { action: 'trigger', subject: 'SyncJob', resolve: connection },
    async (req, res) => {
      const { connectionId } = parseOrThrow(syncConnectionParamsSchema, req.params);
      const result = await service.trigger(connectionId);
      res.status(202).json({ connectionId, result });
    },
  );

  routes.get('/events', { action: 'read', subject: 'SyncJob' }, (req, res) => {
    streamEvents(service, req, res);
  });

  return routes;
}
