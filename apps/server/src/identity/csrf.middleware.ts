/**
 * CSRF defence for cookie-authenticated writes: the `Origin` must be one of ours, and a request
 * carrying the session cookie must present `x-csrf-token`, the synchronizer token bound to that
 * session (an HMAC of the session token, see `session.service.ts`). Safe methods pass; requests
 * without the cookie (sign-in, device bearer tokens) need only an acceptable Origin.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError, ErrorCode } from '@spapi/shared';
import { declareMiddleware } from '../access/index.js';
import { sessionTokenOf } from './session-cookie.js';
import type { SessionService } from './session.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfOptions {
  /** Origins allowed to write (`PUBLIC_URL` and the CORS allow-list). */
  readonly allowedOrigins: readonly string[];
}

export function createCsrfMiddleware(
  sessions: SessionService,
  options: CsrfOptions,
): RequestHandler {
  const allowed = new Set(options.allowedOrigins);
  return declareMiddleware((req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const origin = req.headers.origin;
    const cookieToken = sessionTokenOf(req);
    // Browsers send Origin on every cross-site and same-site write; a cookie write without one
    // is refused. Non-browser clients without the cookie may omit it.
    const originOk = origin === undefined ? cookieToken === undefined : allowed.has(origin);
    if (!originOk) {
      next(new AppError(ErrorCode.CSRF_FAILED));
      return;
    }
    if (cookieToken !== undefined) {
      const presented = req.headers['x-csrf-token'];
      if (typeof presented !== 'string' || !sessions.csrfTokenMatches(cookieToken, presented)) {
        next(new AppError(ErrorCode.CSRF_FAILED));
        return;
      }
    }
    next();
  });
}
