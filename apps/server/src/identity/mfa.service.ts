/**
 * Step 2 of sign-in, on a *pending MFA* session: enrol TOTP (first sign-in), verify a TOTP code
 * or spend a recovery code. Success rotates the session into an active one. Failures count
 * towards the same lockout as passwords.
 */
import { AuditAction } from '../audit/audit-actions.js';
import { AppError, ErrorCode } from '@spapi/shared';
import { actorOf, audit } from './audit-entry.js';
import type { AuditSink, Clock, RequestContext, SecretSealer } from './identity.ports.js';
import { lockedUntil, type IdentityPolicy } from './identity.policy.js';
import type { RecoveryCodeRepository } from './recovery-code.repository.js';
import { RECOVERY_CODE_COUNT, hashRecoveryCode, newRecoveryCode } from './recovery-codes.js';
import type { ResolvedSession, SessionService } from './session.service.js';
import { assertNotLocked } from './sign-in.service.js';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp.js';
import type { IdentityUser, UserRepository } from './user.repository.js';

export interface MfaDeps {
  readonly users: UserRepository;
  readonly recoveryCodes: RecoveryCodeRepository;
  readonly sessions: SessionService;
  readonly sealer: SecretSealer;
  readonly audit: AuditSink;
  readonly clock: Clock;
  readonly policy: IdentityPolicy;
}

export interface Enrollment {
  readonly otpauthUri: string;
  /** Base32, for typing in when the QR code cannot be scanned. */
  readonly secret: string;
}

export interface MfaSuccess {
  readonly sessionToken: string;
  /** Only at the end of enrolment: shown once, never again retrievable. */
  readonly recoveryCodes?: readonly string[];
}

export function mfaSecretAssociatedData(userId: string): string {
  return `users.mfa_secret:${userId}`;
}

