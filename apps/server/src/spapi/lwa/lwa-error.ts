/**
 * A failed Login with Amazon token request. Only LWA's OAuth error code is kept (never its
 * description, never a parameter value): `invalid_grant` becomes {@link LwaInvalidGrantError}
 * (NEEDS_REAUTHORIZATION: the seller revoked us, the refresh token expired, or an authorization
 * code was reused or is too old), throttling and outages SPAPI_THROTTLED / SPAPI_UNAVAILABLE,
 * anything else (our client id or secret refused) SPAPI_UNAUTHORIZED.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import type { AmazonRegion } from '../../config/index.js';
import { safeCode } from '../safe-text.js';

export type LwaGrantType = 'refresh_token' | 'authorization_code' | 'client_credentials';

export interface LwaFailure {
  readonly grantType: LwaGrantType;
  readonly httpStatus: number | null;
  /** The body's `error`. */
  readonly oauthError?: unknown;
  readonly networkCode?: string | null;
  readonly connectionId?: string | undefined;
  readonly region?: AmazonRegion | undefined;
}

function codeFor(failure: LwaFailure, oauthError: string | null): ErrorCode {
  if (oauthError === 'invalid_grant') return ErrorCode.NEEDS_REAUTHORIZATION;
  if (failure.httpStatus === 429) return ErrorCode.SPAPI_THROTTLED;
  if (failure.httpStatus === null || failure.httpStatus >= 500) return ErrorCode.SPAPI_UNAVAILABLE;
  return ErrorCode.SPAPI_UNAUTHORIZED;
}

export class LwaError extends AppError {
  readonly grantType: LwaGrantType;
  readonly httpStatus: number | null;
  /** LWA's OAuth error code (`invalid_grant`, `invalid_client`, …), when it sent one. */
  readonly oauthError: string | null;
  readonly networkCode: string | null;
  readonly attempts: number;

  constructor(failure: LwaFailure, attempts: number) {
    const oauthError = safeCode(failure.oauthError);
    const outcome =
      failure.httpStatus === null
        ? `network ${failure.networkCode ?? 'failure'}`
        : `HTTP ${String(failure.httpStatus)}${oauthError === null ? '' : ` ${oauthError}`}`;
    const ids: Record<string, string> = {};
    if (failure.connectionId !== undefined) ids.connectionId = failure.connectionId;
    if (failure.region !== undefined) ids.region = failure.region;
    super(codeFor(failure, oauthError), {
      message: `lwa ${failure.grantType}: ${outcome} after ${String(attempts)} attempt(s)`,
      details: { ids },
    });
    this.grantType = failure.grantType;
    this.httpStatus = failure.httpStatus;
    this.oauthError = oauthError;
    this.networkCode = failure.networkCode ?? null;
    this.attempts = attempts;
  }
}

/**
 * LWA refused the grant: for a refresh token, the connection needs re-authorization by the
 * seller (mark it, pause its sync, alert); for an authorization code, the connect flow must
 * start again.
 */
export class LwaInvalidGrantError extends LwaError {}

export function isLwaInvalidGrant(value: unknown): value is LwaInvalidGrantError {
  return value instanceof LwaInvalidGrantError;
}
