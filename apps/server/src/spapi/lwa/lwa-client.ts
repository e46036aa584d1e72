/**
 * Login with Amazon's token endpoint (`POST {lwaBaseUrl}/auth/o2/token`, form-encoded, client
 * credentials in the body) with bounded retries for throttling, outages and network failures.
 * OAuth errors other than 429/5xx are final. The client secret is asked for on every request
 * (the secrets provider caches it), so a rotated secret is picked up without a restart.
 */
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import type { AmazonRegion } from '../../config/index.js';
import type { Logger } from '../../logging/index.js';
import type { Clock } from '../clock.js';
import { sendHttp, type HttpOutcome } from '../http-transport.js';
import { backoffDelayMs, retryAfterMs, type RetryPolicy } from '../retry-policy.js';
import { LwaError, LwaInvalidGrantError, type LwaFailure, type LwaGrantType } from './lwa-error.js';

export const LWA_TOKEN_PATH = '/auth/o2/token';

/** The LWA client secret, from the secrets provider (`secrets.get('lwaClientSecret')`). */
export type ClientSecretSource = () => Promise<string>;

export type LwaGrant =
  | { readonly grant_type: 'refresh_token'; readonly refresh_token: string }
  | {
      readonly grant_type: 'authorization_code';
      readonly code: string;
      readonly redirect_uri?: string;
    }
  | { readonly grant_type: 'client_credentials'; readonly scope: string };

/** Holds tokens: never log it. */
export interface LwaTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresInSeconds: number;
}

export interface LwaClientOptions {
  /** `https://api.amazon.com`, or the simulator. */
  readonly lwaBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: ClientSecretSource;
  readonly http: AxiosInstance;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  readonly random: () => number;
  readonly logger?: Logger | undefined;
}

/** Who the request is for, for logs and errors (ids only). */
export interface LwaRequestContext {
  readonly connectionId?: string;
  readonly region?: AmazonRegion;
}

export interface LwaClient {
  requestToken(grant: LwaGrant, context?: LwaRequestContext): Promise<LwaTokens>;
}

/** Bounded: a hostile or broken answer must not put a huge header or an eternal token in play. */
const TokenBody = z.object({
  access_token: z.string().min(1).max(4096),
  refresh_token: z.string().min(1).max(4096).optional(),
  expires_in: z.number().int().positive().max(86_400),
});

const ErrorBody = z.object({ error: z.string() });

type Attempt =
  | { kind: 'done'; tokens: LwaTokens }
  | { kind: 'retry'; failure: LwaFailure; waitMs?: number }
  | { kind: 'fail'; failure: LwaFailure };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function judge(outcome: HttpOutcome, grantType: LwaGrantType): Attempt {
  if (outcome.kind === 'failure') {
    const failure: LwaFailure = { grantType, httpStatus: null, networkCode: outcome.code };
    return outcome.transient ? { kind: 'retry', failure } : { kind: 'fail', failure };
  }
  const body = parseJson(outcome.text);
  if (outcome.status >= 200 && outcome.status < 300) {
    const parsed = TokenBody.safeParse(body);
    if (parsed.success) {
      const { access_token, refresh_token, expires_in } = parsed.data;
      const tokens = {
        accessToken: access_token,
        refreshToken: refresh_token ?? null,
        expiresInSeconds: expires_in,
      };
      return { kind: 'done', tokens };
    }
    return { kind: 'retry', failure: { grantType, httpStatus: null, networkCode: 'TRUNCATED' } };
  }
  const oauthError = ErrorBody.safeParse(body).data?.error;
  const failure: LwaFailure = { grantType, httpStatus: outcome.status, oauthError };
  if (outcome.status === 429 || outcome.status >= 500) {
    const waitMs = retryAfterMs(outcome.headers['retry-after'], Date.now());
    return waitMs === undefined ? { kind: 'retry', failure } : { kind: 'retry', failure, waitMs };
  }
  return { kind: 'fail', failure };
}

function errorOf(failure: LwaFailure, attempts: number): LwaError {
  return failure.oauthError === 'invalid_grant'
    ? new LwaInvalidGrantError(failure, attempts)
    : new LwaError(failure, attempts);
}

export function createLwaClient(options: LwaClientOptions): LwaClient {
  const url = `${options.lwaBaseUrl.replace(/\/+$/, '')}${LWA_TOKEN_PATH}`;
  const { retry, clock, logger } = options;

  const send = async (grant: LwaGrant): Promise<HttpOutcome> => {
    const form = new URLSearchParams({
      ...grant,
      client_id: options.clientId,
      client_secret: await options.clientSecret(),
    });
    return sendHttp(options.http, {
      method: 'post',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: form.toString(),
    });
  };

  return {
    requestToken: async (grant, context = {}) => {
      const grantType = grant.grant_type;
      for (let attempt = 1; ; attempt += 1) {
        const result = judge(await send(grant), grantType);
        if (result.kind === 'done') {
          logger?.debug('lwa.token.issued', { grantType, attempt, ...context });
          return result.tokens;
        }
        const failure: LwaFailure = { ...result.failure, ...context };
        const waitMs =
          result.kind === 'retry'
            ? (result.waitMs ?? backoffDelayMs(retry, attempt, options.random))
            : 0;
        if (
          result.kind === 'fail' ||
          attempt >= retry.maxAttempts ||
          waitMs > retry.maxRetryAfterMs
        ) {
          const error = errorOf(failure, attempt);
          logger?.warn('lwa.token.failed', {
            grantType,
            attempt,
            code: error.code,
            httpStatus: error.httpStatus,
            oauthError: error.oauthError,
            ...context,
          });
          throw error;
        }
        logger?.warn('lwa.token.retry', {
          grantType,
          attempt,
          httpStatus: failure.httpStatus,
          networkCode: failure.networkCode ?? null,
          waitMs,
          ...context,
        });
        await clock.sleep(waitMs);
      }
    },
  };
}
