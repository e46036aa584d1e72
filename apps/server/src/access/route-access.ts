/**
 * What a route declares, and how the guard decides.
 *
 * - `'public'`: anyone, signed in or not (health check, sign-in steps, the portal's files).
 *   Sign-in steps (password, MFA, enrolment) are public here: their use case checks its own
 *   half-finished session.
 * - `'authenticated'`: any signed-in principal, for things about the principal itself
 *   (`/me`, sign-out) whose use case reads only the principal's own records.
 * - `{ action, subject, scope? }`: the role must allow `action` on a representative
 *   resource of `scope` (`route-scope.ts`; default: the principal's organization), else
 *   FORBIDDEN. For list and create routes, whose use case then scopes its query.
 * - `{ action, subject, resolve }`: for routes that name one resource. The role must allow
 *   `action` on `subject` at all (else FORBIDDEN); then the guard loads the resource's
 *   attributes and checks the action on it (else NOT_FOUND or FORBIDDEN, see `authorize.ts`).
 *   A resolver validates the parameters it reads and throws VALIDATION_FAILED for malformed
 *   ones: that is bad input, not an access decision (nothing is recorded).
 */
import type { Request } from 'express';
import { AppError, ErrorCode } from '@spapi/shared';
import { routePattern } from '../logging/index.js';
import { checkSubject, tagSubject } from './authorize.js';
import type { Principal } from './principal.js';
import { representativeOf, type RouteScope } from './route-scope.js';
import { abilityOf, principalOf } from './request-principal.js';
import type { ActionOn, AppAbility, SubjectAttributes, SubjectName } from './subjects.js';
import { defineAbilityFor } from './define-ability.js';

export type SubjectResolver<S extends SubjectName> = (
  req: Request,
  principal: Principal,
) => SubjectAttributes[S] | undefined | Promise<SubjectAttributes[S] | undefined>;

export type PermissionRequirement = {
  [S in SubjectName]: { readonly action: ActionOn<S>; readonly subject: S } & (
    | {
        /** Attributes of the targeted resource; `undefined` (no such resource) is NOT_FOUND. */
        readonly resolve: SubjectResolver<S>;
        readonly scope?: never;
      }
    | { readonly scope?: RouteScope; readonly resolve?: never }
  );
}[SubjectName];

export type RouteAccess = 'public' | 'authenticated' | PermissionRequirement;

export type DeniedCode =
  typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN | typeof ErrorCode.NOT_FOUND;

export type AccessOutcome =
  { readonly allowed: true } | { readonly allowed: false; readonly code: DeniedCode };

const ALLOWED: AccessOutcome = { allowed: true };

/** `public`, `authenticated`, or `action Subject` (for logs, errors and the route inventory). */
export function describeAccess(access: RouteAccess): string {
  return typeof access === 'string' ? access : `${access.action} ${access.subject}`;
}

/**
 * The decision that needs no resource: the guard's first step, and what an HTTP test expects
 * for a route whose requirement has no `resolve`. With `resolve` it only asks whether the role
 * may do this to any such resource; the instance decides the rest.
 */
export function checkRouteAccess(
  access: RouteAccess,
  principal: Principal | undefined,
  ability: AppAbility | undefined = principal && defineAbilityFor(principal),
): AccessOutcome {
  if (access === 'public') return ALLOWED;
  if (principal === undefined || ability === undefined) {
    return { allowed: false, code: ErrorCode.UNAUTHENTICATED };
  }
  if (access === 'authenticated') return ALLOWED;
  const target =
    access.resolve === undefined
      ? tagSubject(
          access.subject,
          representativeOf(access.subject, principal, access.scope ?? 'organization'),
        )
      : access.subject;
  return ability.can(access.action, target)
    ? ALLOWED
    : { allowed: false, code: ErrorCode.FORBIDDEN };
}

/** The full decision for a request, resolving the targeted resource when the route asks. */
export async function decideRequest(access: RouteAccess, req: Request): Promise<AccessOutcome> {
  const principal = principalOf(req);
  const ability = principal === undefined ? undefined : abilityOf(req);
  const typeLevel = checkRouteAccess(access, principal, ability);
  if (!typeLevel.allowed || typeof access === 'string' || access.resolve === undefined) {
    return typeLevel;
  }
  if (principal === undefined || ability === undefined) return typeLevel;
  const attributes = await access.resolve(req, principal);
  if (attributes === undefined) return { allowed: false, code: ErrorCode.NOT_FOUND };
  return checkSubject(ability, access.action, access.subject, attributes);
}

export interface AccessDecision {
  /** The declared access (`read Order`). */
  readonly access: string;
  readonly outcome: AccessOutcome;
  /** The matched route pattern with its mount prefix (`/api/users/:userId`), never the URL. */
  readonly route: string;
}

const decisions = new WeakMap<Request, AccessDecision>();

/** The guard's decision for this request, for the audit trail of access attempts. */
export function accessDecisionOf(req: Request): AccessDecision | undefined {
  return decisions.get(req);
}

/** Runs the decision, records it, and throws AppError with the denial code. */
export async function enforceRouteAccess(access: RouteAccess, req: Request): Promise<void> {
  const outcome = await decideRequest(access, req);
  // Read here: once the error leaves the router, `req.baseUrl` no longer has the mount prefix.
  // A router's own root (`/`) is written as its mount path, as in the route inventory.
  const route = routePattern(req).replace(/(.)\/$/, '$1');
  decisions.set(req, { access: describeAccess(access), outcome, route });
  if (!outcome.allowed) throw new AppError(outcome.code, { message: 'Access denied' });
}
