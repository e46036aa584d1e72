/**
 * `/api/amazon/*`: seller authorization. The owner starts a consent round trip
 * (`POST /authorize` → the Seller Central URL to open); Amazon sends the browser back to
 * `GET /callback`, which answers with a redirect to the portal, never with data; connections
 * are listed, updated and disconnected under `/connections`.
 */
import type { Request, Response } from 'express';
import { isAppError, parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import {
  authorizeBodySchema,
  callbackErrorQuerySchema,
  callbackQuerySchema,
  connectionIdParamsSchema,
  connectionUpdateBodySchema,
} from './connection.schema.js';
import type { ConnectionService } from './connection.service.js';

function requestOf(res: Response) {
  const requestId: unknown = res.locals.requestId;
  return { requestId: typeof requestId === 'string' ? requestId : null };
}

/** Mount at `/api/amazon`. `portalUrl`: where the callback sends the browser afterwards. */
export function createConnectionRoutes(
  service: ConnectionService,
  portalUrl: string,
): SecureRouter {
  const routes = createSecureRouter();

  const connection = (req: Request) =>
    service.accessScope(parseOrThrow(connectionIdParamsSchema, req.params).connectionId);

  routes.get('/connections', { action: 'read', subject: 'AmazonConnection' }, async (req, res) => {
    res.json({ connections: await service.list(requirePrincipal(req)) });
  });

  routes.post('/authorize', { action: 'create', subject: 'AmazonConnection' }, async (req, res) => {
    const { region } = parseOrThrow(authorizeBodySchema, req.body);
    const started = await service.startAuthorization(requirePrincipal(req), region, requestOf(res));
    res.setHeader('cache-control', 'no-store');
    res.status(201).json(started);
  });

  // Public: Amazon's redirect arrives without our SameSite=Strict cookie; the single-use state
  // is the credential. Malformed input is a 400; every other outcome sends the browser back to
  // the portal with a result code (and no-referrer, so the code and state go nowhere else).
  routes.get('/callback', 'public', async (req, res) => {
    const target = new URL('/connections', portalUrl);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    if (req.query.error !== undefined) {
      const { state } = parseOrThrow(callbackErrorQuerySchema, req.query);
      await service.cancelAuthorization(state, requestOf(res));
      target.searchParams.set('result', 'cancelled');
      res.redirect(303, target.toString());
      return;
    }
    const query = parseOrThrow(callbackQuerySchema, req.query);
    try {
      await service.completeAuthorization(
        {
          state: query.state,
          sellingPartnerId: query.selling_partner_id,
          code: query.spapi_oauth_code,
        },
        requestOf(res),
      );
      target.searchParams.set('result', 'connected');
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      target.searchParams.set('result', 'error');
      target.searchParams.set('code', error.code);
    }
    res.redirect(303, target.toString());
  });

  routes.patch(
    '/connections/:connectionId',
    { action: 'update', subject: 'AmazonConnection', resolve: connection },
    async (req, res) => {
      const { connectionId } = parseOrThrow(connectionIdParamsSchema, req.params);
      const changes = parseOrThrow(connectionUpdateBodySchema, req.body);
      res.json(await service.update(requirePrincipal(req), connectionId, changes, requestOf(res)));
    },
  );

  routes.delete(
    '/connections/:connectionId',
    { action: 'delete', subject: 'AmazonConnection', resolve: connection },
    async (req, res) => {
      const { connectionId } = parseOrThrow(connectionIdParamsSchema, req.params);
      await service.disconnect(requirePrincipal(req), connectionId, requestOf(res));
      res.status(204).end();
    },
  );

  return routes;
}