export function createMfaService(deps: MfaDeps) {
  const { users, clock, policy } = deps;

  async function pendingUser(session: ResolvedSession): Promise<IdentityUser> {
    if (session.state !== 'pending-mfa') throw new AppError(ErrorCode.CONFLICT);
    const user = await users.findById(session.userId);
    if (user?.status !== 'active') throw new AppError(ErrorCode.UNAUTHENTICATED);
    assertNotLocked(user, clock());
    return user;
  }

  /**
   * Counts a wrong code towards the lockout, audits it and throws MFA_INVALID. During sign-in
   * (`session` given) a lock also ends the pending session.
   */
  async function fail(
    user: IdentityUser,
    session: ResolvedSession | undefined,
    method: string,
    context: RequestContext,
    action: AuditAction = AuditAction.MFA_VERIFY,
  ): Promise<never> {
    const now = clock();
    const until = lockedUntil(policy, user.failedMfaCount + 1, now);
    await users.recordMfaFailure(user.id, until, now);
    await audit(deps.audit, context, {
      action,
      outcome: 'failure',
      actor: actorOf(user),
      reasonCode: ErrorCode.MFA_INVALID,
      details: { method },
    });
    if (until !== null && session !== undefined) {
      await deps.sessions.revoke(session, 'locked', actorOf(user), context);
    }
    throw new AppError(ErrorCode.MFA_INVALID);
  }

  async function complete(
    user: IdentityUser,
    session: ResolvedSession,
    method: string,
    context: RequestContext,
  ): Promise<string> {
    await users.recordSignIn(user.id, clock());
    await audit(deps.audit, context, {
      action: AuditAction.SIGN_IN,
      outcome: 'success',
      actor: actorOf(user),
      details: { method },
    });
    return deps.sessions.rotate(session, user.id, actorOf(user), context, true);
  }

  function openSecret(user: IdentityUser): string | undefined {
    if (user.mfaSecret === null) return undefined;
    const { ciphertext, keyId } = user.mfaSecret;
    return deps.sealer.open(ciphertext, keyId, mfaSecretAssociatedData(user.id));
  }

  async function issueRecoveryCodes(user: IdentityUser, context: RequestContext) {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await deps.recoveryCodes.replaceAll(user.id, codes.map(hashRecoveryCode), clock());
    await audit(deps.audit, context, {
      action: AuditAction.MFA_RECOVERY_CODES_ISSUE,
      outcome: 'success',
      actor: actorOf(user),
      details: { count: codes.length },
    });
    return codes;
  }

  return {
    /** Starts (or restarts) enrolment: a new secret, stored sealed, not yet confirmed. */
    async beginEnrollment(session: ResolvedSession, context: RequestContext): Promise<Enrollment> {
      const user = await pendingUser(session);
      if (user.mfaEnrolledAt !== null) throw new AppError(ErrorCode.CONFLICT);
      const secret = newTotpSecret();
      const sealed = deps.sealer.seal(secret, mfaSecretAssociatedData(user.id));
      await users.setPendingMfaSecret(user.id, sealed.ciphertext, sealed.keyId, clock());
      await audit(deps.audit, context, {
        action: AuditAction.MFA_ENROL_BEGIN,
        outcome: 'success',
        actor: actorOf(user),
      });
      return { otpauthUri: totpUri(policy.totpIssuer, user.email, secret), secret };
    },

    /** Verifies a TOTP code: confirms a pending enrolment, or completes a normal sign-in. */
    async verifyTotp(
      session: ResolvedSession,
      code: string,
      context: RequestContext,
    ): Promise<MfaSuccess> {
      const user = await pendingUser(session);
      const secret = openSecret(user);
      if (secret === undefined) throw new AppError(ErrorCode.MFA_ENROLLMENT_REQUIRED);
      const now = clock();
      const step = await acceptedTotpStep(secret, code, now, user.mfaLastUsedStep);
      if (step === null || !(await users.acceptMfaStep(user.id, step, now))) {
        return fail(user, session, 'totp', context);
      }
      const enrolling = user.mfaEnrolledAt === null;
      if (enrolling) {
        await audit(deps.audit, context, {
          action: AuditAction.MFA_ENROL,
          outcome: 'success',
          actor: actorOf(user),
        });
      }
      const recoveryCodes = enrolling ? await issueRecoveryCodes(user, context) : undefined;
      const sessionToken = await complete(user, session, 'totp', context);
      return recoveryCodes === undefined ? { sessionToken } : { sessionToken, recoveryCodes };
    },

    /**
     * A signed-in user replaces their recovery codes (the old ones stop working), proving the
     * second factor again with a current TOTP code. A wrong code counts towards the lockout.
     */
    async regenerateRecoveryCodes(
      session: ResolvedSession,
      code: string,
      context: RequestContext,
    ): Promise<readonly string[]> {
      const user = await users.findById(session.userId);
      if (user?.status !== 'active') throw new AppError(ErrorCode.UNAUTHENTICATED);
      assertNotLocked(user, clock());
      const secret = user.mfaEnrolledAt === null ? undefined : openSecret(user);
      if (secret === undefined) throw new AppError(ErrorCode.MFA_ENROLLMENT_REQUIRED);
      const now = clock();
      const step = await acceptedTotpStep(secret, code, now, user.mfaLastUsedStep);
      if (step === null || !(await users.acceptMfaStep(user.id, step, now))) {
        // A lock also ends the session that was guessing.
        return fail(user, session, 'totp', context, AuditAction.MFA_RECOVERY_CODES_ISSUE);
      }
      return issueRecoveryCodes(user, context);
    },

    /** Spends a recovery code instead of a TOTP code (enrolled accounts only). */
    async useRecoveryCode(
      session: ResolvedSession,
      code: string,
      context: RequestContext,
    ): Promise<MfaSuccess & { readonly remaining: number }> {
      const user = await pendingUser(session);
      if (user.mfaEnrolledAt === null) throw new AppError(ErrorCode.MFA_ENROLLMENT_REQUIRED);
      if (!(await deps.recoveryCodes.consume(user.id, hashRecoveryCode(code), clock()))) {
        return fail(user, session, 'recovery-code', context);
      }
      const remaining = await deps.recoveryCodes.countUnused(user.id);
      await audit(deps.audit, context, {
        action: AuditAction.MFA_RECOVERY_CODE_USE,
        outcome: 'success',
        actor: actorOf(user),
        details: { remaining },
      });
      return { sessionToken: await complete(user, session, 'recovery-code', context), remaining };
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
