/**
 * Subject instances for matrix rows: "a resource of organization A", "of organization B",
 * "the principal's own", "a platform record". Seller fixture principals are in organization A,
 * so `org-a` resources belong to a colleague (PEER_IN_ORG_A) and `self` to the principal.
 */
import type { Principal } from '../principal.js';
import type { SubjectAttributes, SubjectName } from '../subjects.js';
import { ORG_A, ORG_B, OTHER_STAFF, PEER_IN_ORG_A, USER_IN_ORG_B } from './principals.js';

export const Scope = {
  /** No instance: "may this role do this to any such subject?" */
  TYPE: 'type',
  ORG_A: 'org-a',
  ORG_B: 'org-b',
  /** The principal's own record (its profile, session, desktop). */
  SELF: 'self',
  /** A record of no organization (platform alert, platform audit entry, platform review). */
  PLATFORM: 'platform',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export const SCOPE_LABELS: Readonly<Record<Scope, string>> = {
  type: 'any',
  'org-a': 'org A',
  'org-b': 'org B',
  self: 'own',
  platform: 'platform',
};

interface Owner {
  readonly organizationId: string | null;
  readonly userId: string;
}

function ownerFor(scope: Exclude<Scope, 'type'>, principal: Principal): Owner {
  switch (scope) {
    case Scope.ORG_A:
      return { organizationId: ORG_A, userId: PEER_IN_ORG_A };
    case Scope.ORG_B:
      return { organizationId: ORG_B, userId: USER_IN_ORG_B };
    case Scope.SELF:
      return { organizationId: principal.organizationId, userId: principal.userId };
    case Scope.PLATFORM:
      return { organizationId: null, userId: OTHER_STAFF };
  }
}

function build(subject: SubjectName, { organizationId, userId }: Owner): Record<string, unknown> {
  switch (subject) {
    case 'Organization':
      return { id: organizationId ?? 'no-organization', name: 'Fixture Org', status: 'active' };
    case 'User':
      return { id: userId, organizationId, role: 'viewer' };
    case 'Session':
    case 'Device':
      return { userId, organizationId };
    case 'LogBundleRequest':
      return { organizationId, targetUserId: userId, status: 'pending' };
    case 'Key':
      return { id: 'key-1', purpose: 'kek', version: 1 };
    default:
      return { organizationId, id: `${subject}-1` };
  }
}

/**
 * The attributes of a `subject` in `scope`, as seen by `principal`; undefined for `type`.
 * Fixtures only: the cast lets a matrix row ask about odd combinations (a staff "own" order)
 * whose answer must simply be "no".
 */
export function fixtureFor<S extends SubjectName>(
  subject: S,
  scope: Scope,
  principal: Principal,
): SubjectAttributes[S] | undefined {
  if (scope === Scope.TYPE) return undefined;
  return build(subject, ownerFor(scope, principal)) as unknown as SubjectAttributes[S];
}
