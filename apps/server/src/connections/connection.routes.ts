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
import { tokenCookieOf } from '../identity/index.js';
import { STATE_TTL_MS, type ConnectionService } from './connection.service.js';

/** Holds the state of this browser's consent round trip (only sent to the callback). */
export const CONSENT_COOKIE = '__Secure-amzn-consent';
const CONSENT_COOKIE_ATTRIBUTES = 'Path=/api/amazon/callback; Secure; HttpOnly; SameSite=Lax';

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
    const { consentUrl, expiresAt, state } = await service.startAuthorization(
      requirePrincipal(req),
      region,
      requestOf(res),
    );
    // Binds the round trip to this browser. Lax, not Strict: it must come back with the
    // top-level navigation from Seller Central to the callback.
    res.append(
      'Set-Cookie',
      `${CONSENT_COOKIE}=${state}; ${CONSENT_COOKIE_ATTRIBUTES}; Max-Age=${String(STATE_TTL_MS / 1000)}`,
    );
    res.setHeader('cache-control', 'no-store');
    res.status(201).json({ consentUrl, expiresAt });
  });

  // Public: Amazon's redirect arrives without our SameSite=Strict cookie; the single-use state
  // is the credential. Malformed input is a 400; every other outcome sends the browser back to
  // the portal with a result code (and no-referrer, so the code and state go nowhere else).
  routes.get('/callback', 'public', async (req, res) => {
    const target = new URL('/connections', portalUrl);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    // Whatever the outcome, this round trip is over for this browser.
    res.append('Set-Cookie', `${CONSENT_COOKIE}=; ${CONSENT_COOKIE_ATTRIBUTES}; Max-Age=0`);
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
          browserState: tokenCookieOf(req, CONSENT_COOKIE),
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
