/**
 * The permission policy's entry point: one ability per principal. All grants live in
 * `seller-roles.policy.ts`, `staff-roles.policy.ts` and the self-service grants below; there
 * are no `cannot` rules, so a permission exists exactly when a grant names it.
 */
import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { FieldClass, fieldsOf } from './fields.js';
import { toPrincipal, type Principal } from './principal.js';
import { grantSellerRole } from './seller-roles.policy.js';
import { grantStaffRole } from './staff-roles.policy.js';
import type { AppAbility } from './subjects.js';

export function defineAbilityFor(principal: Principal): AppAbility {
  // Re-checked at run time: a cast or a corrupted row must not widen anyone's access.
  const checked = toPrincipal(principal);
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  grantSelfService(builder, checked);
  if (checked.organizationId === null) grantStaffRole(builder, checked);
  else grantSellerRole(builder, checked);
  return builder.build();
}

/** Every account: its own profile, sessions and devices. */
function grantSelfService({ can }: AbilityBuilder<AppAbility>, { userId }: Principal): void {
  can('read', 'User', fieldsOf('User', FieldClass.PLAIN), { id: userId });
  can(['read', 'revoke'], 'Session', { userId });
  can(['read', 'revoke'], 'Device', { userId });
}
