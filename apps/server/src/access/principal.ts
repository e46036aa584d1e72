import { z } from 'zod';
import { AppError, ErrorCode } from '@spapi/shared';
import { SELLER_ROLES, STAFF_ROLES, type SellerRole, type StaffRole } from './roles.js';

/** A signed-in seller user: always inside exactly one organization. */
export interface SellerPrincipal {
  readonly userId: string;
  readonly role: SellerRole;
  readonly organizationId: string;
}

/** One of our staff: never inside a seller organization. */
export interface StaffPrincipal {
  readonly userId: string;
  readonly role: StaffRole;
  readonly organizationId: null;
}

/**
 * Who is acting: a fully signed-in account (password and MFA done, session or device token
 * valid). The union makes "seller role without organization" and "staff inside an
 * organization" unrepresentable.
 */
export type Principal = SellerPrincipal | StaffPrincipal;

const id = z.string().trim().min(1).max(200);

export const principalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('seller'),
    userId: id,
    role: z.enum(SELLER_ROLES),
    organizationId: id,
  }),
  z.object({
    kind: z.literal('staff'),
    userId: id,
    role: z.enum(STAFF_ROLES),
    organizationId: z.null(),
  }),
]);

/** The shape a user row or session lookup gives us, before it is trusted. */
export interface PrincipalInput {
  readonly userId: unknown;
  readonly role: unknown;
  readonly organizationId: unknown;
}

/**
 * Builds a principal from a stored user, refusing an inconsistent one (a seller role without an
 * organization, a staff role with one, an unknown role). That is a bug or tampering, never user
 * input: it fails closed as INTERNAL (non-operational) rather than granting anything.
 */
export function toPrincipal(input: PrincipalInput): Principal {
  const kind = input.organizationId === null ? 'staff' : 'seller';
  const parsed = principalSchema.safeParse({ ...input, kind });
  if (!parsed.success) {
    throw new AppError(ErrorCode.INTERNAL, {
      operational: false,
      message: 'Inconsistent principal: role and organization do not match the tenancy model',
    });
  }
  const { data } = parsed;
  return data.kind === 'seller'
    ? { userId: data.userId, role: data.role, organizationId: data.organizationId }
    : { userId: data.userId, role: data.role, organizationId: null };
}

export function isSellerPrincipal(principal: Principal): principal is SellerPrincipal {
  return principal.organizationId !== null;
}
