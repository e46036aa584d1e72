/**
 * A failed SP-API call: which operation, the HTTP status (or the transport failure), Amazon's
 * error code, its message masked, and `x-amzn-RequestId` (what Amazon support asks for). The
 * AppError code tells the caller what to do: SPAPI_THROTTLED and SPAPI_UNAVAILABLE are worth
 * retrying later, SPAPI_UNAUTHORIZED means the seller's grant or our token is refused,
 * SPAPI_ERROR is anything else (a bad request, an unknown order).
 *
 * Nothing here holds a token, a header or a request URL: an RDT or access token cannot leak
 * through `message`, `JSON.stringify` or `util.inspect`.
 */
import { AppError, ErrorCode, type ErrorDetails } from '@spapi/shared';
import type { OperationName } from '../operations/operations.js';
import { safeCode, safeMessage, safeRequestId } from '../safe-text.js';

export interface SpapiFailure {
  /** The HTTP status, or `null` when no complete response arrived. */
  readonly httpStatus: number | null;
  /** `errors[0].code` of Amazon's body. */
  readonly amazonCode?: unknown;
  /** `errors[0].message` of Amazon's body (masked before it is kept). */
  readonly amazonMessage?: unknown;
  readonly requestId?: unknown;
  /** Transport failure code (`ECONNRESET`, `TRUNCATED`, …) when `httpStatus` is null. */
  readonly networkCode?: string | null;
  /** A `Retry-After` we did not wait for. */
  readonly retryAfterMs?: number | undefined;
}

function codeFor(httpStatus: number | null): ErrorCode {
  if (httpStatus === null || httpStatus >= 500) return ErrorCode.SPAPI_UNAVAILABLE;
  if (httpStatus === 429) return ErrorCode.SPAPI_THROTTLED;
  if (httpStatus === 401 || httpStatus === 403) return ErrorCode.SPAPI_UNAUTHORIZED;
  return ErrorCode.SPAPI_ERROR;
}

export class SpapiError extends AppError {
  readonly operation: OperationName;
  readonly httpStatus: number | null;
  readonly amazonCode: string | null;
  readonly amazonMessage: string | null;
  readonly amznRequestId: string | null;
  readonly networkCode: string | null;
  /** Attempts made, the first one included. */
  readonly attempts: number;

  constructor(operation: OperationName, failure: SpapiFailure, attempts: number) {
    const amazonCode = safeCode(failure.amazonCode);
    const amznRequestId = safeRequestId(failure.requestId);
    const networkCode = failure.networkCode ?? null;
    const outcome =
      failure.httpStatus === null
        ? `network ${networkCode ?? 'failure'}`
        : `HTTP ${String(failure.httpStatus)}${amazonCode === null ? '' : ` ${amazonCode}`}`;
    const details: ErrorDetails = {
      ids: { operation, ...(amznRequestId === null ? {} : { amznRequestId }) },
      ...(failure.retryAfterMs === undefined
        ? {}
        : { retryAfterSeconds: Math.ceil(failure.retryAfterMs / 1000) }),
    };
    super(codeFor(failure.httpStatus), {
      message: `spapi ${operation}: ${outcome} after ${String(attempts)} attempt(s)`,
      details,
    });
    this.operation = operation;
    this.httpStatus = failure.httpStatus;
    this.amazonCode = amazonCode;
    this.amazonMessage = safeMessage(failure.amazonMessage);
    this.amznRequestId = amznRequestId;
    this.networkCode = networkCode;
    this.attempts = attempts;
  }
}

export function isSpapiError(value: unknown, code?: ErrorCode): value is SpapiError {
  return value instanceof SpapiError && (code === undefined || value.code === code);
}
