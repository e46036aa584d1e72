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

function organizationOf(req: Request): string {
  const { organizationId } = requirePrincipal(req);
  if (organizationId === null) throw new AppError(ErrorCode.FORBIDDEN);
  return organizationId;
}

function streamEvents(service: SyncService, req: Request, res: Response): void {
  const organizationId = organizationOf(req);
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
  req.on('close', () => {
    clearInterval(heartbeat);
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
