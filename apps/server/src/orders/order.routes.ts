/**
 * `/api/orders`: the list (plain facts), one order, the exact postal-code search and the PII
 * reveal. Routers validate with the shared contracts, call a use case, and answer; errors go to
 * the error handler as codes.
 */
import type { Request, Response } from 'express';
import { parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import {
  orderIdParamsSchema,
  orderListQuerySchema,
  orderSearchBodySchema,
  revealRequestSchema,
} from './order.schema.js';
import type { OrderReadService } from './order-read.service.js';
import type { RevealService } from './reveal.service.js';

function requestOf(res: Response) {
  const requestId: unknown = res.locals.requestId;
  return { requestId: typeof requestId === 'string' ? requestId : null };
}

const orderIdOf = (req: Request) => parseOrThrow(orderIdParamsSchema, req.params).orderId;

/** Mount at `/api/orders`. */
export function createOrderRoutes(reads: OrderReadService, reveals: RevealService): SecureRouter {
  const routes = createSecureRouter();
  // The guard's lookup: an order of the caller's organization, else 404 (another
  // organization's order is indistinguishable from one that does not exist).
  const order = (req: Request, principal: Parameters<OrderReadService['scopeOf']>[0]) =>
    reads.scopeOf(principal, orderIdOf(req));

  routes.get('/', { action: 'read', subject: 'Order' }, async (req, res) => {
    const query = parseOrThrow(orderListQuerySchema, req.query);
    res.json(await reads.list(requirePrincipal(req), query));
  });

  routes.post('/search', { action: 'reveal', subject: 'Order' }, async (req, res) => {
    const body = parseOrThrow(orderSearchBodySchema, req.body);
    res.json(await reads.searchByPostalCode(requirePrincipal(req), body, requestOf(res)));
  });

  routes.get(
    '/:orderId',
    { action: 'read', subject: 'Order', resolve: order },
    async (req, res) => {
      res.json(await reads.detail(requirePrincipal(req), orderIdOf(req)));
    },
  );

  routes.post(
    '/:orderId/reveal',
    { action: 'reveal', subject: 'Order', resolve: order },
    async (req, res) => {
      const body = parseOrThrow(revealRequestSchema, req.body);
      const answer = await reveals.reveal(
        requirePrincipal(req),
        orderIdOf(req),
        body,
        requestOf(res),
      );
      res.setHeader('cache-control', 'no-store');
      res.setHeader('pragma', 'no-cache');
      res.json(answer);
    },
  );

  return routes;
}
