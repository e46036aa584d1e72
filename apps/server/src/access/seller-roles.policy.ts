/**
 * What seller roles may do. Every grant is bound to the principal's organization (or to the
 * principal itself); nothing here reaches another organization or a platform record.
 *
 * Owners may reveal PII: in most seller businesses the owner also packs and answers buyers,
 * and an owner who could not reveal would simply make themselves an operator. Reveals by any
 * role are reasoned, audited, time-limited and counted by the unusual-access alert.
 */
import type { AbilityBuilder } from '@casl/ability';
import { FieldClass, fieldsOf, someFieldsOf } from './fields.js';
import type { SellerPrincipal } from './principal.js';
import { Role } from './roles.js';
import type { AppAbility } from './subjects.js';

type Builder = AbilityBuilder<AppAbility>;

const plain = FieldClass.PLAIN;
const pii = FieldClass.PII;

/** Status updates a seller's desktop sends while fulfilling a log-bundle request for itself. */
const LOG_BUNDLE_FULFILMENT_FIELDS = someFieldsOf(
  'LogBundleRequest',
  'status',
  'bundleId',
  'uploadedAt',
);

export function grantSellerRole(builder: Builder, principal: SellerPrincipal): void {
  grantEverySellerRole(builder, principal);
  switch (principal.role) {
    case Role.OWNER:
      grantFulfilment(builder, principal);
      grantOwner(builder, principal);
      return;
    case Role.OPERATOR:
      grantFulfilment(builder, principal);
      return;
    case Role.VIEWER:
      return;
  }
}

/** Owner, operator and viewer: non-PII views of their own organization. */
function grantEverySellerRole({ can }: Builder, { organizationId, userId }: SellerPrincipal): void {
  const inOrg = { organizationId };
  can('read', 'Organization', fieldsOf('Organization', plain), { id: organizationId });
  can('read', 'AmazonConnection', fieldsOf('AmazonConnection', plain), inOrg);
  can('read', 'SyncJob', inOrg);
  can('read', 'Order', fieldsOf('Order', plain), inOrg);
  can('read', 'Report', fieldsOf('Report', plain), inOrg);
  can('read', 'RetentionRun', inOrg);
  // The user's own desktop: uploads scrubbed crash reports, answers log-bundle requests for it.
  can('create', 'CrashReport', inOrg);
  can('read', 'LogBundleRequest', { organizationId, targetUserId: userId });
  can('update', 'LogBundleRequest', LOG_BUNDLE_FULFILMENT_FIELDS, {
    organizationId,
    targetUserId: userId,
  });
}

/** Owner and operator: the work that needs buyer data. */
function grantFulfilment({ can }: Builder, { organizationId }: SellerPrincipal): void {
  const inOrg = { organizationId };
  can('trigger', 'SyncJob', inOrg);
  can('reveal', 'Order', fieldsOf('Order', pii), inOrg);
  can('create', 'Report', inOrg);
  can('reveal', 'Report', fieldsOf('Report', pii), inOrg);
}

/** Owner: the organization itself, its users, its Amazon connection, its oversight. */
function grantOwner({ can }: Builder, { organizationId, userId }: SellerPrincipal): void {
  const inOrg = { organizationId };
  // Not themselves: no self-demotion or self-deactivation (the last-owner rule is in the use case).
  const otherUserInOrg = { organizationId, id: { $ne: userId } };
  can('update', 'Organization', someFieldsOf('Organization', 'name'), { id: organizationId });
  can('read', 'User', fieldsOf('User', plain), inOrg);
  can('create', 'User', inOrg);
  can('update', 'User', someFieldsOf('User', 'role', 'status'), otherUserInOrg);
  can('delete', 'User', otherUserInOrg);
  can(['read', 'revoke'], 'Session', inOrg);
  can(['read', 'revoke'], 'Device', inOrg);
  can('create', 'AmazonConnection', inOrg);
  can(
    'update',
    'AmazonConnection',
    someFieldsOf('AmazonConnection', 'ordersApiVersion', 'marketplaceIds'),
    inOrg,
  );
  can('delete', 'AmazonConnection', inOrg);
  can('read', 'AuditEntry', inOrg);
  can('read', 'Alert', inOrg);
  can('update', 'Alert', someFieldsOf('Alert', 'acknowledgedAt'), inOrg);
  can('export', 'AccessReview', inOrg);
  can('read', 'LogBundleRequest', inOrg);
}
