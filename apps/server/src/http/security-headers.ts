/**
 * Response headers for every answer (issue 3 item 9; issue 5 item 1): helmet with a strict CSP
 * that the React portal must live under (no inline scripts or styles, no `eval`), HSTS, no
 * referrer, same-origin isolation, a Permissions-Policy that denies powerful features, and
 * `Cache-Control: no-store` on the API (its answers can hold buyer PII).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { ServerConfig } from '../config/config.types.js';

export interface SecurityHeadersOptions {
  /** Adds `preload` to HSTS. Off by default: preload lists are hard to leave. */
  readonly hstsPreload?: boolean;
}

/** One year, as the HSTS preload list and most scanners expect. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/** Features the product never uses; `()` denies them to every origin, our own included. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'bluetooth=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** Origins of Amazon's Seller Central consent pages: the connect flow navigates there. */
export function sellerCentralOrigins(config: Pick<ServerConfig, 'amazon'>): readonly string[] {
  const origins = Object.values(config.amazon.sellerCentralUrls).map((url) => new URL(url).origin);
  return [...new Set(origins)].sort();
}

type Directives = Record<string, readonly string[]>;

/** The CSP directives, in the order they appear in the header. */
export function cspDirectives(config: Pick<ServerConfig, 'amazon' | 'mode'>): Directives {
  const directives: Directives = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'", ...sellerCentralOrigins(config)],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  return config.mode === 'production'
    ? { ...directives, 'upgrade-insecure-requests': [] }
    : directives;
}

/** True for `/api` and everything under it. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Helmet plus the headers helmet does not set. Mount it right after the request id, before
 * anything that can answer (CORS preflights, rate limits, body errors), so every response has it.
 */
export function securityHeaders(
  config: Pick<ServerConfig, 'amazon' | 'mode'>,
  options: SecurityHeadersOptions = {},
): RequestHandler {
  const directives = cspDirectives(config);
  const helmetHandler = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(directives).map(([name, values]) => [name, [...values]]),
      ),
    },
    strictTransportSecurity: {
      maxAge: HSTS_MAX_AGE_SECONDS,
      includeSubDomains: true,
      preload: options.hstsPreload ?? false,
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    xPoweredBy: true,
  });
  return function securityHeadersMiddleware(req: Request, res: Response, next: NextFunction): void {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    if (isApiPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    helmetHandler(req, res, next);
  };
}
