import { inspect } from 'node:util';
import { ErrorCode } from '@spapi/shared';
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderings } from '../../secrets/testing/secret-leaks.js';
import { retryPolicyOf } from '../retry-policy.js';
import { countingHttp, type CountingHttp } from '../testing/counting-http.js';
import { manualClock, type ManualClock } from '../../testing/manual-clock.js';
import { recordingLogger, type RecordingLogger } from '../testing/recording-logger.js';
import { simControl } from '../testing/sim-control.js';
import {
  REDIRECT_URI,
  SELLER_EU,
  SELLER_NA,
  SELLER_NA_2,
  SIM_APP,
  SIM_WORLD,
  authorizeOnConsentPage,
  connectSeller,
  simAmazonConfig,
  testRefreshTokens,
  type TestRefreshTokens,
} from '../testing/sim-world.js';
import { createLwaClient } from './lwa-client.js';
import { LwaError, LwaInvalidGrantError } from './lwa-error.js';
import { createLwaTokenManager, type LwaTokenManager } from './lwa-token-manager.js';

// Against the simulator's Login with Amazon and consent page: the connect flow, caching,
// single flight, the 60-second refresh margin, invalid_grant and region binding.

let sim: RunningSimulator;
let refreshTokens: TestRefreshTokens;

interface Harness {
  access: { tokens: LwaTokenManager };
  counter: CountingHttp;
  clock: ManualClock;
  logger: RecordingLogger;
}

function harness(
  clientSecret: string = SIM_APP.clientSecret,
  source = refreshTokens.source,
): Harness {
  const counter = countingHttp();
  const clock = manualClock();
  const logger = recordingLogger();
  const lwa = createLwaClient({
    lwaBaseUrl: simAmazonConfig(sim.urls).lwaBaseUrl,
    clientId: SIM_APP.clientId,
    clientSecret: () => Promise.resolve(clientSecret),
    http: counter.http,
    clock,
    retry: retryPolicyOf({ maxAttempts: 3 }),
    random: Math.random,
    logger,
  });
  const tokens = createLwaTokenManager({ lwa, refreshTokens: source, clock, logger });
  return { access: { tokens }, counter, clock, logger };
}

beforeAll(async () => {
  sim = await startSimulator(SIM_WORLD);
  refreshTokens = testRefreshTokens();
  const { access } = harness();
  await connectSeller(sim.urls, access.tokens, refreshTokens, SELLER_NA);
  await connectSeller(sim.urls, access.tokens, refreshTokens, SELLER_EU);
});

afterAll(async () => {
  await sim.stop();
});

const NA = SELLER_NA.sellingPartnerId;
const EU = SELLER_EU.sellingPartnerId;

describe('connect flow (authorization_code)', () => {
  it('exchanges the code once, caches the access token for the connection, and refuses a replay', async () => {
    const { access, counter, logger } = harness();
    const code = await authorizeOnConsentPage(sim.urls, NA, 'na');
    const grant = await access.tokens.exchangeAuthorizationCode(code, REDIRECT_URI, {
      connectionId: NA,
      region: 'na',
    });
    expect(grant.refreshToken).toMatch(/^Atzr\|/);
    const token = await access.tokens.accessToken(NA, 'na');
    expect(token).toMatch(/^Atza\|/);
    expect(counter.lwaCalls()).toBe(1); // the exchange's access token was cached

    const replay = await access.tokens
      .exchangeAuthorizationCode(code, REDIRECT_URI)
      .catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(LwaInvalidGrantError);
    expect(replay).toMatchObject({
      code: ErrorCode.NEEDS_REAUTHORIZATION,
      grantType: 'authorization_code',
      attempts: 1,
    });
    for (const secret of [code, grant.refreshToken, token, SIM_APP.clientSecret]) {
      expect(renderings(replay, grant)).not.toContain(secret);
      expect(logger.text()).not.toContain(secret);
    }
  });

  it('the grant redacts its refresh token in JSON and util.inspect', async () => {
    const { access } = harness();
    const code = await authorizeOnConsentPage(sim.urls, NA, 'na');
    const grant = await access.tokens.exchangeAuthorizationCode(code, REDIRECT_URI);
    expect(JSON.stringify(grant)).toBe('{"refreshToken":"[REDACTED]"}');
    expect(inspect(grant)).not.toContain(grant.refreshToken);
  });
});

