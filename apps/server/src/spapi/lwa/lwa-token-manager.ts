/**
 * Access tokens per (connection, region), in memory only. A cached token is handed out until 60 s
 * before it expires (refreshMarginMs); then the next caller refreshes it, and every caller that
 * arrives meanwhile waits for that same refresh (single flight), so a burst of calls costs one
 * LWA request. `invalid_grant` drops the cached token and surfaces as LwaInvalidGrantError.
 *
 * Tokens never appear in a log line, an error or a serialisation of this object: the cache is
 * a closure, and results that must carry a token (the refresh token of a new authorization)
 * redact themselves in JSON.stringify and util.inspect.
 */
import { inspect } from 'node:util';
import type { AmazonRegion } from '../../config/index.js';
import type { Logger } from '../../logging/index.js';
import type { Clock } from '../clock.js';
import type { LwaClient, LwaTokens } from './lwa-client.js';
import { isLwaInvalidGrant } from './lwa-error.js';
import type { RefreshTokenSource } from './refresh-token-source.port.js';

export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

export interface SellerConnectionRef {
  readonly connectionId: string;
  readonly region: AmazonRegion;
}

/** The outcome of the connect flow's code exchange. Store `refreshToken` encrypted; never log it. */
export interface AuthorizationGrant {
  readonly refreshToken: string;
}

export interface LwaTokenManager {
  /** A valid access token for the connection in that region (cached, refreshed, single-flight). */
  accessToken(connectionId: string, region: AmazonRegion): Promise<string>;
  /**
   * Drops the cached token (after Amazon refused it). With `token`, only if it is still the
   * cached one, so a token refreshed meanwhile by another caller survives.
   */
  invalidate(connectionId: string, region: AmazonRegion, token?: string): void;
  /** Forgets every token of a connection (disconnect, re-authorization). */
  forget(connectionId: string): void;
  /**
   * The connect flow: exchanges `spapi_oauth_code` for tokens. With `connection`, the access
   * token is cached for it; the refresh token is returned for the caller to store.
   */
  exchangeAuthorizationCode(
    code: string,
    redirectUri?: string,
    connection?: SellerConnectionRef,
  ): Promise<AuthorizationGrant>;
  /** A grantless token (client_credentials) for `scope`, cached like seller tokens. */
  grantlessToken(scope: string): Promise<string>;
  /** Counts only, for tests and metrics. */
  stats(): { readonly cached: number; readonly refreshes: number };
}

export interface LwaTokenManagerOptions {
  readonly lwa: LwaClient;
  readonly refreshTokens: RefreshTokenSource;
  readonly clock: Clock;
  readonly refreshMarginMs?: number;
  readonly logger?: Logger | undefined;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
  /** When it stops being handed out: `refreshMarginMs` before expiry. */
  readonly refreshAt: number;
}

function grantOf(refreshToken: string): AuthorizationGrant {
  const redacted = { refreshToken: '[REDACTED]' };
  return Object.freeze({
    refreshToken,
    toJSON: () => redacted,
    [inspect.custom]: () => redacted,
  });
}

export function createLwaTokenManager(options: LwaTokenManagerOptions): LwaTokenManager {
  const { lwa, clock, logger } = options;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const cache = new Map<string, CachedToken>();
  const inflight = new Map<string, Promise<CachedToken>>();
  /** Bumped by forget/invalidate, so a refresh that was in flight does not refill the cache. */
  const generations = new Map<string, number>();
  let refreshes = 0;

  const connectionKey = (connectionId: string, region: AmazonRegion): string =>
    `connection|${connectionId}|${region}`;
  const generation = (key: string): number => generations.get(key) ?? 0;
  const bump = (key: string): void => {
    generations.set(key, generation(key) + 1);
    cache.delete(key);
    inflight.delete(key);
  };

  const cacheEntry = (tokens: LwaTokens, startedAt: number): CachedToken => {
    const lifetime = tokens.expiresInSeconds * 1000;
    // A token shorter-lived than twice the margin is still used for half its life.
    const early = Math.min(margin, lifetime / 2);
    return {
      token: tokens.accessToken,
      expiresAt: startedAt + lifetime,
      refreshAt: startedAt + lifetime - early,
    };
  };

  /** The cached token if still fresh, else one refresh shared by every concurrent caller. */
  const tokenFor = async (key: string, fetchTokens: () => Promise<LwaTokens>): Promise<string> => {
    const cached = cache.get(key);
    if (cached !== undefined && clock.now() < cached.refreshAt) return cached.token;
    let pending = inflight.get(key);
    if (pending === undefined) {
      const startedGeneration = generation(key);
      const startedAt = clock.now();
      pending = (async () => {
        refreshes += 1;
        const entry = cacheEntry(await fetchTokens(), startedAt);
        if (generation(key) === startedGeneration) cache.set(key, entry);
        return entry;
      })();
      const settled = pending.finally(() => {
        if (inflight.get(key) === pending) inflight.delete(key);
      });
      inflight.set(key, pending);
      settled.catch(() => undefined);
    }
    return (await pending).token;
  };

  return {
    accessToken: async (connectionId, region) => {
      const key = connectionKey(connectionId, region);
      try {
        return await tokenFor(key, async () => {
          const refreshToken = await options.refreshTokens(connectionId, region);
          logger?.debug('lwa.refresh', { connectionId, region });
          return lwa.requestToken(
            { grant_type: 'refresh_token', refresh_token: refreshToken },
            { connectionId, region },
          );
        });
      } catch (error: unknown) {
        if (isLwaInvalidGrant(error)) cache.delete(key);
        throw error;
      }
    },
    invalidate: (connectionId, region, token) => {
      const key = connectionKey(connectionId, region);
      const cached = cache.get(key);
      if (cached !== undefined && (token === undefined || cached.token === token))
        cache.delete(key);
    },
    forget: (connectionId) => {
      const prefix = `connection|${connectionId}|`;
      const keys = new Set([...cache.keys(), ...inflight.keys(), ...generations.keys()]);
      for (const key of keys) if (key.startsWith(prefix)) bump(key);
    },
    exchangeAuthorizationCode: async (code, redirectUri, connection) => {
      const startedAt = clock.now();
      const tokens = await lwa.requestToken(
        {
          grant_type: 'authorization_code',
          code,
          ...(redirectUri === undefined ? {} : { redirect_uri: redirectUri }),
        },
        connection ?? {},
      );
      if (tokens.refreshToken === null)
        throw new TypeError('LWA answered the code exchange without a refresh token');
      if (connection !== undefined) {
        const key = connectionKey(connection.connectionId, connection.region);
        bump(key);
        cache.set(key, cacheEntry(tokens, startedAt));
      }
      return grantOf(tokens.refreshToken);
    },
    grantlessToken: (scope) =>
      tokenFor(`grantless|${scope}`, () =>
        lwa.requestToken({ grant_type: 'client_credentials', scope }),
      ),
    stats: () => ({ cached: cache.size, refreshes }),
  };
}
