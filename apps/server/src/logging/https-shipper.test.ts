import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureSelfSignedCertificate } from '../tls/self-signed-certificate.js';
import { tlsOptions } from '../tls/tls-options.js';
import { HttpsShipperTransport } from './https-shipper.transport.js';
import { createLogger, type CreateLoggerOptions } from './logger.js';

const TOKEN = 'collector-bearer-token-0123456789';
const CANARY_EMAIL = 'shipping.canary@example.com';

interface Received {
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly lines: string[];
}

let dataDir: string;
let ca: string;
let collector: Server;
let url: string;
let mode: 'ok' | 'fail' | 'hang' = 'ok';
let received: Received[] = [];
let held: ServerResponse[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'spapi-ship-'));
  const certificate = await ensureSelfSignedCertificate(dataDir);
  ca = certificate.cert;
  collector = createServer(tlsOptions(certificate), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        lines: Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean),
      });
      if (mode === 'hang') held.push(res);
      else res.writeHead(mode === 'ok' ? 204 : 500).end();
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  url = `https://localhost:${String((collector.address() as AddressInfo).port)}/ingest`;
});

beforeEach(() => {
  mode = 'ok';
  received = [];
  held = [];
});

afterAll(async () => {
  collector.closeAllConnections();
  collector.close();
  await rm(dataDir, { recursive: true, force: true });
});

const shippingLogger = (shipping: Partial<NonNullable<CreateLoggerOptions['shipping']>>) =>
  createLogger({ shipping: { url, token: TOKEN, ca, flushIntervalMs: 20, ...shipping } });

const shippedLines = () => received.flatMap((r) => r.lines);

describe('log shipping over HTTPS', () => {
  it('POSTs batches of masked NDJSON lines with the bearer token', async () => {
    const logger = shippingLogger({ batchSize: 5 });
    for (let i = 0; i < 12; i += 1) logger.info(`event ${String(i)}`, { email: CANARY_EMAIL });
    await expect.poll(() => shippedLines().length).toBe(12);
    expect(received.length).toBeGreaterThanOrEqual(3);
    for (const request of received) {
      expect(request.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.contentType).toBe('application/x-ndjson');
    }
    const messages = shippedLines().map(
      (line) => (JSON.parse(line) as { message: string }).message,
    );
    expect(messages).toEqual(Array.from({ length: 12 }, (_, i) => `event ${String(i)}`));
    expect(shippedLines().join('\n')).not.toContain(CANARY_EMAIL);
    expect(logger.stats().shipping).toEqual({ queued: 0, shipped: 12, dropped: 0, failed: 0 });
    await logger.close();
  });

  it('flushes a partial batch on close', async () => {
    const logger = shippingLogger({ batchSize: 100, flushIntervalMs: 60_000 });
    logger.warn('one');
    logger.warn('two');
    expect(received).toHaveLength(0);
    await logger.close();
    expect(shippedLines()).toHaveLength(2);
  });

  it('never blocks the caller: a stuck collector fills a bounded queue, then lines are counted and dropped', async () => {
    mode = 'hang';
    const logger = shippingLogger({ batchSize: 10, maxQueue: 50, timeoutMs: 2000 });
    // The calls return synchronously while the collector hangs: the queue is full and the rest
    // were dropped and counted before any response arrived (no timing assertion needed).
    for (let i = 0; i < 1000; i += 1) logger.info('burst', { i });
    expect(logger.stats().shipping).toEqual({ queued: 50, shipped: 0, dropped: 940, failed: 0 });

    await expect.poll(() => held.length).toBe(1);
    mode = 'ok';
    for (const res of held) res.writeHead(204).end();
    await expect.poll(() => logger.stats().shipping?.shipped).toBe(60);
    const loss = shippedLines().find((line) => line.includes('log shipping lost lines'));
    expect(JSON.parse(loss ?? '{}')).toMatchObject({ level: 'warn', fields: { lost: 940 } });
    await logger.close();
  });

  it('counts batches the collector refuses, and reports the loss in the next batch', async () => {
    mode = 'fail';
    const logger = shippingLogger({ batchSize: 3 });
    for (let i = 0; i < 3; i += 1) logger.error('refused');
    await expect.poll(() => logger.stats().shipping?.failed).toBe(3);
    mode = 'ok';
    for (let i = 0; i < 3; i += 1) logger.error('accepted');
    await expect.poll(() => logger.stats().shipping?.shipped).toBe(3);
    expect(received.at(-1)?.lines[0]).toContain('"lost":3');
    await logger.close();
  });

  it('does not send to a collector whose certificate it cannot verify', async () => {
    const logger = createLogger({
      shipping: { url, token: TOKEN, batchSize: 1, flushIntervalMs: 20 },
    });
    logger.info('secret-free but unverified');
    await expect.poll(() => logger.stats().shipping?.failed).toBe(1);
    expect(received).toHaveLength(0);
    await logger.close();
  });

  it('accepts only https URLs without credentials', () => {
    expect(
      () => new HttpsShipperTransport({ url: 'http://collector.example', token: TOKEN }),
    ).toThrow('https');
    expect(
      () => new HttpsShipperTransport({ url: 'https://u:p@collector.example', token: TOKEN }),
    ).toThrow('without credentials');
  });
});
