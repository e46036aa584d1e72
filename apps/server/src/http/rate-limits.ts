/**
 * Rate limits (express-rate-limit): a global one per client IP, and a strict one for the
 * sign-in steps per IP and per account. Over the limit, the request fails with
 * `AppError(RATE_LIMITED)` through the one error handler (429, `Retry-After`), and every
 * answer carries the IETF draft-8 `RateLimit` / `RateLimit-Policy` headers.
 *
 * Client IPs come from `req.ip`, so `trust proxy` must be right (`applyTrustProxy`); IPv6
 * clients are grouped by /56 (`ipKeyGenerator`).
 *
 * Store: the built-in in-memory store, per process. Several server processes behind one load
 * balancer would each count separately (limits multiplied by the process count), and a restart
 * forgets the counts. Future work: a shared store (a Postgres-backed `Store` over the existing
 * database, or Redis) before running more than one process.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, ipKeyGenerator, type Options } from 'express-rate-limit';
import { AppError, ErrorCode } from '@spapi/shared';
import type { Logger } from '../logging/index.js';

export interface LimitOptions {
  /** Requests allowed per window. */
  readonly limit?: number;
  readonly windowMs?: number;
}

export interface SignInLimitOptions {
  readonly perIp?: LimitOptions;
  readonly perAccount?: LimitOptions;
  /**
   * The account an attempt is for (e.g. the normalised email from the parsed JSON body), or
   * `undefined` when the request names none (MFA steps: the pending session already binds it).
   * The value is HMAC-ed with a per-process key before it is used as a key, so the store and
   * the `RateLimit-Policy` header never hold an email.
   */
  readonly accountKey?: (req: Request) => string | undefined;
  readonly logger?: Logger;
}

export const GLOBAL_LIMIT = { limit: 600, windowMs: 60_000 } as const;
export const SIGN_IN_LIMIT_PER_IP = { limit: 20, windowMs: 15 * 60_000 } as const;
export const SIGN_IN_LIMIT_PER_ACCOUNT = { limit: 10, windowMs: 15 * 60_000 } as const;

/** Default account key for sign-in: the `email` field of the JSON body, trimmed, lower case. */
export function emailAccountKey(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || !('email' in body)) return undefined;
  const { email } = body;
  return typeof email === 'string' && email.length > 0 && email.length <= 320
    ? email.trim().toLowerCase()
    : undefined;
}

function clientIpKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

/** Passes express-rate-limit's own warnings (misconfiguration) to our logger, never console. */
function limiterLogger(logger: Logger | undefined): Options['logger'] {
  const log = (level: 'error' | 'warn') => (error: unknown, message?: string) => {
    logger?.[level](message ?? 'rate limiter problem', { err: error });
  };
  return { error: log('error'), warn: log('warn') };
}

function baseOptions(
  name: string,
  limits: Required<LimitOptions>,
  logger: Logger | undefined,
): Partial<Options> {
  return {
    ...limits,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    requestPropertyName: `rateLimit:${name}`,
    logger: limiterLogger(logger),
    handler: (_req, res, next) => {
      const header = Number(res.getHeader('Retry-After'));
      const retryAfterSeconds = Number.isFinite(header) ? header : limits.windowMs / 1000;
      next(new AppError(ErrorCode.RATE_LIMITED, { details: { retryAfterSeconds } }));
    },
  };
}

/** Every request, per client IP. Mount early (after security headers and CORS). */
export function globalRateLimit(options: LimitOptions & { logger?: Logger } = {}): RequestHandler {
  return rateLimit({
    ...baseOptions('global', { ...GLOBAL_LIMIT, ...definedLimits(options) }, options.logger),
    keyGenerator: clientIpKey,
  });
}

/**
 * Sign-in attempts (password, MFA, recovery): per IP, then per account. Counts every POST,
 * successful or not: the identity module's lockout deals with failures per account, this
 * caps guessing and credential stuffing before a password hash is even computed. Mount after
 * the JSON body parser (the account key reads the body), on each sign-in path.
 */
export function signInRateLimit(options: SignInLimitOptions = {}): RequestHandler {
  const perIp = rateLimit({
    ...baseOptions(
      'sign-in-ip',
      { ...SIGN_IN_LIMIT_PER_IP, ...definedLimits(options.perIp) },
      options.logger,
    ),
    keyGenerator: clientIpKey,
  });
  const accountKey = options.accountKey ?? emailAccountKey;
  const hmacKey = randomBytes(32);
  const perAccount = rateLimit({
    ...baseOptions(
      'sign-in-account',
      { ...SIGN_IN_LIMIT_PER_ACCOUNT, ...definedLimits(options.perAccount) },
      options.logger,
    ),
    skip: (req) => accountKey(req) === undefined,
    keyGenerator: (req) =>
      createHmac('sha256', hmacKey)
        .update(accountKey(req) ?? '')
        .digest('base64url'),
  });
  return function signInRateLimitMiddleware(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'POST') {
      next();
      return;
    }
    void perIp(req, res, (ipError?: unknown) => {
      if (ipError !== undefined) {
        next(ipError);
        return;
      }
      void perAccount(req, res, next);
    });
  };
}

function definedLimits(options: LimitOptions | undefined): Partial<Required<LimitOptions>> {
  return {
    ...(options?.limit === undefined ? {} : { limit: options.limit }),
    ...(options?.windowMs === undefined ? {} : { windowMs: options.windowMs }),
  };
}
