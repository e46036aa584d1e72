import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/core/auth.js';
import { SimHttpError } from '../../src/core/errors.js';
import { authorize, clientOf, requestToken } from '../helpers/lwa-client.js';
import { useSimHarness } from '../helpers/sim-harness.js';
import { LWA_WORLD, PUBLISHED_APP, SELLER_NA } from './lwa-fixtures.js';

// A fresh simulator per test, so no test sees the codes and tokens of another.
const h = useSimHarness({ ...LWA_WORLD, lifetime: 'each' });

const NOTIFICATIONS = 'sellingpartnerapi::notifications';

describe('client authentication', () => {
  it('answers 401 invalid_client for a wrong secret or an unknown client, without echoing either', async () => {
    const wrongSecret = 'amzn1.oa2-cs.v1.definitely-not-the-secret';
    for (const client of [
      { client_id: PUBLISHED_APP.clientId, client_secret: wrongSecret },
      {
        client_id: 'amzn1.application-oa2-client.unknown',
        client_secret: PUBLISHED_APP.clientSecret,
      },
    ]) {
      const res = await requestToken(h.lwa(), {
        grant_type: 'refresh_token',
        refresh_token: 'Atzr|x',
        ...client,
      });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.text).not.toContain(client.client_secret);
      expect(res.text).not.toContain(client.client_id);
    }
  });
});

describe('request validation', () => {
  it('names a missing parameter with invalid_request', async () => {
    const res = await requestToken(h.lwa(), {
      grant_type: 'authorization_code',
      ...clientOf(PUBLISHED_APP),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request is missing a required parameter : code',
    });
    const noGrant = await requestToken(h.lwa(), {});
    expect(noGrant.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request is missing a required parameter : grant_type',
    });
  });

  it('refuses an unknown grant type with unsupported_grant_type', async () => {
    const res = await requestToken(h.lwa(), {
      grant_type: 'password',
      ...clientOf(PUBLISHED_APP),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });

  it('refuses repeated parameters and malformed JSON without echoing them', async () => {
    const repeated = await fetch(`${h.lwa()}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=Atzr|secret-a&refresh_token=Atzr|secret-b&client_id=a&client_secret=b',
    });
    expect(repeated.status).toBe(400);
    const repeatedText = await repeated.text();
    expect(JSON.parse(repeatedText)).toEqual({
      error: 'invalid_request',
      error_description: 'The request has an invalid parameter : refresh_token',
    });
    expect(repeatedText).not.toContain('secret-a');
    const malformed = await fetch(`${h.lwa()}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"refresh_token","client_secret":"hunter2"',
    });
    expect(malformed.status).toBe(400);
    const malformedText = await malformed.text();
    expect(JSON.parse(malformedText)).toMatchObject({ error: 'invalid_request' });
    expect(malformedText).not.toContain('hunter2');
  });

  it('accepts a JSON body as well as a form', async () => {
    const callback = await authorize(
      h.sellerCentral('na'),
      { application_id: PUBLISHED_APP.applicationId, state: 's' },
      SELLER_NA.sellingPartnerId,
    );
    const res = await requestToken(
      h.lwa(),
      {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('spapi_oauth_code') ?? '',
        ...clientOf(PUBLISHED_APP),
      },
      { json: true },
    );
    expect(res.status).toBe(200);
    expect(res.body.refresh_token).toMatch(/^Atzr\|/);
  });
});

describe('client_credentials (grantless)', () => {
  it('issues a grantless token bound to no seller and no region', async () => {
    const res = await requestToken(h.lwa(), {
      grant_type: 'client_credentials',
      scope: NOTIFICATIONS,
      ...clientOf(PUBLISHED_APP),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scope: NOTIFICATIONS,
      token_type: 'bearer',
      expires_in: 3600,
    });
    expect(res.body).not.toHaveProperty('refresh_token');
    const token = String(res.body.access_token);
    expect(token).toMatch(/^Atc\|/);
    expect(h.state.accessTokens.get(token)).toMatchObject({
      clientId: PUBLISHED_APP.clientId,
      sellingPartnerId: null,
      region: null,
      scope: NOTIFICATIONS,
    });
    expect(() =>
      authenticate(h.state, {
        token,
        method: 'GET',
        path: '/orders/v0/orders',
        region: 'na',
        restricted: false,
      }),
    ).toThrow(SimHttpError);
  });

  it('accepts the rotation scope and refuses other scopes with invalid_scope', async () => {
    const rotation = await requestToken(h.lwa(), {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::client_credential:rotation',
      ...clientOf(PUBLISHED_APP),
    });
    expect(rotation.status).toBe(200);
    const other = await requestToken(h.lwa(), {
      grant_type: 'client_credentials',
      scope: 'profile',
      ...clientOf(PUBLISHED_APP),
    });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('invalid_scope');
    const missing = await requestToken(h.lwa(), {
      grant_type: 'client_credentials',
      ...clientOf(PUBLISHED_APP),
    });
    expect(missing.body).toEqual({
      error: 'invalid_request',
      error_description: 'The request is missing a required parameter : scope',
    });
  });
});

describe('token responses', () => {
  it('are never cached and never leak the client secret', async () => {
    const res = await requestToken(h.lwa(), {
      grant_type: 'client_credentials',
      scope: NOTIFICATIONS,
      ...clientOf(PUBLISHED_APP),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.text).not.toContain(PUBLISHED_APP.clientSecret);
  });
});
