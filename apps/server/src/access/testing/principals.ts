/**
 * Fixture principals for tests: every seller role in organization A, staff in none. Other
 * suites (the HTTP route × role enumeration) reuse them to know what to expect.
 */
import type { Principal } from '../principal.js';
import { ALL_ROLES, isSellerRole, type Role } from '../roles.js';

export const ORG_A = 'org-a';
export const ORG_B = 'org-b';
/** Another user of organization A (a colleague of the fixture principals). */
export const PEER_IN_ORG_A = 'user-peer-a';
export const USER_IN_ORG_B = 'user-b';
/** Another staff account. */
export const OTHER_STAFF = 'user-staff-other';

export function principalFor(role: Role, organizationId: string = ORG_A): Principal {
  const userId = `user-${role}`;
  if (isSellerRole(role)) return { userId, role, organizationId };
  return { userId, role, organizationId: null };
}

/** One principal per role; sellers are in ORG_A. */
export const PRINCIPALS: Readonly<Record<Role, Principal>> = Object.fromEntries(
  ALL_ROLES.map((role) => [role, principalFor(role)]),
) as Record<Role, Principal>;
