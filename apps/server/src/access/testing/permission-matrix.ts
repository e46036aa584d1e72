/**
 * The permission matrix: what each role may do, written out by hand as the product's intent.
 * `permission-matrix.test.ts` asserts every cell against `defineAbilityFor`, and the README's
 * "Access control" table is this list rendered (a test keeps them equal).
 */
import { Role, type Role as RoleName } from '../roles.js';
import type { ActionOn, SubjectName } from '../subjects.js';
import { Scope } from './subject-fixtures.js';

export type MatrixRow = {
  [S in SubjectName]: {
    readonly capability: string;
    readonly action: ActionOn<S>;
    readonly subject: S;
    readonly field?: string;
    readonly scope: Scope;
    readonly allowed: readonly RoleName[];
  };
}[SubjectName];

const { OWNER, OPERATOR, VIEWER, SUPPORT, PLATFORM_ADMIN } = Role;
const NOBODY: readonly RoleName[] = [];
const SELLERS = [OWNER, OPERATOR, VIEWER];
const FULFILMENT = [OWNER, OPERATOR];
const EVERYONE = [...SELLERS, SUPPORT, PLATFORM_ADMIN];
const { TYPE, ORG_A, ORG_B, SELF, PLATFORM } = Scope;

function row<S extends SubjectName>(
  capability: string,
  check: readonly [action: ActionOn<S>, subject: S, field?: string],
  scope: Scope,
  allowed: readonly RoleName[],
): MatrixRow {
  const [action, subject, field] = check;
  const base = { capability, action, subject, scope, allowed };
  return (field === undefined ? base : { ...base, field }) as MatrixRow;
}

