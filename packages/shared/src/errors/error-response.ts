import { z } from 'zod';
import { isAppError } from './app-error.js';
import { defaultStatus, ErrorCode } from './error-codes.js';

/** What an error response carries, and all it carries. */
export interface ErrorResponseBody {
  readonly code: ErrorCode;
  readonly requestId: string;
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorResponseBody;
  /** Seconds for a Retry-After header, when the error says so. */
  readonly retryAfterSeconds?: number;
}

export const errorCodeSchema = z.enum(ErrorCode);

/** For clients parsing an error response from the server. */
export const errorResponseBodySchema = z.strictObject({
  code: errorCodeSchema,
  requestId: z.string().max(128),
});

/** Request ids can come from a client header; only opaque id characters pass. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const UNKNOWN_REQUEST_ID = 'unknown';

export function safeRequestId(requestId: unknown): string {
  return typeof requestId === 'string' && REQUEST_ID.test(requestId)
    ? requestId
    : UNKNOWN_REQUEST_ID;
}

/**
 * Turns anything thrown into a response that is safe to send: a code from the table and the
 * request id. An AppError keeps its code and status; a zod error (someone called `.parse`
 * instead of `parseOrThrow`) is a validation failure; anything else is INTERNAL. No message,
 * stack or detail of the thrown value ever reaches the body.
 */
export function toErrorResponse(error: unknown, requestId: unknown): ErrorResponse {
  const id = safeRequestId(requestId);
  if (isAppError(error)) {
    const retry = error.details?.retryAfterSeconds;
    const body = { code: error.code, requestId: id };
    return retry !== undefined && Number.isFinite(retry) && retry >= 0
      ? { status: error.status, body, retryAfterSeconds: Math.ceil(retry) }
      : { status: error.status, body };
  }
  const code = error instanceof z.core.$ZodError ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
  return { status: defaultStatus(code), body: { code, requestId: id } };
}

/** The error code for anything thrown, for IPC results and metrics. */
export function errorCodeOf(error: unknown): ErrorCode {
  return toErrorResponse(error, UNKNOWN_REQUEST_ID).body.code;
}
