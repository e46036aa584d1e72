/**
 * The only way to add a route: every route declares its access, and the first handler of every
 * route is a guard that enforces it. `assertEveryRouteDeclared` (route-inventory.ts) walks the
 * Express router at start-up and refuses any route whose first handler is not such a guard.
 *
 * ```ts
 * const orders = createSecureRouter();
 * orders.get('/orders', { action: 'read', subject: 'Order' }, listOrders);
 * orders.post('/orders/:orderId/reveal', {
 *   action: 'reveal', subject: 'Order',
 *   resolve: (req, principal) => ordersRepo.findScope(req.params.orderId, principal),
 * }, revealOrder);
 * app.use('/api', orders.router);
 * ```
 */
import { Router, type RequestHandler } from 'express';
import { enforceRouteAccess, type RouteAccess } from './route-access.js';

export const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export interface RouteDeclaration {
  readonly method: RouteMethod;
  /** As given to the router (relative to where the router is mounted). */
  readonly path: string;
  readonly access: RouteAccess;
}

const guards = new WeakMap<object, RouteDeclaration>();
const middlewares = new WeakSet<object>();
const publicHandlers = new WeakSet<object>();

/** The declaration behind a guard, or undefined for any other function. */
export function declarationOfGuard(handler: unknown): RouteDeclaration | undefined {
  return typeof handler === 'function' ? guards.get(handler) : undefined;
}

export function isDeclaredMiddleware(handler: unknown): boolean {
  return typeof handler === 'function' && middlewares.has(handler);
}

export function isDeclaredPublicHandler(handler: unknown): boolean {
  return typeof handler === 'function' && publicHandlers.has(handler);
}

/**
 * Marks an `app.use` function as middleware: it prepares, limits or rejects requests but is not
 * an endpoint (request id, helmet, body parser, authentication, CSRF, rate limits, not-found).
 * Error handlers (four parameters) need no mark. Returns the same function.
 */
export function declareMiddleware<H extends RequestHandler>(handler: H): H {
  middlewares.add(handler);
  return handler;
}

/**
 * Marks an `app.use` function that answers requests itself without a route, publicly: the
 * portal's static files and its index fallback. Listed in the inventory as `USE <mount>`.
 */
export function declarePublicHandler<H extends RequestHandler>(handler: H): H {
  publicHandlers.add(handler);
  return handler;
}

function createGuard(declaration: RouteDeclaration): RequestHandler {
  const guard: RequestHandler = async (req, _res, next) => {
    await enforceRouteAccess(declaration.access, req);
    next();
  };
  guards.set(guard, declaration);
  return guard;
}

type AddRoute = (
  path: string,
  access: RouteAccess,
  handler: RequestHandler,
  ...more: RequestHandler[]
) => SecureRouter;

export interface SecureRouter {
  /** Mount this with `app.use(prefix, secure.router)`; add middleware with `declareMiddleware`. */
  readonly router: Router;
  readonly get: AddRoute;
  readonly post: AddRoute;
  readonly put: AddRoute;
  readonly patch: AddRoute;
  readonly delete: AddRoute;
}

/** A router whose routes can only be added with a declared access. */
export function createSecureRouter(): SecureRouter {
  const router = Router();
  const add =
    (method: RouteMethod): AddRoute =>
    (path, access, ...handlers) => {
      if (!path.startsWith('/')) throw new TypeError('A route path starts with "/"');
      router[method](path, createGuard({ method, path, access }), ...handlers);
      return secure;
    };
  const secure: SecureRouter = {
    router,
    get: add('get'),
    post: add('post'),
    put: add('put'),
    patch: add('patch'),
    delete: add('delete'),
  };
  return secure;
}
