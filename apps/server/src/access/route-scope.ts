/**
 * What a route without `resolve` is checked against: a representative resource, so that
 * "may list users" means "may read the users of my organization", not "may read some user"
 * (every account may read itself, which would let every role past a users route).
 *
 * - `organization` (the default): a resource of the principal's organization that is not the
 *   principal's own (a colleague's user, session, device). For staff, who are in no
 *   organization, a platform resource: their grants carry no conditions.
 * - `self`: the principal's own record (`/me/sessions`, the desktop's own log-bundle requests).
 */
import type { Principal } from './principal.js';
import type { SubjectAttributes, SubjectName } from './subjects.js';

export const RouteScope = { ORGANIZATION: 'organization', SELF: 'self' } as const;
export type RouteScope = (typeof RouteScope)[keyof typeof RouteScope];

/** An id no real record has (ids are UUIDs): "someone else", "some other record". */
const SOMEONE_ELSE = '\u0000someone-else';

export function representativeOf(
  subject: SubjectName,
  principal: Principal,
  scope: RouteScope,
): SubjectAttributes[SubjectName] {
  const { organizationId } = principal;
  const userId = scope === RouteScope.SELF ? principal.userId : SOMEONE_ELSE;
  switch (subject) {
    case 'Organization':
      return { id: organizationId ?? SOMEONE_ELSE };
    case 'User':
      return { id: userId, organizationId };
    case 'Session':
    case 'Device':
      return { userId, organizationId };
    case 'LogBundleRequest':
      return { organizationId: organizationId ?? SOMEONE_ELSE, targetUserId: userId };
    case 'Key':
      return { id: SOMEONE_ELSE };
    default:
      return { organizationId };
  }
}
