import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureTransport } from '../logging/capture.transport.js';
import { createLogger } from '../logging/index.js';
import { jsonBody } from './body-parsing.js';
import { errorHandler } from './error-handler.js';
import { requestId } from './request-id.js';
import { serveApp, type ServedApp } from './testing/serve-app.js';

const CANARY = 'canary.buyer@example.com';
const capture = new CaptureTransport();
let served: ServedApp;

function app(): Express {
  const logger = createLogger({ transports: [capture] });
  const built = express();
  built.use(requestId);
  built.use(jsonBody({ overrides: [{ pathPrefix: '/api/bundles', limit: '256kb' }] }));
  const echoKeys: express.RequestHandler = (req, res) => {
    res.json({ keys: Object.keys((req.body ?? {}) as object) });
  };
  built.post('/api/things', echoKeys);
  built.delete('/api/things', echoKeys);
  built.post('/api/bundles/upload', echoKeys);
  built.use(errorHandler(logger));
  return built;
}

beforeAll(async () => {
  served = await serveApp(app());
});
afterAll(async () => {
  await served.close();
});

function post(path: string, body: string, contentType?: string): Promise<Response> {
  return fetch(`${served.base}${path}`, {
    method: 'POST',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body,
  });
}

async function expectOnlyCodeAndId(res: Response, code: string): Promise<void> {
  const text = await res.text();
  expect(text).not.toContain(CANARY);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toEqual({ code, requestId: res.headers.get('x-request-id') });
}

describe('JSON bodies', () => {
  it('parses JSON, with or without a charset', async () => {
    const res = await post('/api/things', '{"a":1,"b":2}', 'application/json; charset=utf-8');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ keys: ['a', 'b'] });
  });

  it('refuses other content types with 415 BAD_REQUEST', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await post('/api/things', `email=${CANARY}`, type);
      expect(res.status).toBe(415);
      await expectOnlyCodeAndId(res, 'BAD_REQUEST');
    }
    const untyped = await fetch(`${served.base}/api/things`, {
      method: 'DELETE',
      body: new Uint8Array([123, 125]),
    });
    expect(untyped.status).toBe(415);
  });

  it('answers malformed JSON with 400 and only { code, requestId }', async () => {
    const res = await post('/api/things', `{"email": "${CANARY}",`, 'application/json');
    expect(res.status).toBe(400);
    await expectOnlyCodeAndId(res, 'BAD_REQUEST');
    const scalar = await post('/api/things', '"just a string"', 'application/json');
    expect(scalar.status).toBe(400);
    expect(capture.lines().join('\n')).not.toContain(CANARY);
  });

  it('refuses bodies over 64 KB with 413 PAYLOAD_TOO_LARGE; overrides raise it per path', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(70 * 1024), email: CANARY });
    const res = await post('/api/things', big, 'application/json');
    expect(res.status).toBe(413);
    await expectOnlyCodeAndId(res, 'PAYLOAD_TOO_LARGE');
    expect((await post('/api/bundles/upload', big, 'application/json')).status).toBe(200);
  });

  it('refuses compressed bodies', async () => {
    const res = await fetch(`${served.base}/api/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    await expectOnlyCodeAndId(res, 'BAD_REQUEST');
  });
});
