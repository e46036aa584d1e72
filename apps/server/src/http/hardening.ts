/**
 * Transport and HTTP hardening, mounted in one fixed order (issue 3 item 9). The app builder
 * keeps `requestId` and the request logger first, then calls `applyHardening(app, config)`,
 * then mounts authentication, CSRF, the routers, `notFound` and `errorHandler`:
 *
 *   requestId → requestLogger → [applyHardening:]
 *   1. securityHeaders   every answer, errors and 429s included, carries CSP/HSTS/…
 *   2. cors              preflights answered (or refused) before any work; errors readable
 *                        by allowed origins because CORS headers are already set
 *   3. globalRateLimit   per IP, before the body is read
 *   4. jsonBody          JSON only, size limit, malformed → BAD_REQUEST
 *   5. signInRateLimit   on each sign-in path (after jsonBody: the account key reads it)
 *   → authenticate → csrf → routers → notFound → errorHandler
 *
 * Every handler is marked with `declareMiddleware`, so the route inventory accepts it.
 */
import type { Express, RequestHandler } from 'express';
import { declareMiddleware } from '../access/index.js';
import type { ServerConfig } from '../config/config.types.js';
import type { Logger } from '../logging/index.js';
import { jsonBody, type JsonBodyOptions } from './body-parsing.js';
import { cors } from './cors.js';
import {
  globalRateLimit,
  signInRateLimit,
  type LimitOptions,
  type SignInLimitOptions,
} from './rate-limits.js';
import { securityHeaders, type SecurityHeadersOptions } from './security-headers.js';

/** The identity module's password, MFA and recovery steps (`/api/auth`). */
export const SIGN_IN_PATHS = [
  '/api/auth/sign-in',
  '/api/auth/mfa/verify',
  '/api/auth/recovery',
  // Credentials checked for a signed-in user: a stolen session must not guess at leisure.
  '/api/me/password',
  '/api/me/recovery-codes',
] as const;

export interface HardeningOptions {
  readonly logger?: Logger;
  readonly headers?: SecurityHeadersOptions;
  readonly globalLimit?: LimitOptions;
  readonly signIn?: Omit<SignInLimitOptions, 'logger'> & { readonly paths?: readonly string[] };
  readonly body?: JsonBodyOptions;
}

export interface HardeningStep {
  readonly name: string;
  /** Mount path; `undefined`: every request. */
  readonly path?: string;
  readonly handler: RequestHandler;
}

export type HardeningConfig = Pick<ServerConfig, 'amazon' | 'mode' | 'publicUrl' | 'http'>;

/** The declared middlewares in mounting order (for an app builder that mounts them itself). */
export function hardeningSteps(
  config: HardeningConfig,
  options: HardeningOptions = {},
): readonly HardeningStep[] {
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  const signIn = declareMiddleware(signInRateLimit({ ...options.signIn, ...logger }));
  return [
    {
      name: 'securityHeaders',
      handler: declareMiddleware(securityHeaders(config, options.headers)),
    },
    { name: 'cors', handler: declareMiddleware(cors(config)) },
    {
      name: 'globalRateLimit',
      handler: declareMiddleware(globalRateLimit({ ...options.globalLimit, ...logger })),
    },
    { name: 'jsonBody', handler: declareMiddleware(jsonBody(options.body)) },
    ...(options.signIn?.paths ?? SIGN_IN_PATHS).map((path) => ({
      name: 'signInRateLimit',
      path,
      handler: signIn,
    })),
  ];
}

/** Applies `HTTP_TRUST_PROXY` (`config.http.trustProxy`), so `req.ip` is the client's. */
export function applyTrustProxy(app: Express, config: Pick<ServerConfig, 'http'>): void {
  const setting = config.http.trustProxy;
  app.set('trust proxy', typeof setting === 'object' ? [...setting] : setting);
}

/** Sets `trust proxy`, hides `X-Powered-By`, and mounts {@link hardeningSteps} in order. */
export function applyHardening(
  app: Express,
  config: HardeningConfig,
  options: HardeningOptions = {},
): readonly HardeningStep[] {
  applyTrustProxy(app, config);
  app.disable('x-powered-by');
  const steps = hardeningSteps(config, options);
  for (const step of steps) {
    if (step.path === undefined) app.use(step.handler);
    else app.use(step.path, step.handler);
  }
  return steps;
}
