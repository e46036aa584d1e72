/**
 * For HTTP tests that enumerate every registered route × every role: what the guard must
 * answer. The lead's suite signs in one real account per role, walks
 * `assertEveryRouteDeclared(app)` and, per route and role, compares the HTTP status with
 * `expectedStatus(expectedOutcome(entry, principal, target))`.
 */
import { ERROR_HTTP_STATUS } from '@spapi/shared';
import { checkSubject } from '../authorize.js';
import { defineAbilityFor } from '../define-ability.js';
import type { Principal } from '../principal.js';
import { checkRouteAccess, type AccessOutcome } from '../route-access.js';
import type { InventoryEntry } from '../route-inventory.js';
import type { SubjectAttributes, SubjectName } from '../subjects.js';

/** True when the route's guard loads the targeted resource (the outcome depends on it). */
export function resolvesTarget(entry: InventoryEntry): boolean {
  return typeof entry.access !== 'string' && entry.access.resolve !== undefined;
}

/**
 * The guard's answer for `principal` (undefined: anonymous). For a route that resolves its
 * target, `target` is the resource the request names (undefined: no such resource).
 */
export function expectedOutcome(
  entry: InventoryEntry,
  principal: Principal | undefined,
  target?: SubjectAttributes[SubjectName],
): AccessOutcome {
  const { access } = entry;
  const typeLevel = checkRouteAccess(access, principal);
  if (!typeLevel.allowed || principal === undefined || !resolvesTarget(entry)) return typeLevel;
  if (typeof access === 'string') return typeLevel;
  if (target === undefined) return { allowed: false, code: 'NOT_FOUND' };
  return checkSubject(defineAbilityFor(principal), access.action, access.subject, target);
}

/** The HTTP status of a denial, or `allowedStatus` (what the route's handler answers). */
export function expectedStatus(outcome: AccessOutcome, allowedStatus = 200): number {
  return outcome.allowed ? allowedStatus : ERROR_HTTP_STATUS[outcome.code];
}

/** `/orders/:orderId/reveal` + `{ orderId: 'o-1' }` → `/orders/o-1/reveal`. */
export function fillPath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`No value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
