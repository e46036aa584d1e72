/**
 * What can be done (actions) to what (subjects), and the attributes of a subject that the
 * policy looks at. The policy is in `*.policy.ts`; this file is the vocabulary.
 */
import type { ForcedSubject, MongoAbility } from '@casl/ability';

/**
 * Actions. There is deliberately no `manage`: in CASL it means "every action", so a
 * `manage Order` grant would silently include `reveal`. Every grant names its actions.
 */
export const Action = {
  READ: 'read',
  CREATE: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  /** Show buyer PII in clear (reason required, audited, time-limited). */
  REVEAL: 'reveal',
  EXPORT: 'export',
  VERIFY: 'verify',
  TRIGGER: 'trigger',
  REVOKE: 'revoke',
  ROTATE: 'rotate',
} as const;
export type Action = (typeof Action)[keyof typeof Action];

export const Subject = {
  Organization: 'Organization',
  User: 'User',
  Session: 'Session',
  Device: 'Device',
  AmazonConnection: 'AmazonConnection',
  SyncJob: 'SyncJob',
  Order: 'Order',
  Report: 'Report',
  RetentionRun: 'RetentionRun',
  AuditEntry: 'AuditEntry',
  Alert: 'Alert',
  CrashReport: 'CrashReport',
  LogBundleRequest: 'LogBundleRequest',
  Key: 'Key',
  AccessReview: 'AccessReview',
} as const;
export type SubjectName = (typeof Subject)[keyof typeof Subject];

/** The actions that mean something for each subject. Routes may only declare these pairs. */
export const SUBJECT_ACTIONS = {
  Organization: ['read', 'create', 'update'],
  User: ['read', 'create', 'update', 'delete'],
  Session: ['read', 'revoke'],
  Device: ['read', 'revoke'],
  AmazonConnection: ['read', 'create', 'update', 'delete'],
  SyncJob: ['read', 'trigger'],
  Order: ['read', 'reveal'],
  Report: ['read', 'create', 'reveal'],
  RetentionRun: ['read', 'trigger', 'verify'],
  AuditEntry: ['read', 'verify', 'export'],
  Alert: ['read', 'update'],
  CrashReport: ['read', 'create'],
  LogBundleRequest: ['read', 'create', 'update'],
  Key: ['read', 'rotate'],
  AccessReview: ['export'],
} as const satisfies Record<SubjectName, readonly Action[]>;

export type ActionOn<S extends SubjectName> = (typeof SUBJECT_ACTIONS)[S][number];

/**
 * The attributes the policy's conditions read, per subject. A real row has more fields; pass
 * it whole (the field-level rules in `fields.ts` decide which of its fields may be shown).
 * `organizationId: null` marks platform-level records (a staff user's session, an audit entry
 * about a platform action, a platform alert).
 */
export interface SubjectAttributes {
  Organization: { readonly id: string };
  User: { readonly id: string; readonly organizationId: string | null };
  Session: { readonly userId: string; readonly organizationId: string | null };
  Device: { readonly userId: string; readonly organizationId: string | null };
  AmazonConnection: { readonly organizationId: string };
  SyncJob: { readonly organizationId: string };
  Order: { readonly organizationId: string };
  Report: { readonly organizationId: string };
  RetentionRun: { readonly organizationId: string | null };
  AuditEntry: { readonly organizationId: string | null };
  Alert: { readonly organizationId: string | null };
  CrashReport: { readonly organizationId: string };
  /** `targetUserId`: whose desktop is asked for its logs. */
  LogBundleRequest: { readonly organizationId: string; readonly targetUserId: string };
  Key: { readonly id: string };
  /** `organizationId: null`: the platform-wide review. */
  AccessReview: { readonly organizationId: string | null };
}

/** A subject instance tagged with its type (what `tagSubject` in `authorize.ts` produces). */
export type TaggedSubject<S extends SubjectName = SubjectName> = {
  [K in S]: ForcedSubject<K> & SubjectAttributes[K];
}[S];

/** The one ability type of the server. */
export type AppAbility = MongoAbility<[Action, SubjectName | TaggedSubject]>;

export const SUBJECT_NAMES = Object.values(Subject);
