/**
 * The closed catalogue of audited actions and target kinds. Failure, denial and success are the
 * entry's `outcome`, not separate actions: a failed sign-in is `auth.sign-in` + `failure`, a
 * failed MFA code `mfa.verify` + `failure`, an RDT that Amazon refuses `rdt.request` + `denied`.
 * Names are stored as they are here; never rename one (old entries keep the old name).
 */
export const AuditAction = {
  SIGN_IN: 'auth.sign-in',
  SIGN_OUT: 'auth.sign-out',
  ACCOUNT_LOCKED: 'auth.lockout',
  PASSWORD_CHANGE: 'auth.password-change',
  PASSWORD_RESET: 'auth.password-reset',
  /** The password step of a sign-in passed; MFA follows. */
  PASSWORD_VERIFY: 'auth.password-verify',
  PASSWORD_RESET_REQUEST: 'auth.password-reset-request',
  MFA_ENROL_BEGIN: 'mfa.enrol-begin',
  MFA_ENROL: 'mfa.enrol',
  MFA_RECOVERY_CODES_ISSUE: 'mfa.recovery-codes-issue',
  MFA_VERIFY: 'mfa.verify',
  MFA_RECOVERY_CODE_USE: 'mfa.recovery-code-use',
  MFA_RESET: 'mfa.reset',
  SESSION_CREATE: 'session.create',
  SESSION_ROTATE: 'session.rotate',
  SESSION_REVOKE: 'session.revoke',
  SESSION_REVOKE_ALL: 'session.revoke-all',
  SESSION_EXPIRE: 'session.expire',
  DEVICE_ISSUE: 'device.issue',
  DEVICE_REFRESH: 'device.refresh',
  DEVICE_REVOKE: 'device.revoke',
  ORGANIZATION_CREATE: 'organization.create',
  USER_CREATE: 'user.create',
  USER_INVITE: 'user.invite',
  USER_INVITATION_ACCEPT: 'user.invitation-accept',
  USER_ROLE_CHANGE: 'user.role-change',
  USER_DEACTIVATE: 'user.deactivate',
  ACCESS_DENY: 'access.deny',
  RDT_REQUEST: 'rdt.request',
  PII_REVEAL: 'pii.reveal',
  DATA_EXPORT: 'data.export',
  KEY_ROTATE: 'key.rotate',
  RETENTION_RUN: 'retention.run',
  CONFIG_CHANGE: 'config.change',
  LOG_BUNDLE_REQUEST: 'support.log-bundle-request',
  CRASH_REPORT_VIEW: 'support.crash-report-view',
  AUDIT_VERIFY: 'audit.verify',
  /** The whole trail written to a file for an auditor (`audit export`). */
  AUDIT_EXPORT: 'audit.export',
  ACCESS_REVIEW_EXPORT: 'access-review.export',
  ALERT_RAISE: 'alert.raise',
  /** A user started a seller authorization (consent round trip). */
  AMAZON_AUTHORIZE_START: 'amazon.authorize-start',
  /** The consent came back: a connection was created or re-authorized. */
  AMAZON_CONNECT: 'amazon.connect',
  AMAZON_CONNECTION_UPDATE: 'amazon.connection-update',
  AMAZON_DISCONNECT: 'amazon.disconnect',
  /** Amazon refused the refresh token (`invalid_grant`): sync paused until the seller re-authorizes. */
  AMAZON_REAUTHORIZATION_REQUIRED: 'amazon.reauthorization-required',
  /** A canary order was planted (the entry names the organization, never the order id). */
  CANARY_ADD: 'canary.add',
} as const;

export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];
export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AuditAction);

/** What an entry's `target.id` names. A `buyer` id is always a keyed HMAC (buyer-pseudonym.ts). */
export const AuditTargetType = {
  ORGANIZATION: 'organization',
  USER: 'user',
  SESSION: 'session',
  DEVICE: 'device',
  ORDER: 'order',
  BUYER: 'buyer',
  SELLER_GRANT: 'seller-grant',
  KEY: 'key',
  EXPORT: 'export',
  RETENTION_RUN: 'retention-run',
  CONFIGURATION: 'configuration',
  LOG_BUNDLE: 'log-bundle',
  CRASH_REPORT: 'crash-report',
  ALERT: 'alert',
  AUDIT_TRAIL: 'audit-trail',
  ACCESS_REVIEW: 'access-review',
} as const;

export type AuditTargetType = (typeof AuditTargetType)[keyof typeof AuditTargetType];
export const AUDIT_TARGET_TYPES: readonly AuditTargetType[] = Object.values(AuditTargetType);
