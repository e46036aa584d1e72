/**
 * CORS by allow-list. The portal is served from `publicUrl`, so it needs no CORS at all; the
 * list (`CORS_ORIGINS`) is for other origins of ours. Exact origin match, never a pattern.
 *
 * - No `Origin`, or our own origin: nothing to do (same-origin or not a browser).
 * - Listed origin: `Access-Control-Allow-Origin: <that origin>` with credentials; a preflight
 *   is answered here with 204.
 * - `'*'` (demo only, refused in production by the config policy): `*` and never credentials.
 * - Any other origin: no CORS headers, so the browser keeps the answer from the page; a
 *   preflight is refused with 403 FORBIDDEN. Writes from such origins are also refused by the
 *   CSRF check (identity) and need a JSON content type, which forces a preflight.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError, ErrorCode } from '@spapi/shared';
import type { ServerConfig } from '../config/config.types.js';

export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Request headers a cross-origin client may send (lower case). */
export const CORS_ALLOWED_HEADERS = ['content-type', 'x-csrf-token', 'authorization'] as const;
/** Response headers a cross-origin client may read. */
export const CORS_EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
] as const;
export const CORS_PREFLIGHT_MAX_AGE_SECONDS = 600;

/** `scheme://host[:port]` of a configured entry, or `undefined` if it is not a URL. */
function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export type CorsDecision = 'same-origin' | 'any-without-credentials' | 'listed' | 'refused';

/** The decision for a request's `Origin` header, as a pure function. */
export function corsDecision(
  config: Pick<ServerConfig, 'publicUrl' | 'http'>,
  origin: string | undefined,
): CorsDecision {
  if (origin === undefined || origin === originOf(config.publicUrl)) return 'same-origin';
  const allowed = config.http.corsOrigins;
  if (allowed === '*') return 'any-without-credentials';
  return allowed.some((entry) => originOf(entry) === origin) ? 'listed' : 'refused';
}

function isPreflight(req: Request): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

function answerPreflight(res: Response): void {
  res.setHeader('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS.join(', '));
  res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
  res.setHeader('Access-Control-Max-Age', String(CORS_PREFLIGHT_MAX_AGE_SECONDS));
  res.status(204).end();
}

export function cors(config: Pick<ServerConfig, 'publicUrl' | 'http'>): RequestHandler {
  return function corsMiddleware(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    res.vary('Origin');
    const decision = corsDecision(config, origin);
    if (decision === 'same-origin' || origin === undefined) {
      next();
      return;
    }
    if (decision === 'refused') {
      if (isPreflight(req)) {
        next(new AppError(ErrorCode.FORBIDDEN, { message: 'CORS origin not allowed' }));
        return;
      }
      next();
      return;
    }
    if (decision === 'listed') {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    } else {
      res.setHeader('Access-Control-Allow-Origin', '*');
    }
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
    if (isPreflight(req)) {
      answerPreflight(res);
      return;
    }
    next();
  };
}
