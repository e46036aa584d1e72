import { ErrorCode } from '@spapi/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { renderings } from '../../secrets/testing/secret-leaks.js';
import { createHttpClient } from '../http-transport.js';
import { retryPolicyOf } from '../retry-policy.js';
import { manualClock, type ManualClock } from '../../testing/manual-clock.js';
import { recordingLogger, type RecordingLogger } from '../testing/recording-logger.js';
import { startStubServer, type StubAnswer, type StubServer } from '../testing/stub-server.js';
import { userAgent } from '../user-agent.js';
import { createSpapiClient, type SpapiClient } from './spapi-client.js';

// What the simulator never sends: Retry-After, and error messages that echo a token or PII.
// A scripted server stands in for the NA endpoint.

// A token-shaped stub, assembled at run time so no credential-looking literal is committed.
const ACCESS_TOKEN = ['Atza', 'stub-access-token-0123456789'].join('|');
const OK: StubAnswer = {
  status: 200,
  headers: { 'x-amzn-requestid': 'req-ok' },
  body: { payload: { Orders: [] } },
};
const query = { MarketplaceIds: ['ATVPDKIKX0DER'], CreatedAfter: '2026-01-01T00:00:00Z' };
const context = { sellerId: 'A1STUBSELLER', region: 'na' } as const;

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** The keys the client asked the token manager for. */
const tokenKeys: string[] = [];

function client(url: string, clock: ManualClock, logger: RecordingLogger): SpapiClient {
  return createSpapiClient({
    spapiBaseUrls: { na: url, eu: 'http://127.0.0.1:9', fe: 'http://127.0.0.1:9' },
    tokens: {
      accessToken: (key) => {
        tokenKeys.push(key);
        return Promise.resolve(ACCESS_TOKEN);
      },
      invalidate: () => undefined,
    },
    http: createHttpClient({ userAgent: userAgent('1.2.3') }),
    clock,
    retry: retryPolicyOf({ maxAttempts: 4, maxRetryAfterMs: 60_000 }),
    random: () => 0.5,
    logger,
  });
}

describe('SP-API client against a scripted endpoint', () => {
  it('sends the access token header, our user-agent and an encoded query', async () => {
    stub = await startStubServer([OK]);
    const response = await client(stub.url, manualClock(), recordingLogger()).call(
      'ordersV0.getOrders',
      { query: { ...query, NextToken: 'a+b/c=' } },
      context,
    );
    expect(response).toMatchObject({
      status: 200,
      requestId: 'req-ok',
      rateLimit: null,
      attempts: 1,
    });
    const [request] = stub.requests;
    expect(request?.headers['x-amz-access-token']).toBe(ACCESS_TOKEN);
    expect(request?.headers['user-agent']).toMatch(
      /^ParcelDesk\/1\.2\.3 \(Language=TypeScript; Platform=Node\//,
    );
    expect(request?.url).toBe(
      '/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2026-01-01T00%3A00%3A00Z&NextToken=a%2Bb%2Fc%3D',
    );
  });

  it("asks for the connection's token when the call names a connection", async () => {
    stub = await startStubServer([OK]);
    tokenKeys.length = 0;
    const api = client(stub.url, manualClock(), recordingLogger());
    await api.call('ordersV0.getOrders', { query }, context);
    await api.call('ordersV0.getOrders', { query }, { ...context, connectionId: 'conn-42' });
    expect(tokenKeys).toEqual(['A1STUBSELLER', 'conn-42']);
  });

  it('honours Retry-After on 429 and 503 instead of its own backoff', async () => {
    stub = await startStubServer([
      {
        status: 429,
        headers: { 'retry-after': '5' },
        body: { errors: [{ code: 'QuotaExceeded', message: 'slow down' }] },
      },
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 502 },
      OK,
    ]);
    const clock = manualClock();
    const response = await client(stub.url, clock, recordingLogger()).call(
      'ordersV0.getOrders',
      { query },
      context,
    );
    expect(response.attempts).toBe(4);
    expect(clock.sleeps).toEqual([5000, 2000, 1000]); // the 502 backs off: 0.5 × 500 · 2²
  });

  it('does not sleep through a Retry-After beyond the limit: the error says when to come back', async () => {
    stub = await startStubServer([
      { status: 503, headers: { 'retry-after': '3600', 'x-amzn-requestid': 'req-1' } },
    ]);
    const clock = manualClock();
    const error = await client(stub.url, clock, recordingLogger())
      .call('ordersV0.getOrders', { query }, context)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_UNAVAILABLE,
      attempts: 1,
      details: {
        retryAfterSeconds: 3600,
        ids: { operation: 'ordersV0.getOrders', amznRequestId: 'req-1' },
      },
    });
    expect(clock.sleeps).toEqual([]);
  });

  it("masks Amazon's message (it can echo input) and keeps no token or PII anywhere", async () => {
    const echoed = `Invalid request from jane.doe@example.com, phone +1 415 555 0100, token ${ACCESS_TOKEN}`;
    stub = await startStubServer([
      {
        status: 400,
        headers: { 'x-amzn-requestid': 'req-bad' },
        body: { errors: [{ code: 'InvalidInput', message: echoed, details: ACCESS_TOKEN }] },
      },
    ]);
    const logger = recordingLogger();
    const error = await client(stub.url, manualClock(), logger)
      .call('ordersV0.getOrders', { query }, context)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_ERROR,
      httpStatus: 400,
      amazonCode: 'InvalidInput',
      amznRequestId: 'req-bad',
    });
    expect((error as { amazonMessage: string }).amazonMessage).toMatch(
      /^Invalid request from \[REDACTED:/,
    );
    for (const text of [renderings(error), logger.text()]) {
      expect(text).not.toContain(ACCESS_TOKEN);
      expect(text).not.toContain('jane.doe@example.com');
      expect(text).not.toContain('555 0100');
    }
    expect((error as Error).message).toBe(
      'spapi ordersV0.getOrders: HTTP 400 InvalidInput after 1 attempt(s)',
    );
  });

  it('drops an error code or request id that does not look like one', async () => {
    stub = await startStubServer([
      {
        status: 400,
        headers: { 'x-amzn-requestid': 'not a request id <script>' },
        body: { errors: [{ code: 'Bad code with spaces', message: 'x' }] },
      },
    ]);
    const error = await client(stub.url, manualClock(), recordingLogger())
      .call('ordersV0.getOrders', { query }, context)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ amazonCode: null, amznRequestId: null, httpStatus: 400 });
    expect((error as Error).message).toBe('spapi ordersV0.getOrders: HTTP 400 after 1 attempt(s)');
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    stub = await startStubServer([{ status: 503 }]);
    const controller = new AbortController();
    const clock = manualClock();
    clock.onSleep = () => {
      controller.abort(new Error('shutdown'));
    };
    const work = client(stub.url, clock, recordingLogger()).call(
      'ordersV0.getOrders',
      { query },
      { ...context, signal: controller.signal },
    );
    await expect(work).rejects.toThrow('shutdown');
    expect(stub.requests).toHaveLength(1);
  });
});
