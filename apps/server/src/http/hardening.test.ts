import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertEveryRouteDeclared,
  createSecureRouter,
  declareMiddleware,
} from '../access/index.js';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';
import { errorHandler, notFound } from './error-handler.js';
import { applyHardening, type HardeningOptions } from './hardening.js';
import { requestId } from './request-id.js';
import { hardeningConfig, serveApp, type ServedApp } from './testing/serve-app.js';
import type { HardeningConfig } from './hardening.js';

const EXPECTED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self' https://sellercentral-europe.amazon.com https://sellercentral.amazon.co.jp https://sellercentral.amazon.com",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join(';');

const PARTNER = 'https://partner.example.com';

let served: ServedApp | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** The order app.ts will use, with one public API route and one page. */
function buildApp(config: HardeningConfig, options: HardeningOptions = {}): Express {
  const logger = createLogger({ transports: [new CaptureTransport()] });
  const app = express();
  app.use(declareMiddleware(requestId));
  applyHardening(app, config, { ...options, logger });
  const routes = createSecureRouter()
    .get('/api/ping', 'public', (_req, res) => {
      res.json({ ok: true });
    })
    .post('/api/echo-size', 'public', (req, res) => {
      res.json({ keys: Object.keys(req.body as object).length });
    })
    .get('/portal', 'public', (_req, res) => {
      res.type('html').send('<!doctype html><title>portal</title>');
    });
  app.use(routes.router);
  app.use(declareMiddleware(notFound));
  app.use(errorHandler(logger));
  assertEveryRouteDeclared(app);
  return app;
}

async function start(config = hardeningConfig(), options: HardeningOptions = {}): Promise<string> {
  served = await serveApp(buildApp(config, options));
  return served.base;
}

describe('security headers', () => {
  it('sends the exact CSP, HSTS and isolation headers, and no X-Powered-By', async () => {
    const res = await fetch(`${await start(hardeningConfig({ mode: 'demo' }))}/portal`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('permissions-policy')).toContain('microphone=()');
    expect(res.headers.get('permissions-policy')).toContain('geolocation=()');
    expect(res.headers.get('cache-control')).toBeNull();
  });

  it('upgrades insecure requests in production; preload only when asked', async () => {
    const res = await fetch(
      `${await start(hardeningConfig(), { headers: { hstsPreload: true } })}/portal`,
    );
    expect(res.headers.get('content-security-policy')).toBe(
      `${EXPECTED_CSP};upgrade-insecure-requests`,
    );
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains; preload',
    );
  });

  it('marks every /api answer no-store, errors included', async () => {
    const base = await start();
    const ok = await fetch(`${base}/api/ping`);
    const missing = await fetch(`${base}/api/nothing-here`);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('content-security-policy')).toBe(
      `${EXPECTED_CSP};upgrade-insecure-requests`,
    );
  });
});

describe('CORS allow-list', () => {
  const preflight = (base: string, origin: string): Promise<Response> =>
    fetch(`${base}/api/echo-size`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-csrf-token',
      },
    });

  it('answers a listed origin with that origin and credentials', async () => {
    const base = await start();
    const res = await fetch(`${base}/api/ping`, { headers: { origin: PARTNER } });
    expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')).toContain('Origin');
    const pre = await preflight(base, PARTNER);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-csrf-token');
  });

  it('gives an unlisted origin no CORS headers and refuses its preflight with a code', async () => {
    const base = await start();
    for (const origin of ['https://evil.example.com', `${PARTNER}.evil.com`, 'null']) {
      const res = await fetch(`${base}/api/ping`, { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const pre = await preflight(base, origin);
      expect(pre.status).toBe(403);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(Object.keys((await pre.json()) as object).sort()).toEqual(['code', 'requestId']);
    }
  });

  it('adds no CORS headers for our own origin or with an empty list', async () => {
    const base = await start(hardeningConfig({ http: { trustProxy: false, corsOrigins: [] } }));
    const own = await fetch(`${base}/api/ping`, {
      headers: { origin: 'https://desk.example.com' },
    });
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    const partner = await preflight(base, PARTNER);
    expect(partner.status).toBe(403);
  });

  it('never combines * with credentials', async () => {
    const base = await start(hardeningConfig({ http: { trustProxy: false, corsOrigins: '*' } }));
    const res = await fetch(`${base}/api/ping`, { headers: { origin: PARTNER } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const pre = await preflight(base, 'https://any.example.net');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('global rate limit and trust proxy', () => {
  it('limits per client IP, taken from X-Forwarded-For only when the proxy is trusted', async () => {
    const config = hardeningConfig({ http: { trustProxy: ['loopback'], corsOrigins: [] } });
    const base = await start(config, { globalLimit: { limit: 2 } });
    const from = (ip: string): Promise<Response> =>
      fetch(`${base}/api/ping`, { headers: { 'x-forwarded-for': ip } });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(200);
    const limited = await from('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
    expect((await from('198.51.100.9')).status).toBe(200);
  });
});
