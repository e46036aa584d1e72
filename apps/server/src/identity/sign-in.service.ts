/**
 * Step 1 of sign-in: email and password → a *pending MFA* session. Unknown accounts do the same
 * work (a dummy Argon2id verification) and get the same answer as a wrong password. Repeated
 * failures lock the account with exponential backoff; a locked account answers ACCOUNT_LOCKED
 * only to the right password, so the lock does not reveal that an account exists. Throttling
 * per client address and per account is the HTTP layer's (`http/rate-limits.ts`).
 */
import { AuditAction } from '../audit/audit-actions.js';
import { AppError, ErrorCode } from '@spapi/shared';
import type { PasswordHasher } from '../crypto/index.js';
import { actorOf, audit } from './audit-entry.js';
import type { AuditSink, Clock, RequestContext } from './identity.ports.js';
import { lockedUntil, type IdentityPolicy } from './identity.policy.js';
import type { ResolvedSession, SessionService } from './session.service.js';
import type { IdentityUser, UserRepository } from './user.repository.js';

export type NextStep = 'mfa-enroll' | 'mfa-verify';

export interface SignInDeps {
  readonly users: UserRepository;
  readonly sessions: SessionService;
  readonly hasher: Pick<PasswordHasher, 'verifyPassword' | 'hashPassword' | 'needsRehash'>;
  readonly audit: AuditSink;
  readonly clock: Clock;
  readonly policy: IdentityPolicy;
}

export interface SignInResult {
  readonly sessionToken: string;
  readonly next: NextStep;
}

const NOBODY = { userId: null, organizationId: null } as const;

export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/** ACCOUNT_LOCKED (with the wait) while the account is locked. */
export function assertNotLocked(user: { readonly lockedUntil: number | null }, now: number): void {
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    throw new AppError(ErrorCode.ACCOUNT_LOCKED, {
      details: { retryAfterSeconds: retryAfterSeconds(user.lockedUntil, now) },
    });
  }
}

export function createSignInService(deps: SignInDeps) {
  const { users, hasher, clock, policy } = deps;

  async function refuse(user: IdentityUser | undefined, context: RequestContext): Promise<never> {
    const now = clock();
    if (user !== undefined) {
      // Every failure, locked or not, extends the backoff (capped): guessing on gains nothing.
      const next = lockedUntil(policy, user.failedSignInCount + 1, now);
      const until = next === null ? user.lockedUntil : Math.max(next, user.lockedUntil ?? 0);
      await users.recordPasswordFailure(user.id, until, now);
    }
    await audit(deps.audit, context, {
      action: AuditAction.SIGN_IN,
      outcome: 'failure',
      actor: user === undefined ? NOBODY : actorOf(user),
      reasonCode: ErrorCode.INVALID_CREDENTIALS,
      details: { step: 'password' },
    });
    throw new AppError(ErrorCode.INVALID_CREDENTIALS);
  }

  return {
    async signIn(
      input: { readonly email: string; readonly password: string },
      current: ResolvedSession | undefined,
      context: RequestContext,
    ): Promise<SignInResult> {
      const user = await users.findByEmail(input.email);
      const usable = user?.status === 'active' ? user : undefined;
      const matches = await hasher.verifyPassword(usable?.passwordHash ?? null, input.password);
      if (usable === undefined || !matches) return refuse(user, context);

      const now = clock();
      if (usable.lockedUntil !== null && usable.lockedUntil > now) {
        await audit(deps.audit, context, {
          action: AuditAction.SIGN_IN,
          outcome: 'denied',
          actor: actorOf(usable),
          reasonCode: ErrorCode.ACCOUNT_LOCKED,
        });
        throw new AppError(ErrorCode.ACCOUNT_LOCKED, {
          details: { retryAfterSeconds: retryAfterSeconds(usable.lockedUntil, now) },
        });
      }
      await users.clearPasswordFailures(usable.id, now);
      if (usable.passwordHash !== null && hasher.needsRehash(usable.passwordHash)) {
        await users.setPasswordHash(usable.id, await hasher.hashPassword(input.password), now);
      }
      await audit(deps.audit, context, {
        action: AuditAction.PASSWORD_VERIFY,
        outcome: 'success',
        actor: actorOf(usable),
        details: { mfaEnrolled: usable.mfaEnrolledAt !== null },
      });
      const sessionToken = await deps.sessions.rotate(
        current,
        usable.id,
        actorOf(usable),
        context,
        false,
      );
      return { sessionToken, next: usable.mfaEnrolledAt === null ? 'mfa-enroll' : 'mfa-verify' };
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
