/**
 * What a failed report step means: a code to store and audit, whether another try can help, and
 * whether the seller's authorization is gone. Codes only; no message from Amazon or a library.
 */
import { AppError, ErrorCode, isAppError } from '@spapi/shared';
import { isPiiVaultError } from '../pii-vault/index.js';
import { isLwaInvalidGrant, isSpapiError, ReportDocumentError } from '../spapi/index.js';

export interface ReportFailure {
  readonly code: string;
  readonly transient: boolean;
  readonly invalidGrant: boolean;
  /** `denied` when Amazon refused us the data (roles, grant), else `failure`. */
  readonly outcome: 'failure' | 'denied';
}

/** Amazon's refusal of an RDT because the application lacks the restricted role. */
const NO_ACCESS = /not have access/i;

function failure(code: string, transient = false): ReportFailure {
  return { code, transient, invalidGrant: false, outcome: 'failure' };
}

function reasonOf(error: { details?: { ids?: Readonly<Record<string, string>> } }): string | null {
  const reason = error.details?.ids?.reason;
  return typeof reason === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(reason) ? reason : null;
}

export function classifyFailure(error: unknown): ReportFailure {
  if (isLwaInvalidGrant(error)) {
    return { ...failure(ErrorCode.NEEDS_REAUTHORIZATION), invalidGrant: true, outcome: 'denied' };
  }
  if (error instanceof ReportDocumentError) return failure(error.reason, error.transient);
  if (isSpapiError(error)) {
    if (error.code === ErrorCode.SPAPI_THROTTLED || error.code === ErrorCode.SPAPI_UNAVAILABLE) {
      return failure(error.code, true);
    }
    if (error.code === ErrorCode.SPAPI_UNAUTHORIZED) {
      return { ...failure(error.code), outcome: 'denied' };
    }
    return failure(error.code);
  }
  if (isPiiVaultError(error)) return failure(`VAULT_${error.code}`);
  if (isAppError(error)) {
    // The RDT service's refusal by Amazon keeps Amazon's answer as its cause.
    const cause: unknown = error.cause;
    if (
      error.code === ErrorCode.SPAPI_UNAUTHORIZED &&
      isSpapiError(cause) &&
      cause.httpStatus === 400 &&
      NO_ACCESS.test(cause.amazonMessage ?? '')
    ) {
      return { ...failure('RESTRICTED_ROLE_MISSING'), outcome: 'denied' };
    }
    const reason = reasonOf(error);
    if (error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.SPAPI_UNAUTHORIZED) {
      return { ...failure(reason ?? error.code), outcome: 'denied' };
    }
    return failure(reason ?? error.code, error.code === ErrorCode.SERVICE_UNAVAILABLE);
  }
  return failure(ErrorCode.INTERNAL);
}

/** Report and document ids as Amazon prints them; anything else is not sent on or audited. */
export const AMAZON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function amazonId(value: unknown, name: string): string {
  if (typeof value === 'string' && AMAZON_ID.test(value)) return value;
  throw new AppError(ErrorCode.SPAPI_ERROR, {
    message: 'createReport answered without a usable report id',
    details: { fields: [name] },
  });
}

/** Final failures the service decides itself. */
export const NO_DOCUMENT: ReportFailure = {
  code: 'REPORT_WITHOUT_DOCUMENT',
  transient: false,
  invalidGrant: false,
  outcome: 'failure',
};
export const TIMEOUT: ReportFailure = { ...NO_DOCUMENT, code: 'REPORT_TIMEOUT' };
export const EXPIRED: ReportFailure = { ...NO_DOCUMENT, code: ErrorCode.RETENTION_EXPIRED };
export const INTERRUPTED: ReportFailure = { ...NO_DOCUMENT, code: 'REQUEST_INTERRUPTED' };
