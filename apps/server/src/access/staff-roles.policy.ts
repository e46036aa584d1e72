/**
 * What our staff may do. Staff are in no organization and nothing here carries an
 * organization condition: their grants are platform-wide, and none of them touches a seller's
 * operational data (connections, sync jobs, orders, reports) or any PII field.
 */
import type { AbilityBuilder } from '@casl/ability';
import { FieldClass, fieldsOf, someFieldsOf } from './fields.js';
import type { StaffPrincipal } from './principal.js';
import { Role } from './roles.js';
import type { AppAbility } from './subjects.js';

type Builder = AbilityBuilder<AppAbility>;

const plain = FieldClass.PLAIN;

export function grantStaffRole(builder: Builder, principal: StaffPrincipal): void {
  switch (principal.role) {
    case Role.SUPPORT:
      grantSupport(builder);
      return;
    case Role.PLATFORM_ADMIN:
      grantPlatformAdmin(builder);
      return;
  }
}

/** Support console: organizations (plain fields only), scrubbed crash reports, log bundles. */
function grantSupport({ can }: Builder): void {
  can('read', 'Organization', fieldsOf('Organization', plain));
  can('read', 'CrashReport');
  can(['read', 'create'], 'LogBundleRequest');
}

/** Platform operations: keys, retention, audit, access reviews, alerts, organization lifecycle. */
function grantPlatformAdmin({ can }: Builder): void {
  can('read', 'Organization', fieldsOf('Organization', plain));
  can('create', 'Organization');
  can('update', 'Organization', someFieldsOf('Organization', 'status'));
  can('read', 'Key', fieldsOf('Key', plain));
  can('rotate', 'Key');
  can(['read', 'trigger', 'verify'], 'RetentionRun');
  can(['read', 'verify', 'export'], 'AuditEntry');
  can('read', 'Alert');
  can('update', 'Alert', someFieldsOf('Alert', 'acknowledgedAt'));
  can('export', 'AccessReview');
}
