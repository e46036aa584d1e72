import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/core/auth.js';
import { SimHttpError } from '../../src/core/errors.js';
import { AUTH_CODE_TTL_MS } from '../../src/core/state.js';
import { authorize, clientOf, requestToken } from '../helpers/lwa-client.js';
import { useSimHarness } from '../helpers/sim-harness.js';
import { LWA_WORLD, OTHER_APP, PUBLISHED_APP, SELLER_EU, SELLER_NA } from './lwa-fixtures.js';

// A fresh simulator per test, so no test sees the codes and tokens of another.
const h = useSimHarness({ ...LWA_WORLD, lifetime: 'each' });

const INVALID_CODE = {
  error: 'invalid_grant',
  error_description: 'The request has an invalid grant parameter : code',
};

async function codeFor(
  sellerId = SELLER_NA.sellingPartnerId,
  region: 'na' | 'eu' = 'na',
): Promise<URL> {
  return authorize(
    h.sellerCentral(region),
    { application_id: PUBLISHED_APP.applicationId, state: 'st-123' },
    sellerId,
  );
}

async function exchange(
  code: string,
  extra: Record<string, string> = {},
): ReturnType<typeof requestToken> {
  return requestToken(h.lwa(), {
    grant_type: 'authorization_code',
    code,
    ...clientOf(PUBLISHED_APP),
    ...extra,
  });
}

function sellerAccess(token: string, region: 'na' | 'eu' | 'fe'): ReturnType<typeof authenticate> {
  return authenticate(h.state, {
    token,
    method: 'GET',
    path: '/orders/v0/orders',
    region,
    restricted: false,
  });
}

