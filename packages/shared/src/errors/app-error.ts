import { defaultStatus, isErrorCode, type ErrorCode } from './error-codes.js';

/** One validation problem: where, and what kind. Never the rejected value. */
export interface ErrorIssue {
  /** Dotted path into the input, e.g. `items.0.asin`. */
  readonly path: string;
  /** The validator's issue code, e.g. `invalid_type`, `too_big`. */
  readonly code: string;
}

/**
 * Structured, value-free context for logs and the error handler. The shape is closed on
 * purpose: there is no free-form bag to drop a value into. Ids are opaque identifiers (order
 * id, seller id, Amazon request id), never names, addresses or tokens.
 */
export interface ErrorDetails {
  readonly issues?: readonly ErrorIssue[];
  /** Names of fields involved, e.g. the unique field of a conflict. */
  readonly fields?: readonly string[];
  /** Opaque identifiers keyed by kind, e.g. `{ orderId, amznRequestId }`. */
  readonly ids?: Readonly<Record<string, string>>;
  /** For RATE_LIMITED / SPAPI_THROTTLED: when the caller may retry. */
  readonly retryAfterSeconds?: number;
}

export interface AppErrorOptions {
  /** Overrides the table default; must be a 4xx/5xx status. */
  readonly status?: number;
  /** Operational errors are expected (bad input, Amazon down); false means a bug. Default true. */
  readonly operational?: boolean;
  readonly details?: ErrorDetails;
  /** Constant text for logs. Never interpolate values into it; put ids in `details.ids`. */
  readonly message?: string;
  /** The underlying error, for logs only (it passes through the PII masker there). */
  readonly cause?: unknown;
}

/** The one error type the product throws on purpose (practica's AppError). */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly operational: boolean;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? code, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.status = isErrorStatus(options.status) ? options.status : defaultStatus(code);
    this.operational = options.operational ?? true;
    if (options.details !== undefined) this.details = options.details;
  }
}

function isErrorStatus(status: number | undefined): status is number {
  return status !== undefined && Number.isInteger(status) && status >= 400 && status <= 599;
}

/**
 * True for an AppError, including one from another copy of this module (a second bundle, a
 * test double): same name, a known code, a status and an operational flag.
 */
export function isAppError(value: unknown): value is AppError {
  if (value instanceof AppError) return true;
  if (!(value instanceof Error) || value.name !== 'AppError') return false;
  const candidate = value as Partial<Record<'code' | 'status' | 'operational', unknown>>;
  return (
    isErrorCode(candidate.code) &&
    typeof candidate.status === 'number' &&
    typeof candidate.operational === 'boolean'
  );
}