export const PERMISSION_MATRIX: readonly MatrixRow[] = [
  // Organization and its users
  row('See the organization', ['read', 'Organization'], ORG_A, EVERYONE),
  row('Rename the organization', ['update', 'Organization', 'name'], ORG_A, [OWNER]),
  row('Support/admin: list organizations', ['read', 'Organization', 'name'], ORG_B, [
    SUPPORT,
    PLATFORM_ADMIN,
  ]),
  row('Create an organization', ['create', 'Organization'], TYPE, [PLATFORM_ADMIN]),
  row('Suspend an organization', ['update', 'Organization', 'status'], ORG_A, [PLATFORM_ADMIN]),
  row('List users and roles', ['read', 'User'], ORG_A, [OWNER]),
  row('Invite a user', ['create', 'User'], ORG_A, [OWNER]),
  row("Change a colleague's role", ['update', 'User', 'role'], ORG_A, [OWNER]),
  row('Change own role', ['update', 'User', 'role'], SELF, NOBODY),
  row('Deactivate a user', ['delete', 'User'], ORG_A, [OWNER]),
  row('Own profile', ['read', 'User'], SELF, EVERYONE),
  row('Read a password hash', ['read', 'User', 'passwordHash'], SELF, NOBODY),
  row('Own sessions', ['read', 'Session'], SELF, EVERYONE),
  row('Revoke own session', ['revoke', 'Session'], SELF, EVERYONE),
  row("Colleagues' sessions", ['read', 'Session'], ORG_A, [OWNER]),
  row("Revoke a colleague's session", ['revoke', 'Session'], ORG_A, [OWNER]),
  row('Own desktop devices', ['read', 'Device'], SELF, EVERYONE),
  row("Revoke a colleague's device", ['revoke', 'Device'], ORG_A, [OWNER]),
  row("Another organization's sessions", ['revoke', 'Session'], ORG_B, NOBODY),
  // Amazon connection and sync
  row('Connection health', ['read', 'AmazonConnection'], ORG_A, SELLERS),
  row('Connect an Amazon account', ['create', 'AmazonConnection'], ORG_A, [OWNER]),
  row('Choose the Orders API version', ['update', 'AmazonConnection', 'ordersApiVersion'], ORG_A, [
    OWNER,
  ]),
  row('Disconnect', ['delete', 'AmazonConnection'], ORG_A, [OWNER]),
  row('Read the refresh token', ['read', 'AmazonConnection', 'refreshToken'], ORG_A, NOBODY),
  row('Sync status and progress', ['read', 'SyncJob'], ORG_A, SELLERS),
  row('Sync now', ['trigger', 'SyncJob'], ORG_A, FULFILMENT),
  // Orders and buyer PII
  row('Order list and detail (masked)', ['read', 'Order'], ORG_A, SELLERS),
  row('Order status', ['read', 'Order', 'orderStatus'], ORG_A, SELLERS),
  row('Shipping address in a read', ['read', 'Order', 'shippingAddress'], ORG_A, NOBODY),
  row('Reveal shipping address', ['reveal', 'Order', 'shippingAddress'], ORG_A, FULFILMENT),
  row('Reveal buyer name', ['reveal', 'Order', 'buyerName'], ORG_A, FULFILMENT),
  row('Reveal phone', ['reveal', 'Order', 'phone'], ORG_A, FULFILMENT),
  row('Reveal gift message', ['reveal', 'Order', 'giftMessage'], ORG_A, FULFILMENT),
  row('Search by exact postal code', ['reveal', 'Order', 'postalCode'], ORG_A, FULFILMENT),
  row("Another organization's orders", ['read', 'Order'], ORG_B, NOBODY),
  row('Reveal in another organization', ['reveal', 'Order', 'shippingAddress'], ORG_B, NOBODY),
  // Reports
  row('Request a customer report', ['create', 'Report'], ORG_A, FULFILMENT),
  row('Report status', ['read', 'Report'], ORG_A, SELLERS),
  row('Report document (PII)', ['reveal', 'Report', 'document'], ORG_A, FULFILMENT),
  // Retention
  row('Retention status', ['read', 'RetentionRun'], ORG_A, [...SELLERS, PLATFORM_ADMIN]),
  row('Run retention', ['trigger', 'RetentionRun'], TYPE, [PLATFORM_ADMIN]),
  row('Retention verify', ['verify', 'RetentionRun'], TYPE, [PLATFORM_ADMIN]),
  // Audit
  row('Audit trail', ['read', 'AuditEntry'], ORG_A, [OWNER, PLATFORM_ADMIN]),
  row("Another organization's audit trail", ['read', 'AuditEntry'], ORG_B, [PLATFORM_ADMIN]),
  row('Platform audit entries', ['read', 'AuditEntry'], PLATFORM, [PLATFORM_ADMIN]),
  row('Verify the audit chain', ['verify', 'AuditEntry'], TYPE, [PLATFORM_ADMIN]),
  row('Export audit checkpoints', ['export', 'AuditEntry'], TYPE, [PLATFORM_ADMIN]),
  // Alerts and access review
  row('Alerts', ['read', 'Alert'], ORG_A, [OWNER, PLATFORM_ADMIN]),
  row('Acknowledge an alert', ['update', 'Alert', 'acknowledgedAt'], ORG_A, [
    OWNER,
    PLATFORM_ADMIN,
  ]),
  row('Platform alerts', ['read', 'Alert'], PLATFORM, [PLATFORM_ADMIN]),
  row('Access review export', ['export', 'AccessReview'], ORG_A, [OWNER, PLATFORM_ADMIN]),
  row('Platform access review', ['export', 'AccessReview'], PLATFORM, [PLATFORM_ADMIN]),
  // Support console and desktop support
  row('Read scrubbed crash reports', ['read', 'CrashReport'], ORG_A, [SUPPORT]),
  row('Upload a crash report', ['create', 'CrashReport'], ORG_A, SELLERS),
  row('Request a log bundle', ['create', 'LogBundleRequest'], ORG_A, [SUPPORT]),
  row('See log-bundle requests', ['read', 'LogBundleRequest'], ORG_A, [OWNER, SUPPORT]),
  row('Answer a log-bundle request', ['update', 'LogBundleRequest', 'status'], SELF, SELLERS),
  // Keys
  row('List keys (no material)', ['read', 'Key'], TYPE, [PLATFORM_ADMIN]),
  row('Read key material', ['read', 'Key', 'material'], TYPE, NOBODY),
  row('Rotate keys', ['rotate', 'Key'], TYPE, [PLATFORM_ADMIN]),
];
