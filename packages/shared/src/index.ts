// @spapi/shared: contracts, errors and PII masking for every process, browser renderer included.
// No Node built-ins, frameworks or drivers (enforced in eslint.config.js).

export {
  AppError,
  isAppError,
  type AppErrorOptions,
  type ErrorDetails,
  type ErrorIssue,
} from './errors/app-error.js';
export { ERROR_HTTP_STATUS, ErrorCode, defaultStatus, isErrorCode } from './errors/error-codes.js';
export {
  UNKNOWN_REQUEST_ID,
  errorCodeOf,
  errorCodeSchema,
  errorResponseBodySchema,
  safeRequestId,
  toErrorResponse,
  type ErrorResponse,
  type ErrorResponseBody,
} from './errors/error-response.js';

export { parseOrThrow, toIssues } from './validation/parse.js';
export {
  AMAZON_ORDER_ID,
  amazonOrderIdSchema,
  asinSchema,
  boundedString,
  isoDateTimeSchema,
  marketplaceIdSchema,
  sellingPartnerIdSchema,
  uuidSchema,
} from './validation/common.schemas.js';
export { fail, failFrom, ok, resultSchema, toResult, type Result } from './validation/result.js';

export {
  createMasker,
  maskPii,
  maskString,
  type MaskPattern,
  type Masker,
  type MaskerOptions,
} from './pii/masker.js';
export { isRedactionMarker, redacted, REDACTED_PREFIX } from './pii/redaction-marker.js';
export { normalizeKey } from './pii/pii-keys.js';

export {
  AMAZON_REGIONS,
  MARKETPLACES,
  isMarketplaceOf,
  marketplacesOf,
  type AmazonRegion,
  type Marketplace,
} from './amazon/marketplaces.js';

export * from './contracts/index.js';
