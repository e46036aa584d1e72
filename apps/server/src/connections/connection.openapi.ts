/**
 * `/api/amazon` (seller authorization) in the OpenAPI description: one `register` call per
 * route of `connection.routes.ts`, with its input schemas and the shared response contracts.
 */
import {
  authorizeResponseSchema,
  connectionListResponseSchema,
  connectionViewSchema,
} from '@spapi/shared';
import type { OpenApiRegistry } from '../http/openapi-registry.js';
import {
  authorizeBodySchema,
  callbackQuerySchema,
  connectionIdParamsSchema,
  connectionUpdateBodySchema,
} from './connection.schema.js';

const tag = 'Amazon connections';

export function registerConnectionOpenApi(registry: OpenApiRegistry): void {
  registry.register({
    method: 'get',
    path: '/api/amazon/connections',
    tag,
    summary: 'The organization’s Amazon connections and their health',
    responses: { 200: { description: 'Connections', body: connectionListResponseSchema } },
  });
  registry.register({
    method: 'post',
    path: '/api/amazon/authorize',
    tag,
    summary: 'Start a seller authorization (consent round trip)',
    description:
      'Returns the Seller Central consent URL to open. Sets a Secure, HttpOnly consent cookie ' +
      'scoped to the callback, binding the round trip to this browser.',
    body: authorizeBodySchema,
    responses: {
      201: {
        description: 'Open consentUrl before expiresAt',
        body: authorizeResponseSchema,
        headers: { 'Set-Cookie': 'the consent cookie', 'Cache-Control': 'no-store' },
      },
    },
    errors: ['SERVICE_UNAVAILABLE'],
  });
  registry.register({
    method: 'get',
    path: '/api/amazon/callback',
    tag,
    summary: 'Where Amazon sends the browser back after consent',
    description:
      'Always a 303 to <PUBLIC_URL>/connections?result=connected|cancelled|error[&code=…]. ' +
      'On cancel Amazon sends error=access_denied with the state instead of the code.',
    query: callbackQuerySchema,
    responses: {
      303: {
        description: 'Back to the portal',
        headers: { Location: 'the portal’s connections page', 'Referrer-Policy': 'no-referrer' },
      },
    },
  });
  registry.register({
    method: 'patch',
    path: '/api/amazon/connections/:connectionId',
    tag,
    summary: 'Change marketplaces or the Orders API version of a connection',
    params: connectionIdParamsSchema,
    body: connectionUpdateBodySchema,
    responses: { 200: { description: 'The updated connection', body: connectionViewSchema } },
  });
  registry.register({
    method: 'delete',
    path: '/api/amazon/connections/:connectionId',
    tag,
    summary: 'Disconnect (the refresh token is deleted)',
    params: connectionIdParamsSchema,
    responses: { 204: { description: 'Disconnected' } },
  });
}
