import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { leaks } from '@spapi/shared/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/error-handler.js';
import { requestId } from '../http/request-id.js';
import { CaptureTransport } from './capture.transport.js';
import { createLogger, type ProcessLogger } from './logger.js';
import { requestLogger } from './request-logger.middleware.js';

const CANARY = {
  email: 'canary.buyer@example.com',
  token: `Atza|IwEBI${'k3y'.repeat(30)}`,
  name: 'Jane Canary',
  street: '1600 Pennsylvania Avenue',
  code: 'ANabcdefghx7ijklmnop',
};

let server: Server;
let base: string;
let capture: CaptureTransport;
let logger: ProcessLogger;
let release: (() => void) | undefined;

beforeAll(async () => {
  capture = new CaptureTransport();
  logger = createLogger({ level: 'debug', transports: [capture] });
  const app = express();
  app.use(requestId);
  app.use(requestLogger(logger));
  app.use(express.json());
  app.get('/orders/:orderId', (_req, res) => {
    logger.info('order viewed'); // no request id passed: it comes from the async context
    res.json({ ok: true });
  });
  const sellers = express.Router();
  sellers.post('/:sellerId/buyers', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.use('/api/sellers', sellers);
  app.get('/fail', () => {
    throw new Error(`cannot ship to ${CANARY.street} for ${CANARY.email}`);
  });
  app.get('/hang', (_req, res) => {
    release = () => res.end();
  });
  app.use(notFound);
  app.use(errorHandler(logger));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  release?.();
  server.closeAllConnections();
  server.close();
  await logger.close();
});

const requestLines = () => capture.records().filter((r) => r.message === 'http request');

describe('requestLogger', () => {
  it('logs method, route pattern, status, duration and request id — nothing else', async () => {
    capture.clear();
    const query = `?email=${encodeURIComponent(CANARY.email)}&spapi_oauth_code=${CANARY.code}`;
    const res = await fetch(`${base}/orders/${encodeURIComponent(CANARY.name)}${query}`, {
      headers: { authorization: `Bearer ${CANARY.token}`, cookie: `__Host-sid=${CANARY.token}` },
    });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    await expect.poll(() => requestLines()).toHaveLength(1);
    const [line] = requestLines();
    expect(line).toEqual({
      time: expect.any(String) as unknown,
      level: 'info',
      service: 'server',
      message: 'http request',
      requestId: id,
      fields: {
        method: 'GET',
        route: '/orders/:orderId',
        status: 200,
        durationMs: expect.any(Number) as unknown,
      },
    });
    const handlerLine = capture.records().find((r) => r.message === 'order viewed');
    expect(handlerLine?.requestId).toBe(id);
  });

  it('uses the router mount and the route pattern, never path values or bodies', async () => {
    capture.clear();
    const res = await fetch(`${base}/api/sellers/A2EUQ1WTGCTBG2/buyers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        BuyerName: CANARY.name,
        BuyerEmail: CANARY.email,
        note: CANARY.street,
      }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => requestLines()).toHaveLength(1);
    expect(requestLines()[0]?.fields).toMatchObject({
      method: 'POST',
      route: '/api/sellers/:sellerId/buyers',
      status: 201,
    });
    expect(JSON.stringify(capture.records())).not.toContain('A2EUQ1WTGCTBG2');
  });

  it('logs unmatched routes and server errors without the URL or the error text', async () => {
    capture.clear();
    await fetch(`${base}/nope/${encodeURIComponent(CANARY.email)}`);
    await fetch(`${base}/fail?token=${encodeURIComponent(CANARY.token)}`);
    await expect.poll(() => requestLines()).toHaveLength(2);
    expect(
      requestLines().map((r) => [r.level, (r.fields as Record<string, unknown>).route]),
    ).toEqual([
      ['info', '(unmatched)'],
      ['error', '/fail'],
    ]);
    // Only the server error is a failure; a 404 is an operational answer and is not logged as one.
    const failures = capture.records().filter((r) => r.message === 'request failed');
    expect(failures).toHaveLength(1);
    const failure = failures[0];
    expect(failure?.fields).toMatchObject({ err: { type: 'Error' } });
    expect(JSON.stringify(failure)).toContain('[REDACTED:');
  });

  it('logs an aborted request once, as aborted', async () => {
    capture.clear();
    const controller = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: controller.signal }).catch(() => undefined);
    await expect.poll(() => release).toBeDefined();
    controller.abort();
    await pending;
    await expect
      .poll(() => capture.records().map((r) => r.message))
      .toContain('http request aborted');
    expect(
      capture.records().filter((r) => String(r.message).startsWith('http request')),
    ).toHaveLength(1);
  });

  it('no canary from URL, headers or body appears in any line', () => {
    const all = capture.records();
    for (const value of Object.values(CANARY)) {
      expect(leaks(all, value), value).toBe(false);
    }
  });
});
