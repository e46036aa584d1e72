import express, { type Express } from 'express';
import { AppError, ErrorCode } from '@spapi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, ready } from '../crypto/index.js';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';
import { errorHandler } from './error-handler.js';
import { requestId } from './request-id.js';
import { serveApp, type ServedApp } from './testing/serve-app.js';

const CANARY_PASSWORD = 'Canary-Hasher-Password-77';
const capture = new CaptureTransport();
/** One slot: a verification in flight makes the next one find the queue full. */
const hasher = createPasswordHasher({ production: false, profile: 'test', maxPending: 1 });
let stored: string;
let served: ServedApp;

function app(): Express {
  const built = express();
  built.use(requestId);
  built.post('/sign-in', async (_req, res, next) => {
    const first = hasher.verifyPassword(stored, CANARY_PASSWORD);
    try {
      await hasher.verifyPassword(stored, CANARY_PASSWORD);
      res.status(204).end();
    } catch (error) {
      next(error);
    } finally {
      await first;
    }
  });
  built.get('/locked', (_req, _res, next) => {
    next(new AppError(ErrorCode.ACCOUNT_LOCKED, { details: { retryAfterSeconds: 59.2 } }));
  });
  built.get('/broken', () => {
    throw new Error('boom: internal detail');
  });
  built.use(errorHandler(createLogger({ transports: [capture] })));
  return built;
}

beforeAll(async () => {
  await ready();
  stored = await hasher.hashPassword(CANARY_PASSWORD);
  served = await serveApp(app());
});
afterAll(async () => {
  await served.close();
  await hasher.close();
});

async function onlyCodeAndId(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  expect(text).not.toContain(CANARY_PASSWORD);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['code', 'requestId']);
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

describe('error handler', () => {
  it('answers a busy password hasher with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
    const res = await fetch(`${served.base}/sign-in`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await onlyCodeAndId(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const logged = capture.lines().join('\n');
    expect(logged).toContain('SERVICE_UNAVAILABLE');
    expect(logged).not.toContain(CANARY_PASSWORD);
  });

  it('rounds a retry hint up to whole seconds (ACCOUNT_LOCKED)', async () => {
    const res = await fetch(`${served.base}/locked`);
    expect(res.status).toBe(423);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await onlyCodeAndId(res)).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('answers anything else as 500 INTERNAL without a Retry-After or the message', async () => {
    const res = await fetch(`${served.base}/broken`);
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
    const text = await res.clone().text();
    expect(text).not.toContain('internal detail');
    expect(await onlyCodeAndId(res)).toMatchObject({ code: 'INTERNAL' });
  });
});
