/**
 * Roles and the tenancy model.
 *
 * Tenancy: a seller **organization** owns everything that comes from its Amazon account
 * (connections, sync jobs, orders and their buyer PII, reports, retention runs, its slice of
 * the audit trail, its alerts). Every seller user belongs to exactly one organization and every
 * permission a seller role has is bound to that organization's id. Our **staff** belong to no
 * organization: they never act inside a seller's data; they get platform-wide, non-PII views
 * (support) or platform operations (platform-admin). The role lives on the user row (no
 * membership table); a CHECK constraint in `storage/` enforces the same split.
 *
 * "PII" in this module means Amazon Restricted Data about buyers (name, address, phone, email,
 * postal code, gift message, tax data). Our own users' account data (an email to sign in with)
 * is personal data too, but it is seen only by the user and their organization's owner.
 */

export const Role = {
  /** Seller organization owner: runs the organization, manages its users, may reveal PII. */
  OWNER: 'owner',
  /** Fulfilment operator: sees orders, may reveal buyer PII for fulfilment (audited). */
  OPERATOR: 'operator',
  /** Analyst / viewer: order lists and numbers, never PII. */
  VIEWER: 'viewer',
  /** Our support staff: organizations without PII, scrubbed crash reports, log bundles. */
  SUPPORT: 'support',
  /** Our platform admins: keys, retention, audit verification, access reviews, alerts. */
  PLATFORM_ADMIN: 'platform-admin',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

/** Roles bound to one seller organization. */
export const SELLER_ROLES = [Role.OWNER, Role.OPERATOR, Role.VIEWER] as const;
export type SellerRole = (typeof SELLER_ROLES)[number];

/** Our staff: in no seller organization. */
export const STAFF_ROLES = [Role.SUPPORT, Role.PLATFORM_ADMIN] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role, seller roles first (the column order of the permission matrix). */
export const ALL_ROLES: readonly Role[] = [...SELLER_ROLES, ...STAFF_ROLES];

const SELLER_ROLE_SET: ReadonlySet<string> = new Set(SELLER_ROLES);
const STAFF_ROLE_SET: ReadonlySet<string> = new Set(STAFF_ROLES);

export function isSellerRole(value: unknown): value is SellerRole {
  return typeof value === 'string' && SELLER_ROLE_SET.has(value);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && STAFF_ROLE_SET.has(value);
}

export function isRole(value: unknown): value is Role {
  return isSellerRole(value) || isStaffRole(value);
}