describe('access tokens (refresh_token)', () => {
  it('caches per seller and region: one LWA call for many requests', async () => {
    const { access, counter } = harness();
    const first = await access.tokens.accessToken(NA, 'na');
    for (let i = 0; i < 5; i += 1) expect(await access.tokens.accessToken(NA, 'na')).toBe(first);
    expect(counter.lwaCalls()).toBe(1);
    expect(access.tokens.stats()).toEqual({ cached: 1, refreshes: 1 });
  });

  it('single flight: concurrent callers share one refresh', async () => {
    const { access, counter } = harness();
    const asked = refreshTokens.asked();
    const tokens = await Promise.all(
      Array.from({ length: 25 }, () => access.tokens.accessToken(NA, 'na')),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(counter.lwaCalls()).toBe(1);
    expect(refreshTokens.asked() - asked).toBe(1);
  });

  it('refreshes 60 s before expiry, not earlier', async () => {
    const { access, counter, clock } = harness();
    const first = await access.tokens.accessToken(NA, 'na');
    clock.advance((3600 - 61) * 1000);
    expect(await access.tokens.accessToken(NA, 'na')).toBe(first);
    expect(counter.lwaCalls()).toBe(1);
    clock.advance(2000); // 59 s left
    const second = await access.tokens.accessToken(NA, 'na');
    expect(second).not.toBe(first);
    expect(counter.lwaCalls()).toBe(2);
  });

  it('keeps tokens apart per (seller, region), and asks the port for the right refresh token', async () => {
    const { access, counter } = harness();
    const na = await access.tokens.accessToken(NA, 'na');
    const eu = await access.tokens.accessToken(EU, 'eu');
    expect(na).not.toBe(eu);
    expect(counter.lwaCalls()).toBe(2);
    // No connection of the EU seller in NA: the port's own error reaches the caller unchanged.
    await expect(access.tokens.accessToken(EU, 'na')).rejects.toThrow('no connection');
    expect(await access.tokens.accessToken(NA, 'na')).toBe(na);
  });

  it('invalidate drops only the token it names', async () => {
    const { access, counter } = harness();
    const first = await access.tokens.accessToken(NA, 'na');
    access.tokens.invalidate(NA, 'na', 'Atza|some-older-token');
    expect(await access.tokens.accessToken(NA, 'na')).toBe(first);
    access.tokens.invalidate(NA, 'na', first);
    expect(await access.tokens.accessToken(NA, 'na')).not.toBe(first);
    expect(counter.lwaCalls()).toBe(2);
  });

  it('forget during a refresh: the late answer does not refill the cache', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowSource = async (
      connectionId: string,
      region: 'na' | 'eu' | 'fe',
    ): Promise<string> => {
      await gate;
      return refreshTokens.source(connectionId, region);
    };
    const { access, counter } = harness(SIM_APP.clientSecret, slowSource);
    const pending = access.tokens.accessToken(NA, 'na');
    access.tokens.forget(NA);
    release();
    await pending; // the caller who asked still gets its token
    expect(access.tokens.stats().cached).toBe(0);
    await access.tokens.accessToken(NA, 'na');
    expect(counter.lwaCalls()).toBe(2);
  });
});

describe('refusals', () => {
  it('invalid_grant once the seller revoked us: a typed error naming no token, and no cached token', async () => {
    const { access, clock, logger } = harness();
    await connectSeller(sim.urls, access.tokens, refreshTokens, SELLER_NA_2);
    const seller = SELLER_NA_2.sellingPartnerId;
    const token = await access.tokens.accessToken(seller, 'na');
    await simControl(sim.urls.control).revoke(seller, SIM_APP.clientId);
    clock.advance(3600 * 1000);
    const error = await access.tokens.accessToken(seller, 'na').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwaInvalidGrantError);
    expect(error).toMatchObject({
      code: ErrorCode.NEEDS_REAUTHORIZATION,
      status: 424,
      oauthError: 'invalid_grant',
      httpStatus: 400,
      attempts: 1,
      details: { ids: { connectionId: seller, region: 'na' } },
    });
    expect(access.tokens.stats().cached).toBe(0);
    const refreshToken = await refreshTokens.source(seller, 'na');
    for (const secret of [refreshToken, token, SIM_APP.clientSecret, 'Atzr|', 'Atza|']) {
      expect(renderings(error)).not.toContain(secret);
      expect(logger.text()).not.toContain(secret);
    }
  });

  it('a wrong client secret is invalid_client: not a re-authorization, and the secret is nowhere', async () => {
    const wrongSecret = 'amzn1.oa2-cs.v1.not-the-right-secret-00000000000';
    const { access, counter, logger } = harness(wrongSecret);
    const error = await access.tokens.accessToken(NA, 'na').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwaError);
    expect(error).not.toBeInstanceOf(LwaInvalidGrantError);
    expect(error).toMatchObject({
      code: ErrorCode.SPAPI_UNAUTHORIZED,
      oauthError: 'invalid_client',
      httpStatus: 401,
    });
    expect(counter.lwaCalls()).toBe(1); // a 4xx is final
    for (const text of [renderings(error), logger.text()]) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain('not-the-right-secret');
    }
  });
});

describe('grantless tokens (client_credentials)', () => {
  it('are issued for a scope and cached per scope', async () => {
    const { access, counter } = harness();
    const scope = 'sellingpartnerapi::notifications';
    const token = await access.tokens.grantlessToken(scope);
    expect(token).toMatch(/^Atc\|/);
    expect(await access.tokens.grantlessToken(scope)).toBe(token);
    expect(counter.lwaCalls()).toBe(1);
    await expect(access.tokens.grantlessToken('sellingpartnerapi::nonsense')).rejects.toMatchObject(
      {
        oauthError: 'invalid_scope',
      },
    );
  });
});
