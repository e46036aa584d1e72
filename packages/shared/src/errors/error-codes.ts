/**
 * Every error code the product can put on the wire, with its default HTTP status.
 *
 * Codes are the whole public contract of an error: a response carries a code and a request id,
 * nothing else (STYLE.md rule 10). The UI maps codes to text; the server maps codes to statuses
 * through {@link ERROR_HTTP_STATUS}.
 */
export const ErrorCode = {
  // Input
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  // Identity and access (our accounts, not Amazon's)
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  MFA_REQUIRED: 'MFA_REQUIRED',
  MFA_INVALID: 'MFA_INVALID',
  MFA_ENROLLMENT_REQUIRED: 'MFA_ENROLLMENT_REQUIRED',
  PASSWORD_TOO_WEAK: 'PASSWORD_TOO_WEAK',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  FORBIDDEN: 'FORBIDDEN',
  CSRF_FAILED: 'CSRF_FAILED',
  DEVICE_REVOKED: 'DEVICE_REVOKED',
  // Resources
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RETENTION_EXPIRED: 'RETENTION_EXPIRED',
  RATE_LIMITED: 'RATE_LIMITED',
  // Seller authorization (website OAuth flow) and the SP-API
  OAUTH_STATE_INVALID: 'OAUTH_STATE_INVALID',
  NEEDS_REAUTHORIZATION: 'NEEDS_REAUTHORIZATION',
  SPAPI_UNAUTHORIZED: 'SPAPI_UNAUTHORIZED',
  SPAPI_THROTTLED: 'SPAPI_THROTTLED',
  SPAPI_UNAVAILABLE: 'SPAPI_UNAVAILABLE',
  SPAPI_ERROR: 'SPAPI_ERROR',
  // Desktop
  UPGRADE_REQUIRED: 'UPGRADE_REQUIRED',
  // Ours
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Default HTTP status per code: the one table. `satisfies` makes a missing code a compile error.
 *
 * Upstream (Amazon) failures are never 401/403: those would tell the client that *its* session
 * or role is at fault. A seller grant that Amazon rejects is 424 Failed Dependency; Amazon being
 * down or throttling us is 503 (with Retry-After); anything else from Amazon is 502.
 */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  MFA_REQUIRED: 401,
  MFA_INVALID: 401,
  MFA_ENROLLMENT_REQUIRED: 403,
  PASSWORD_TOO_WEAK: 400,
  ACCOUNT_LOCKED: 423,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  DEVICE_REVOKED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RETENTION_EXPIRED: 410,
  RATE_LIMITED: 429,
  OAUTH_STATE_INVALID: 400,
  NEEDS_REAUTHORIZATION: 424,
  SPAPI_UNAUTHORIZED: 424,
  SPAPI_THROTTLED: 503,
  SPAPI_UNAVAILABLE: 503,
  SPAPI_ERROR: 502,
  UPGRADE_REQUIRED: 426,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

export function defaultStatus(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}
