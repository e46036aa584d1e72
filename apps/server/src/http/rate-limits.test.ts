import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';
import { jsonBody } from './body-parsing.js';
import { errorHandler } from './error-handler.js';
import { signInRateLimit, type SignInLimitOptions } from './rate-limits.js';
import { requestId } from './request-id.js';
import { serveApp, type ServedApp } from './testing/serve-app.js';

let served: ServedApp | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const capture = new CaptureTransport();

function signInApp(options: SignInLimitOptions): Express {
  const logger = createLogger({ transports: [capture] });
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use(jsonBody());
  app.use('/api/auth/sign-in', signInRateLimit({ ...options, logger }));
  app.post('/api/auth/sign-in', (_req, res) => {
    res.status(401).json({ code: 'INVALID_CREDENTIALS' });
  });
  app.use(errorHandler(logger));
  return app;
}

async function start(options: SignInLimitOptions): Promise<string> {
  served = await serveApp(signInApp(options));
  return served.base;
}

function signIn(base: string, email: string, ip = '203.0.113.7'): Promise<Response> {
  return fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password: 'not-the-password' }),
  });
}

describe('sign-in rate limit', () => {
  it('answers RATE_LIMITED with Retry-After after N attempts from one IP', async () => {
    const base = await start({ perIp: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) {
      const res = await signIn(base, `user${String(i)}@example.com`);
      expect(res.status).toBe(401);
      expect(res.headers.get('ratelimit-policy')).toContain('"sign-in-ip"; q=3; w=60');
    }
    const limited = await signIn(base, 'another@example.com');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'requestId']);
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.requestId).toBe(limited.headers.get('x-request-id'));
    expect((await signIn(base, 'another@example.com', '198.51.100.9')).status).toBe(401);
  });

  it('limits one account across IPs, without the email in headers or logs', async () => {
    const base = await start({ perAccount: { limit: 2, windowMs: 60_000 } });
    const victim = 'Victim.Seller@example.com';
    expect((await signIn(base, victim, '203.0.113.1')).status).toBe(401);
    expect((await signIn(base, victim.toLowerCase(), '203.0.113.2')).status).toBe(401);
    const limited = await signIn(base, ` ${victim} `, '203.0.113.3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    const headerText = [...limited.headers.values()].join('\n').toLowerCase();
    expect(headerText).not.toContain('victim');
    expect(capture.lines().join('\n').toLowerCase()).not.toContain('victim');
    expect((await signIn(base, 'someone.else@example.com', '203.0.113.3')).status).toBe(401);
  });

  it('uses the account key hook, and counts only POSTs', async () => {
    const base = await start({
      perAccount: { limit: 1, windowMs: 60_000 },
      accountKey: (req) => req.get('x-test-account'),
    });
    const attempt = (): Promise<Response> =>
      fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-account': 'acct-1' },
        body: '{}',
      });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
    expect((await fetch(`${base}/api/auth/sign-in`)).status).toBe(404);
  });
});
