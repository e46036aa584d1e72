/**
 * A signed-in user's own account: their profile and a password change. A change needs the
 * current password (a wrong one counts towards the lockout), applies the password policy, ends
 * every other session and every desktop device of the account, and rotates the session that
 * asked (ASVS 3.3.3, 2.1.5).
 */
import { AppError, ErrorCode } from '@spapi/shared';
import { AuditAction } from '../audit/audit-actions.js';
import type { PasswordHasher } from '../crypto/index.js';
import { actorOf, audit } from './audit-entry.js';
import type { DeviceRepository } from './device.repository.js';
import type { AuditSink, Clock, RequestContext } from './identity.ports.js';
import { lockedUntil, type IdentityPolicy } from './identity.policy.js';
import { assertAcceptablePassword } from './password-policy.js';
import { assertNotLocked } from './sign-in.service.js';
import type { ResolvedSession, SessionService } from './session.service.js';
import type { MemberView, UserRepository } from './user.repository.js';

export interface AccountDeps {
  readonly users: UserRepository;
  readonly sessions: SessionService;
  readonly devices: DeviceRepository;
  readonly hasher: Pick<PasswordHasher, 'verifyPassword' | 'hashPassword'>;
  readonly audit: AuditSink;
  readonly clock: Clock;
  readonly policy: IdentityPolicy;
}

export interface Profile {
  readonly id: string;
  readonly email: string;
  readonly role: MemberView['role'];
  readonly organizationId: string | null;
  readonly mfaEnrolled: boolean;
}

export function createAccountService(deps: AccountDeps) {
  const { users, clock, policy } = deps;

  async function activeUser(userId: string) {
    const user = await users.findById(userId);
    if (user?.status !== 'active') throw new AppError(ErrorCode.UNAUTHENTICATED);
    return user;
  }

  return {
    async profile(userId: string): Promise<Profile> {
      const user = await activeUser(userId);
      return {
        id: user.id,
        email: user.email,
        role: user.role,
        organizationId: user.organizationId,
        mfaEnrolled: user.mfaEnrolledAt !== null,
      };
    },

    /** Returns the token of the session that replaces `session`. */
    async changePassword(
      session: ResolvedSession,
      input: { readonly currentPassword: string; readonly newPassword: string },
      context: RequestContext,
    ): Promise<string> {
      const user = await activeUser(session.userId);
      const actor = actorOf(user);
      assertNotLocked(user, clock());
      if (!(await deps.hasher.verifyPassword(user.passwordHash, input.currentPassword))) {
        const now = clock();
        const next = lockedUntil(policy, user.failedSignInCount + 1, now);
        // Like sign-in: a failure never shortens a lock already in force.
        const until = next === null ? user.lockedUntil : Math.max(next, user.lockedUntil ?? 0);
        await users.recordPasswordFailure(user.id, until, now);
        await audit(deps.audit, context, {
          action: AuditAction.PASSWORD_CHANGE,
          outcome: 'failure',
          actor,
          reasonCode: ErrorCode.INVALID_CREDENTIALS,
        });
        // Guessing with a stolen session ends it once the account locks.
        if (next !== null) await deps.sessions.revoke(session, 'locked', actor, context);
        throw new AppError(ErrorCode.INVALID_CREDENTIALS);
      }
      assertAcceptablePassword(input.newPassword, user.email);
      const hash = await deps.hasher.hashPassword(input.newPassword);
      const now = clock();
      await users.setPasswordHash(user.id, hash, now);
      await users.clearPasswordFailures(user.id, now);
      await deps.sessions.revokeAllForUser(user.id, 'password-changed', actor, context);
      const devices = await deps.devices.revokeAllForUser(user.id, 'password-changed', now);
      await audit(deps.audit, context, {
        action: AuditAction.PASSWORD_CHANGE,
        outcome: 'success',
        actor,
        details: { devicesRevoked: devices },
      });
      // The caller keeps working in a new session (same absolute timeout); the others ended.
      return deps.sessions.rotate(session, user.id, actor, context, true);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
