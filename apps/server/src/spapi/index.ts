// The SP-API access layer: the only code that talks to Amazon (Login with Amazon and the
// SP-API). Token manager, typed client with retries, rate governor, per-seller executor.
// See apps/server/README.md, "SP-API access".
export {
  createSpapiAccess,
  clientSecretFrom,
  type SpapiAccess,
  type SpapiAccessOptions,
} from './spapi-access.js';
export { systemClock, scaledClock, type Clock } from './clock.js';
export { DEFAULT_RETRY_POLICY, retryPolicyOf, type RetryPolicy } from './retry-policy.js';
export { createHttpClient, type HttpClientOptions } from './http-transport.js';
export { userAgent, APPLICATION_NAME } from './user-agent.js';
export {
  createLwaClient,
  LWA_TOKEN_PATH,
  type ClientSecretSource,
  type LwaClient,
} from './lwa/lwa-client.js';
export {
  createLwaTokenManager,
  DEFAULT_REFRESH_MARGIN_MS,
  type AuthorizationGrant,
  type LwaTokenManager,
  type SellerConnectionRef,
} from './lwa/lwa-token-manager.js';
export type { RefreshTokenSource } from './lwa/refresh-token-source.port.js';
export {
  LwaError,
  LwaInvalidGrantError,
  isLwaInvalidGrant,
  type LwaGrantType,
} from './lwa/lwa-error.js';
export {
  createSpapiClient,
  type CallContext,
  type SpapiClient,
  type SpapiEvent,
  type SpapiResponse,
} from './client/spapi-client.js';
export { SpapiError, isSpapiError } from './client/spapi-error.js';
export * from './client/report-document.js';
export {
  OPERATION_NAMES,
  SPAPI_OPERATIONS,
  isOperationName,
  resolveOperation,
  type OperationName,
  type RequestOf,
  type ResponseOf,
  type SpapiOperationTypes,
} from './operations/operations.js';
export * from './operations/orders-v0.types.js';
export * from './operations/orders-2026.types.js';
export * from './operations/tokens-reports.types.js';
export { createRateGovernor, type GovernedCall, type RateGovernor } from './rate/rate-governor.js';
export {
  createSellerExecutor,
  type SellerExecutor,
  type TaskPriority,
} from './rate/seller-executor.js';
