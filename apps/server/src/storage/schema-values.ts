/**
 * Closed value sets stored in text columns. The initial migrations enforce them with CHECK
 * constraints (inlined there, frozen in time); a test inserts every value listed here, so a
 * value added here without a migration fails in CI.
 */

/** Seller roles: a user with one of these belongs to exactly one organization. */
export const ORGANIZATION_ROLES = ['owner', 'operator', 'viewer'] as const;
/** Our staff: no organization, no PII anywhere. */
export const STAFF_ROLES = ['support', 'platform-admin'] as const;
export const USER_ROLES = [...ORGANIZATION_ROLES, ...STAFF_ROLES] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const ORGANIZATION_STATUSES = ['active', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const USER_TOKEN_PURPOSES = ['invitation', 'password-reset'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

export const AMAZON_REGION_VALUES = ['na', 'eu', 'fe'] as const;
export type AmazonRegionValue = (typeof AMAZON_REGION_VALUES)[number];

export const AMAZON_CONNECTION_STATUSES = [
  'active',
  'needs-reauthorization',
  'disconnected',
] as const;
export type AmazonConnectionStatus = (typeof AMAZON_CONNECTION_STATUSES)[number];

export const ORDERS_API_VERSIONS = ['v0', '2026-01-01'] as const;
export type OrdersApiVersion = (typeof ORDERS_API_VERSIONS)[number];

/**
 * Whether an order holds buyer PII (`orders.pii_state`): `present`, `none` (Amazon sent none),
 * or `purged` by retention (for good: a purged order never stores PII again).
 */
export const ORDER_PII_STATES = ['present', 'purged', 'none'] as const;
export type OrderPiiState = (typeof ORDER_PII_STATES)[number];

export const AUDIT_ACTOR_KINDS = ['user', 'device', 'system', 'cli'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * What a data key is for (`data_keys.purpose`): `pii-field` keys encrypt PII attributes,
 * `blind-index` keys compute the keyed hashes that find rows by an encrypted value.
 */
export const DATA_KEY_PURPOSES = ['pii-field', 'blind-index'] as const;
export type DataKeyPurpose = (typeof DATA_KEY_PURPOSES)[number];

/** `prev_hash` of the first audit entry: 64 zeros (SHA-256 width, hex). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** What started a sync run (`sync_runs.trigger`). */
export const SYNC_TRIGGERS = ['schedule', 'manual', 'connect'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/**
 * How a sync run stands (`sync_runs.status`): `paused` when Amazon refused the seller's grant
 * (re-authorization needed), `interrupted` when the process stopped under it (found at start-up).
 */
export const SYNC_RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'paused',
  'interrupted',
] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