describe('website authorization workflow', () => {
  it('consent → code → refresh token → access token that SP-API accepts in the seller region', async () => {
    const callback = await codeFor();
    expect(callback.origin + callback.pathname).toBe('https://app.example.test/callback');
    expect(callback.searchParams.get('source')).toBe('sc');
    expect(callback.search.startsWith('?source=sc&state=')).toBe(true);
    expect(callback.searchParams.get('state')).toBe('st-123');
    expect(callback.searchParams.get('selling_partner_id')).toBe(SELLER_NA.sellingPartnerId);
    const code = callback.searchParams.get('spapi_oauth_code') ?? '';
    expect(code).toMatch(/^[A-Za-z0-9]{20}$/);

    const tokens = await exchange(code);
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('cache-control')).toBe('no-store');
    expect(tokens.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(tokens.body.access_token).toMatch(/^Atza\|/);
    const refreshToken = String(tokens.body.refresh_token);
    expect(refreshToken).toMatch(/^Atzr\|/);
    expect(h.state.refreshTokens.get(refreshToken)).toMatchObject({
      clientId: PUBLISHED_APP.clientId,
      sellingPartnerId: SELLER_NA.sellingPartnerId,
      region: 'na',
      revoked: false,
    });

    const refreshed = await requestToken(h.lwa(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientOf(PUBLISHED_APP),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(refreshToken);
    const accessToken = String(refreshed.body.access_token);
    expect(accessToken).toMatch(/^Atza\|/);
    expect(h.state.accessTokens.get(accessToken)).toMatchObject({
      region: 'na',
      sellingPartnerId: SELLER_NA.sellingPartnerId,
    });

    const caller = sellerAccess(accessToken, 'na');
    expect(caller).toMatchObject({
      kind: 'access',
      sellingPartnerId: SELLER_NA.sellingPartnerId,
      region: 'na',
    });
    expect(() => sellerAccess(accessToken, 'eu')).toThrow(SimHttpError);
  });

  it('binds codes and tokens to the region of the Seller Central host', async () => {
    const callback = await codeFor(SELLER_EU.sellingPartnerId, 'eu');
    const tokens = await exchange(callback.searchParams.get('spapi_oauth_code') ?? '');
    expect(h.state.refreshTokens.get(String(tokens.body.refresh_token))?.region).toBe('eu');
  });

  it('refuses a code used a second time', async () => {
    const code = (await codeFor()).searchParams.get('spapi_oauth_code') ?? '';
    expect((await exchange(code)).status).toBe(200);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(INVALID_CODE);
  });

  it('refuses a code after five minutes of sim time', async () => {
    const code = (await codeFor()).searchParams.get('spapi_oauth_code') ?? '';
    h.state.clock.advance(AUTH_CODE_TTL_MS);
    const late = await exchange(code);
    expect(late.status).toBe(400);
    expect(late.body).toEqual(INVALID_CODE);
  });

  it('accepts a code just inside five minutes', async () => {
    const code = (await codeFor()).searchParams.get('spapi_oauth_code') ?? '';
    h.state.clock.advance(AUTH_CODE_TTL_MS - 2_000);
    expect((await exchange(code)).status).toBe(200);
  });

  it('refuses an unknown code and a code issued to another application', async () => {
    expect((await exchange('ABCDEFGHIJKLMNOPQRST')).body).toEqual(INVALID_CODE);
    const code = (await codeFor()).searchParams.get('spapi_oauth_code') ?? '';
    const stolen = await requestToken(h.lwa(), {
      grant_type: 'authorization_code',
      code,
      ...clientOf(OTHER_APP),
    });
    expect(stolen.body).toEqual(INVALID_CODE);
    expect((await exchange(code)).status).toBe(200);
  });

  it('requires the exchange to repeat the redirect_uri given at consent', async () => {
    const redirectUri = PUBLISHED_APP.redirectUris[1] ?? '';
    const callback = await authorize(
      h.sellerCentral('na'),
      { application_id: PUBLISHED_APP.applicationId, state: 's', redirect_uri: redirectUri },
      SELLER_NA.sellingPartnerId,
    );
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    const code = callback.searchParams.get('spapi_oauth_code') ?? '';
    for (const wrong of [{ redirect_uri: PUBLISHED_APP.redirectUris[0] ?? '' }, {}]) {
      const res = await exchange(code, wrong);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
    }
    expect((await exchange(code, { redirect_uri: redirectUri })).status).toBe(200);
  });

  it('without a redirect_uri at consent, accepts none or a registered one at exchange', async () => {
    const code = (await codeFor()).searchParams.get('spapi_oauth_code') ?? '';
    const unregistered = await exchange(code, { redirect_uri: 'https://evil.example.test/cb' });
    expect(unregistered.body).toEqual({
      error: 'invalid_grant',
      error_description: 'The request has an invalid grant parameter : redirect_uri',
    });
    expect(
      (await exchange(code, { redirect_uri: PUBLISHED_APP.redirectUris[1] ?? '' })).status,
    ).toBe(200);
  });
});

describe('refresh tokens', () => {
  async function refreshTokenFor(sellerId: string, region: 'na' | 'eu'): Promise<string> {
    const code = (await codeFor(sellerId, region)).searchParams.get('spapi_oauth_code') ?? '';
    return String((await exchange(code)).body.refresh_token);
  }

  it('stops working when the seller revokes the authorization', async () => {
    const refreshToken = await refreshTokenFor(SELLER_NA.sellingPartnerId, 'na');
    const firstAccess = String(
      (
        await requestToken(h.lwa(), {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          ...clientOf(PUBLISHED_APP),
        })
      ).body.access_token,
    );
    expect(
      h.state.revokeSellerAuthorization(SELLER_NA.sellingPartnerId, PUBLISHED_APP.clientId),
    ).toBe(1);
    const res = await requestToken(h.lwa(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientOf(PUBLISHED_APP),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_grant',
      error_description: 'The request has an invalid grant parameter : refresh_token',
    });
    expect(() => sellerAccess(firstAccess, 'na')).toThrow(SimHttpError);
  });

  it('refuses a refresh token presented by another application', async () => {
    const refreshToken = await refreshTokenFor(SELLER_NA.sellingPartnerId, 'na');
    const res = await requestToken(h.lwa(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientOf(OTHER_APP),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an unknown refresh token and one older than a year', async () => {
    const unknown = await requestToken(h.lwa(), {
      grant_type: 'refresh_token',
      refresh_token: 'Atzr|nope',
      ...clientOf(PUBLISHED_APP),
    });
    expect(unknown.body.error).toBe('invalid_grant');
    const refreshToken = await refreshTokenFor(SELLER_EU.sellingPartnerId, 'eu');
    h.state.clock.advance(366 * 24 * 3600 * 1000);
    const stale = await requestToken(h.lwa(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientOf(PUBLISHED_APP),
    });
    expect(stale.body.error).toBe('invalid_grant');
  });

  it('yields access tokens for the refresh token region only', async () => {
    const refreshToken = await refreshTokenFor(SELLER_EU.sellingPartnerId, 'eu');
    const res = await requestToken(h.lwa(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      ...clientOf(PUBLISHED_APP),
    });
    const accessToken = String(res.body.access_token);
    expect(h.state.accessTokens.get(accessToken)?.region).toBe('eu');
    expect(sellerAccess(accessToken, 'eu').sellingPartnerId).toBe(SELLER_EU.sellingPartnerId);
    expect(() => sellerAccess(accessToken, 'na')).toThrow(SimHttpError);
  });
});
