/** `/api/orders` in the OpenAPI description: one `register` call per route. */
import {
  orderDetailSchema,
  orderIdParamsSchema,
  orderListQuerySchema,
  orderListResponseSchema,
  orderSearchBodySchema,
  revealRequestSchema,
  revealResponseSchema,
} from '@spapi/shared';
import type { OpenApiRegistry } from '../http/openapi-registry.js';

const tag = 'Orders';

export function registerOrderOpenApi(registry: OpenApiRegistry): void {
  registry.register({
    method: 'get',
    path: '/api/orders',
    tag,
    summary: 'List orders (plain facts, never PII)',
    description:
      'Newest purchase first, keyset pagination (pass nextCursor as cursor). Filters: status, ' +
      'marketplace, purchase date range; exact search by Amazon order id.',
    query: orderListQuerySchema,
    responses: { 200: { description: 'A page of orders', body: orderListResponseSchema } },
  });
  registry.register({
    method: 'post',
    path: '/api/orders/search',
    tag,
    summary: 'Find orders by exact postal code',
    description:
      'Through the blind index. A match confirms a buyer’s postal code, so this needs the reveal ' +
      'permission and is audited (pii.reveal, use postal-code-search). A body, so the code never ' +
      'appears in a URL.',
    body: orderSearchBodySchema,
    responses: { 200: { description: 'A page of matching orders', body: orderListResponseSchema } },
  });
  registry.register({
    method: 'get',
    path: '/api/orders/:orderId',
    tag,
    summary: 'One order with its items (plain facts, never PII)',
    params: orderIdParamsSchema,
    responses: { 200: { description: 'The order', body: orderDetailSchema } },
  });
  registry.register({
    method: 'post',
    path: '/api/orders/:orderId/reveal',
    tag,
    summary: 'Reveal buyer PII for fulfilment',
    description:
      'Needs reveal Order.<field> for every field asked, and a reason code (reason other needs a ' +
      'reference). Audited as pii.reveal (fields, reason, reference; never values). Show the ' +
      'values until expiresAt, then hide them. 410 RETENTION_EXPIRED: retention removed the ' +
      'PII; 409 CONFLICT: the order holds none.',
    params: orderIdParamsSchema,
    body: revealRequestSchema,
    responses: {
      200: {
        description: 'The asked fields, until expiresAt',
        body: revealResponseSchema,
        headers: { 'Cache-Control': 'no-store' },
      },
    },
    errors: ['RETENTION_EXPIRED', 'CONFLICT'],
  });
}
