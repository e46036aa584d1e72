/**
 * An organization's members, managed by its owner (and the admin CLI): invite, change a role,
 * deactivate, list. The route guard has checked the principal's permission on the targeted
 * user; the use cases check it again with the same policy (a CLI or future caller gets the
 * same rules) and enforce what the policy cannot express (seller roles only inside an
 * organization, one account per email).
 *
 * A role change or a deactivation is a privilege change: every session and desktop device of
 * the member ends at once, so the next request is made with the new role or not at all.
 */
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '@spapi/shared';
import { authorize, defineAbilityFor, type Principal } from '../access/index.js';
import { AuditAction } from '../audit/audit-actions.js';
import { isUniqueViolation, type UserRole } from '../storage/index.js';
import type { AccountTokenService } from './account-token.service.js';
import { audit, type AuditActor } from './audit-entry.js';
import type { DeviceRepository } from './device.repository.js';
import type { AuditSink, Clock, RequestContext } from './identity.ports.js';
import type { SessionService } from './session.service.js';
import { normalizeEmail, type MemberView, type UserRepository } from './user.repository.js';

export interface TeamDeps {
  readonly users: UserRepository;
  readonly sessions: SessionService;
  readonly devices: DeviceRepository;
  readonly accountTokens: AccountTokenService;
  readonly audit: AuditSink;
  readonly clock: Clock;
}

/**
 * Who asks: a signed-in principal (checked against the policy), or the admin CLI (the platform
 * operator with shell access and the secrets; its audit sink records the actor as `cli`).
 */
export type TeamActor =
  { readonly kind: 'principal'; readonly principal: Principal } | { readonly kind: 'cli' };

export interface InviteInput {
  readonly organizationId: string | null;
  readonly email: string;
  readonly role: UserRole;
}

const SELLER_ROLE_SET: ReadonlySet<UserRole> = new Set(['owner', 'operator', 'viewer']);

function auditActor(actor: TeamActor, organizationId: string | null): AuditActor {
  return actor.kind === 'cli'
    ? { userId: null, organizationId }
    : { userId: actor.principal.userId, organizationId: actor.principal.organizationId };
}

export function createTeamService(deps: TeamDeps) {
  const { users, clock } = deps;

  /** The member named by `userId`, if the actor may `action` it (NOT_FOUND / FORBIDDEN). */
  async function target(actor: TeamActor, userId: string, action: 'update' | 'delete') {
    const user = await users.findById(userId);
    if (user === undefined) throw new AppError(ErrorCode.NOT_FOUND);
    if (actor.kind === 'principal') {
      const scope = { id: user.id, organizationId: user.organizationId };
      const field = action === 'update' ? 'role' : undefined;
      authorize(defineAbilityFor(actor.principal), action, 'User', scope, field);
    }
    return user;
  }

  async function endAccess(
    userId: string,
    reason: string,
    actor: AuditActor,
    context: RequestContext,
  ) {
    const sessions = await deps.sessions.revokeAllForUser(userId, reason, actor, context);
    const devices = await deps.devices.revokeAllForUser(userId, reason, clock());
    return { sessions, devices };
  }

  return {
    /** The members of an organization (staff: `null`, our own people), by email. */
    listMembers: (organizationId: string | null): Promise<MemberView[]> =>
      users.listAccounts({ organizationId }),

    /** Whose account this is (for the route guard), or undefined. */
    accessScope: (userId: string) => users.accessScope(userId),

    /**
     * Creates the account `invited` and mails a single-use link. Seller roles belong to an
     * organization and staff roles to none; an email already in use is CONFLICT.
     */
    async invite(actor: TeamActor, input: InviteInput, context: RequestContext): Promise<string> {
      const seller = SELLER_ROLE_SET.has(input.role);
      if (seller !== (input.organizationId !== null)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, {
          message: 'seller roles need an organization, staff roles none',
          details: { fields: ['role'] },
        });
      }
      if (actor.kind === 'principal') {
        authorize(defineAbilityFor(actor.principal), 'create', 'User', {
          id: '',
          organizationId: input.organizationId,
        });
      }
      if ((await users.findByEmail(input.email)) !== undefined) {
        throw new AppError(ErrorCode.CONFLICT, { details: { fields: ['email'] } });
      }
      const id = randomUUID();
      const who = auditActor(actor, input.organizationId);
      try {
        await users.insertInvited({
          id,
          organizationId: input.organizationId,
          email: normalizeEmail(input.email),
          role: input.role,
          now: clock(),
        });
      } catch (error) {
        // A concurrent invitation for the same email won the race.
        if (!isUniqueViolation(error)) throw error;
        throw new AppError(ErrorCode.CONFLICT, { details: { fields: ['email'] } });
      }
      await audit(deps.audit, context, {
        action: AuditAction.USER_CREATE,
        outcome: 'success',
        actor: who,
        target: { type: 'user', id },
        details: { role: input.role },
      });
      await deps.accountTokens.sendInvitation(id, who, context);
      return id;
    },

    /** Changes a member's seller role; the member's sessions and devices end. */
    async changeRole(
      actor: TeamActor,
      userId: string,
      role: UserRole,
      context: RequestContext,
    ): Promise<void> {
      const user = await target(actor, userId, 'update');
      if (user.organizationId === null || !SELLER_ROLE_SET.has(role)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, { details: { fields: ['role'] } });
      }
      if (user.role === role) return;
      const who = auditActor(actor, user.organizationId);
      await users.setRole(user.id, role, clock());
      const ended = await endAccess(user.id, 'role-changed', who, context);
      await audit(deps.audit, context, {
        action: AuditAction.USER_ROLE_CHANGE,
        outcome: 'success',
        actor: who,
        target: { type: 'user', id: user.id },
        details: { from: user.role, to: role, ...ended },
      });
    },

    /** Deactivates a member: they can no longer sign in; sessions and devices end. */
    async deactivate(actor: TeamActor, userId: string, context: RequestContext): Promise<void> {
      const user = await target(actor, userId, 'delete');
      if (user.status === 'disabled') return;
      const who = auditActor(actor, user.organizationId);
      await users.setStatus(user.id, 'disabled', clock());
      const ended = await endAccess(user.id, 'deactivated', who, context);
      await audit(deps.audit, context, {
        action: AuditAction.USER_DEACTIVATE,
        outcome: 'success',
        actor: who,
        target: { type: 'user', id: user.id },
        details: ended,
      });
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
