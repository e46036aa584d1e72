/**
 * The start-up check: walks the Express 5 router stack (nested routers included) and lists every
 * endpoint with its declared access, or throws if anything could answer a request without one.
 *
 * Refused, with one problem line each:
 * - a route whose first handler for a method is not a guard from `createSecureRouter`, or is a
 *   guard declared for another method or path (a copied guard);
 * - `.all()` routes, array or RegExp paths (declare each method and path);
 * - an `app.use` function that is neither a router, an error handler (four parameters), nor
 *   marked with `declareMiddleware` / `declarePublicHandler`;
 * - a mounted Express *application* (its routes cannot be inspected: mount a Router);
 * - `router.param()` callbacks (they would load data before the guard runs);
 * - anything whose shape is not what Express 5 builds (fail closed if Express changes).
 */
import type { Express } from 'express';
import type { RouteAccess } from './route-access.js';
import {
  declarationOfGuard,
  isDeclaredMiddleware,
  isDeclaredPublicHandler,
} from './secure-router.js';

export interface InventoryEntry {
  /** Lower-case HTTP method, or `use` for a declared public handler (any method, any sub-path). */
  readonly method: string;
  /** Full path pattern, mount prefixes included (`/api/orders/:orderId`). */
  readonly path: string;
  readonly access: RouteAccess;
}

export class UndeclaredRouteError extends Error {
  override readonly name = 'UndeclaredRouteError';
  constructor(readonly problems: readonly string[]) {
    super(`Routes without a declared permission:\n- ${problems.join('\n- ')}`);
  }
}

type Bag = Readonly<Record<string, unknown>>;

function isBag(value: unknown): value is Bag {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}${path === '/' ? '' : path}`;
  return joined === '' ? '/' : joined;
}

function nameOf(handle: unknown): string {
  return typeof handle === 'function' && handle.name !== '' ? handle.name : '<anonymous>';
}

interface Walk {
  readonly entries: InventoryEntry[];
  readonly problems: string[];
}

function walkRouter(router: unknown, prefix: string, walk: Walk): void {
  if (!isBag(router) || !Array.isArray(router.stack)) {
    walk.problems.push(`cannot inspect the router at ${prefix} (not an Express 5 router)`);
    return;
  }
  if (isBag(router.params) && Object.keys(router.params).length > 0) {
    walk.problems.push(`router.param() callbacks at ${prefix}: resolve resources in the guard`);
  }
  for (const layer of router.stack as unknown[]) walkLayer(layer, prefix, walk);
}

function walkLayer(layer: unknown, prefix: string, walk: Walk): void {
  if (!isBag(layer)) {
    walk.problems.push(`unreadable layer at ${prefix}`);
    return;
  }
  if (layer.route !== undefined) {
    walkRoute(layer.route, prefix, walk);
    return;
  }
  const { handle, rawPath } = layer;
  const mount = typeof rawPath === 'string' ? joinPath(prefix, rawPath) : undefined;
  if (typeof handle !== 'function') {
    walk.problems.push(`layer without a handler at ${prefix}`);
  } else if (mount === undefined) {
    walk.problems.push(`"${nameOf(handle)}" at ${prefix} is mounted on a non-string path`);
  } else if (Array.isArray((handle as unknown as Bag).stack)) {
    walkRouter(handle, mount, walk);
  } else if (handle.name === 'mounted_app') {
    walk.problems.push(`an Express application is mounted at ${mount}: mount a Router instead`);
  } else if (handle.length === 4 || isDeclaredMiddleware(handle)) {
    return;
  } else if (isDeclaredPublicHandler(handle)) {
    walk.entries.push({ method: 'use', path: mount, access: 'public' });
  } else {
    walk.problems.push(
      `"${nameOf(handle)}" at ${mount} is neither declared middleware nor a declared route`,
    );
  }
}

function walkRoute(route: unknown, prefix: string, walk: Walk): void {
  if (!isBag(route) || typeof route.path !== 'string' || !Array.isArray(route.stack)) {
    walk.problems.push(`a route at ${prefix} has an array or RegExp path: declare each path`);
    return;
  }
  const fullPath = joinPath(prefix, route.path);
  const firstByMethod = new Map<string, unknown>();
  for (const layer of route.stack as unknown[]) {
    const method = isBag(layer) ? layer.method : undefined;
    if (typeof method !== 'string') {
      walk.problems.push(`ALL ${fullPath}: .all() routes cannot declare one permission per method`);
      return;
    }
    if (!firstByMethod.has(method)) firstByMethod.set(method, layer);
  }
  for (const [method, layer] of firstByMethod) {
    const label = `${method.toUpperCase()} ${fullPath}`;
    const declaration = declarationOfGuard(isBag(layer) ? layer.handle : undefined);
    if (declaration === undefined) {
      walk.problems.push(`${label} has no declared permission (first handler is not a guard)`);
    } else if (declaration.method !== method || declaration.path !== route.path) {
      walk.problems.push(
        `${label} starts with the guard of ${declaration.method.toUpperCase()} ${declaration.path}`,
      );
    } else {
      walk.entries.push({ method, path: fullPath, access: declaration.access });
    }
  }
}

/**
 * Every endpoint of `app` with its declared access; throws UndeclaredRouteError listing every
 * problem at once. Call it last in the app builder: `assertEveryRouteDeclared(app)`.
 */
export function assertEveryRouteDeclared(app: Express): readonly InventoryEntry[] {
  const walk: Walk = { entries: [], problems: [] };
  walkRouter(app.router, '/', walk);
  if (walk.problems.length > 0) throw new UndeclaredRouteError(walk.problems);
  return walk.entries;
}
