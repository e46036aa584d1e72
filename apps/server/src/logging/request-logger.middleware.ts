/**
 * One line per HTTP request: method, route pattern, status, duration and request id — nothing
 * else. Never the URL (its path and query hold ids, emails, codes), never headers or a body.
 * Everything the handlers log during the request carries the request id (AsyncLocalStorage).
 *
 * Mount it after the request-id middleware and before the routes. The route is the matched
 * pattern (`/orders/:orderId`), prefixed with `req.baseUrl` for routers: mount routers at
 * literal prefixes (`/api/orders`), since a parameter in a mount path shows up as its value.
 */
import { randomUUID } from 'node:crypto';
import { METHODS } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { runWithLogContext } from './log-context.js';
import type { Logger } from './logger.js';

const KNOWN_METHODS = new Set(METHODS);
export const UNMATCHED_ROUTE = '(unmatched)';

/** The matched route pattern, or `(unmatched)` when no route answered (404, early errors). */
export function routePattern(req: Request): string {
  const route: unknown = req.route;
  if (typeof route !== 'object' || route === null || !('path' in route)) return UNMATCHED_ROUTE;
  const { path } = route;
  const pattern = typeof path === 'string' ? path : '(pattern)';
  return `${req.baseUrl}${pattern}`;
}

function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : randomUUID();
}

export function requestLogger(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const requestId = requestIdOf(res);
    const log = logger.child({ requestId });
    let written = false;
    const done = (completed: boolean): void => {
      if (written) return;
      written = true;
      const status = res.statusCode;
      const fields = {
        method: KNOWN_METHODS.has(req.method) ? req.method : 'OTHER',
        route: routePattern(req),
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      if (!completed) log.warn('http request aborted', fields);
      else if (status >= 500) log.error('http request', fields);
      else log.info('http request', fields);
    };
    res.once('finish', () => {
      done(true);
    });
    res.once('close', () => {
      done(false);
    });
    runWithLogContext({ requestId }, next);
  };
}
