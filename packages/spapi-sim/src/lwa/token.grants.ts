import { createHash, timingSafeEqual } from 'node:crypto';
import { lwaError, type LwaError } from '../core/errors.js';
import type { AccessTokenGrant, AuthCodeGrant, SimApplication } from '../core/grants.js';
import { ACCESS_TOKEN_TTL_SECONDS, mintToken, type SimState } from '../core/state.js';
import type {
  AuthorizationCodeInput,
  ClientCredentialsInput,
  RefreshTokenInput,
} from './token.params.js';

/** Scopes LWA grants to SP-API applications through `client_credentials` (grantless calls). */
export const GRANTLESS_SCOPES: readonly string[] = [
  'sellingpartnerapi::notifications',
  'sellingpartnerapi::client_credential:rotation',
];

/**
 * A seller's authorization of an application lasts a year; after that the seller must
 * authorize again and the old refresh token stops working.
 */
export const REFRESH_TOKEN_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** Token prefixes as LWA issues them. */
export const TOKEN_PREFIX = { access: 'Atza|', refresh: 'Atzr|', grantless: 'Atc|' } as const;

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  scope?: string;
  token_type: 'bearer';
  expires_in: number;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Client authentication. Unknown client and wrong secret give the same answer, and the secret
 * comparison is constant-time, so neither response nor timing tells which it was.
 */
export function authenticateClient(
  state: SimState,
  clientId: string,
  clientSecret: string,
): SimApplication {
  const application = state.applications.get(clientId);
  const secretMatches = timingSafeEqual(
    digest(application?.clientSecret ?? ''),
    digest(clientSecret),
  );
  if (!application || !secretMatches)
    throw lwaError(401, 'invalid_client', 'Client authentication failed');
  return application;
}

/** LWA's wording; it names the parameter, never its value. */
const invalidGrant = (parameter: 'code' | 'refresh_token' | 'redirect_uri'): LwaError =>
  lwaError(400, 'invalid_grant', `The request has an invalid grant parameter : ${parameter}`);

function issueAccessToken(
  state: SimState,
  binding: Pick<AccessTokenGrant, 'clientId' | 'sellingPartnerId' | 'region' | 'scope'>,
  now: number,
): AccessTokenGrant {
  const prefix = binding.sellingPartnerId === null ? TOKEN_PREFIX.grantless : TOKEN_PREFIX.access;
  const grant: AccessTokenGrant = {
    ...binding,
    token: mintToken(prefix),
    expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000,
  };
  state.accessTokens.set(grant.token, grant);
  return grant;
}

/** The token endpoint's JSON answer for an issued access token. */
function tokenResponse(
  access: AccessTokenGrant,
  extra: Pick<TokenResponse, 'refresh_token'> | Pick<TokenResponse, 'scope'>,
): TokenResponse {
  return {
    access_token: access.token,
    ...extra,
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
  };
}

/** An access token for the seller and region a grant (code or refresh token) is bound to. */
function issueSellerAccessToken(
  state: SimState,
  application: SimApplication,
  grant: Pick<AccessTokenGrant, 'sellingPartnerId' | 'region'>,
  now: number,
): AccessTokenGrant {
  const { sellingPartnerId, region } = grant;
  return issueAccessToken(
    state,
    { clientId: application.clientId, sellingPartnerId, region, scope: null },
    now,
  );
}

/**
 * When the consent request named a redirect_uri, the exchange must repeat it exactly
 * (RFC 6749 §4.1.3). When it did not, redirect_uri may be left out (as LWA clients commonly
 * do) but, if sent, must be one of the application's registered redirect URIs.
 */
function redirectMatches(
  code: AuthCodeGrant,
  application: SimApplication,
  given: string | undefined,
): boolean {
  if (code.redirectUri !== undefined) return given === code.redirectUri;
  return given === undefined || application.redirectUris.includes(given);
}

/**
 * `grant_type=authorization_code`. A code works once, for five sim-minutes, for the client it
 * was issued to. A replayed code is refused but tokens from its first use stay valid: RFC 6749
 * suggests revoking them, Amazon documents no such behaviour, so we do not invent it.
 */
export function exchangeAuthorizationCode(
  state: SimState,
  application: SimApplication,
  input: AuthorizationCodeInput,
): TokenResponse {
  const now = state.clock.now();
  const code = state.authCodes.get(input.code);
  if (!code || code.used || code.expiresAt <= now || code.clientId !== application.clientId) {
    throw invalidGrant('code');
  }
  if (!redirectMatches(code, application, input.redirect_uri)) throw invalidGrant('redirect_uri');
  code.used = true;
  const refreshToken = mintToken(TOKEN_PREFIX.refresh);
  state.refreshTokens.set(refreshToken, {
    token: refreshToken,
    clientId: application.clientId,
    sellingPartnerId: code.sellingPartnerId,
    region: code.region,
    issuedAt: now,
    revoked: false,
  });
  const access = issueSellerAccessToken(state, application, code, now);
  return tokenResponse(access, { refresh_token: refreshToken });
}

/**
 * `grant_type=refresh_token`. The new access token is bound to the refresh token's seller
 * and region; the refresh token itself is returned unchanged, as LWA does. A refresh token
 * presented by another application's (valid) client is `invalid_grant`: the client
 * authenticated, the grant is not theirs (RFC 6749 §5.2).
 */
export function refreshAccessToken(
  state: SimState,
  application: SimApplication,
  input: RefreshTokenInput,
): TokenResponse {
  const now = state.clock.now();
  const grant = state.refreshTokens.get(input.refresh_token);
  if (
    !grant ||
    grant.revoked ||
    grant.clientId !== application.clientId ||
    grant.issuedAt + REFRESH_TOKEN_TTL_MS <= now
  ) {
    throw invalidGrant('refresh_token');
  }
  const access = issueSellerAccessToken(state, application, grant, now);
  return tokenResponse(access, { refresh_token: grant.token });
}

/** `grant_type=client_credentials`: a grantless token, bound to no seller and no region. */
export function issueGrantlessToken(
  state: SimState,
  application: SimApplication,
  input: ClientCredentialsInput,
): TokenResponse {
  const scopes = input.scope.split(' ').filter((s) => s !== '');
  if (scopes.length === 0 || scopes.some((s) => !GRANTLESS_SCOPES.includes(s))) {
    throw lwaError(400, 'invalid_scope', 'An unknown scope was requested');
  }
  const scope = scopes.join(' ');
  const access = issueAccessToken(
    state,
    { clientId: application.clientId, sellingPartnerId: null, region: null, scope },
    state.clock.now(),
  );
  return tokenResponse(access, { scope });
}
