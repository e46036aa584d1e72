import { ErrorCode } from '@spapi/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { renderings } from '../../secrets/testing/secret-leaks.js';
import { createHttpClient } from '../http-transport.js';
import { retryPolicyOf } from '../retry-policy.js';
import { manualClock, type ManualClock } from '../../testing/manual-clock.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { startStubServer, type StubAnswer, type StubServer } from '../testing/stub-server.js';
import { userAgent } from '../user-agent.js';
import { createLwaClient, type LwaClient } from './lwa-client.js';
import { LwaError, LwaInvalidGrantError } from './lwa-error.js';

// What the simulator's LWA never does (it never faults): outages, throttling, Retry-After,
// descriptions that echo a value. A scripted server stands in for Login with Amazon.

const SECRET = 'amzn1.oa2-cs.v1.stub-secret-0000000000000001';
// Token-shaped stubs, assembled at run time so no credential-looking literal is committed.
const REFRESH = ['Atzr', 'stub-refresh-token-value'].join('|');
const OK: StubAnswer = {
  status: 200,
  body: {
    access_token: 'Atza|stub-access',
    refresh_token: REFRESH,
    token_type: 'bearer',
    expires_in: 3600,
  },
};

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

function client(baseUrl: string, clock: ManualClock, maxAttempts = 4): LwaClient {
  return createLwaClient({
    lwaBaseUrl: `${baseUrl}/`,
    clientId: 'amzn1.application-oa2-client.stub',
    clientSecret: () => Promise.resolve(SECRET),
    http: createHttpClient({ userAgent: userAgent('9.9.9') }),
    clock,
    retry: retryPolicyOf({
      maxAttempts,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      maxRetryAfterMs: 10_000,
    }),
    random: () => 0.5,
    logger: recordingLogger(),
  });
}

const refresh = { grant_type: 'refresh_token', refresh_token: REFRESH } as const;

describe('LWA client', () => {
  it('posts a form with the grant and the client credentials, and our user-agent', async () => {
    stub = await startStubServer([OK]);
    const tokens = await client(stub.url, manualClock()).requestToken(refresh);
    expect(tokens).toEqual({
      accessToken: 'Atza|stub-access',
      refreshToken: REFRESH,
      expiresInSeconds: 3600,
    });
    const [request] = stub.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/auth/o2/token');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.headers['user-agent']).toMatch(
      /^ParcelDesk\/9\.9\.9 \(Language=TypeScript; Platform=Node\/[\d.]+\)$/,
    );
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: 'amzn1.application-oa2-client.stub',
      client_secret: SECRET,
    });
  });

  it('retries 5xx and 429 with backoff, honouring Retry-After, then succeeds', async () => {
    stub = await startStubServer([
      { status: 503, body: { error: 'server_error' } },
      { status: 429, headers: { 'retry-after': '3' }, body: { error: 'slow_down' } },
      { status: 200, body: 'not json' },
      OK,
    ]);
    const clock = manualClock();
    await client(stub.url, clock).requestToken(refresh);
    expect(stub.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([50, 3000, 200]); // jitter 0.5 of 100, Retry-After, 0.5 of 400
  });

  it('gives up after maxAttempts with SPAPI_UNAVAILABLE', async () => {
    stub = await startStubServer([{ status: 500, body: { error: 'server_error' } }]);
    const error = await client(stub.url, manualClock(), 3)
      .requestToken(refresh)
      .catch((e: unknown) => e);
    expect(stub.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(LwaError);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_UNAVAILABLE,
      httpStatus: 500,
      attempts: 3,
    });
  });

  it('does not sleep through a Retry-After beyond the limit', async () => {
    stub = await startStubServer([{ status: 503, headers: { 'retry-after': '3600' } }]);
    const clock = manualClock();
    const error = await client(stub.url, clock)
      .requestToken(refresh)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.SPAPI_UNAVAILABLE, attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it('invalid_grant is final at once, and keeps no description (it can echo a value)', async () => {
    stub = await startStubServer([
      {
        status: 400,
        body: { error: 'invalid_grant', error_description: `bad token ${REFRESH} for a@b.example` },
      },
    ]);
    const error = await client(stub.url, manualClock())
      .requestToken(refresh, { connectionId: 'conn-1', region: 'eu' })
      .catch((e: unknown) => e);
    expect(stub.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(LwaInvalidGrantError);
    expect(error).toMatchObject({
      code: ErrorCode.NEEDS_REAUTHORIZATION,
      details: { ids: { connectionId: 'conn-1', region: 'eu' } },
    });
    expect(renderings(error)).not.toContain(REFRESH);
    expect(renderings(error)).not.toContain('a@b.example');
  });

  it('retries a refused connection, then reports it by its code', async () => {
    const closed = await startStubServer([OK]);
    const url = closed.url;
    await closed.close();
    const clock = manualClock();
    const error = await client(url, clock, 2)
      .requestToken(refresh)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_UNAVAILABLE,
      httpStatus: null,
      networkCode: 'ECONNREFUSED',
      attempts: 2,
    });
    expect(clock.sleeps).toHaveLength(1);
  });
});
