/**
 * The principal of a request, kept beside the request rather than on `res.locals`: only code
 * that imports `bindPrincipal` can set it, so no other middleware can forge or overwrite it.
 */
import type { Request } from 'express';
import { AppError, ErrorCode } from '@spapi/shared';
import { defineAbilityFor } from './define-ability.js';
import type { Principal } from './principal.js';
import type { AppAbility } from './subjects.js';

const principals = new WeakMap<Request, Principal>();
const abilities = new WeakMap<Request, AppAbility>();

/**
 * Called by the authentication middleware once the session or device token is valid **and**
 * MFA is done. A request half-way through sign-in has no principal. Binding twice is a bug.
 */
export function bindPrincipal(req: Request, principal: Principal): void {
  if (principals.has(req)) {
    throw new AppError(ErrorCode.INTERNAL, {
      operational: false,
      message: 'A principal is already bound to this request',
    });
  }
  principals.set(req, principal);
}

export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/** The principal, or AppError(UNAUTHENTICATED). */
export function requirePrincipal(req: Request): Principal {
  const principal = principals.get(req);
  if (principal === undefined) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, { message: 'No signed-in principal' });
  }
  return principal;
}

/** The request's ability, built once per request. Throws UNAUTHENTICATED without a principal. */
export function abilityOf(req: Request): AppAbility {
  const cached = abilities.get(req);
  if (cached !== undefined) return cached;
  const ability = defineAbilityFor(requirePrincipal(req));
  abilities.set(req, ability);
  return ability;
}
