/**
 * Server-side sessions. The cookie carries a random token (`randomToken`, 256 bits); the table
 * holds only its hash. A session is either *pending MFA* (password accepted, nothing but the MFA
 * steps allowed, short-lived) or *active* (MFA done; idle and absolute timeouts).
 */
import { AuditAction } from '../audit/audit-actions.js';
import { AppError, ErrorCode } from '@spapi/shared';
import { constantTimeEqual, hashToken, keyedHash, randomToken } from '../crypto/index.js';
import { audit, type AuditActor } from './audit-entry.js';
import type { AuditSink, Clock, RequestContext } from './identity.ports.js';
import type { IdentityPolicy } from './identity.policy.js';
import type { SessionRepository, StoredSession } from './session.repository.js';

/** Writes of `last_seen_at` are skipped within this interval (idle precision: one minute). */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionState = 'pending-mfa' | 'active';

export interface ResolvedSession {
  readonly idHash: string;
  readonly userId: string;
  readonly state: SessionState;
  readonly mfaVerifiedAt: number | null;
}

export type SessionLookup =
  | { readonly ok: true; readonly session: ResolvedSession }
  | {
      readonly ok: false;
      readonly code: typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.SESSION_EXPIRED;
    };

export interface SessionServiceDeps {
  readonly sessions: SessionRepository;
  readonly audit: AuditSink;
  readonly clock: Clock;
  readonly policy: IdentityPolicy;
  /** 32-byte key for CSRF tokens (from the secrets provider). */
  readonly csrfKey: Uint8Array;
}

/** A short, non-secret reference to a session for the audit trail (a prefix of its hash). */
export function sessionRef(idHash: string): string {
  return idHash.slice(0, 16);
}

function expiryReason(session: StoredSession, policy: IdentityPolicy, now: number): string | null {
  if (now >= session.absoluteExpiresAt) return 'absolute-timeout';
  if (session.mfaVerifiedAt !== null && now - session.lastSeenAt >= policy.sessionIdleMs) {
    return 'idle-timeout';
  }
  return null;
}

export function createSessionService(deps: SessionServiceDeps) {
  const { sessions, clock, policy } = deps;

  /**
   * `mfaVerifiedAt`: null for a pending-MFA session; otherwise when the MFA step was done, which
   * also fixes the absolute timeout (a rotation never extends a session's life).
   */
  async function create(
    userId: string,
    actor: AuditActor,
    mfaVerifiedAt: number | null,
    context: RequestContext,
  ): Promise<string> {
    const now = clock();
    const token = randomToken();
    const idHash = hashToken(token);
    const mfaVerified = mfaVerifiedAt !== null;
    await sessions.insert({
      idHash,
      userId,
      now,
      absoluteExpiresAt: mfaVerified
        ? mfaVerifiedAt + policy.sessionAbsoluteMs
        : now + policy.pendingMfaMs,
      mfaVerifiedAt,
    });
    await audit(deps.audit, context, {
      action: AuditAction.SESSION_CREATE,
      outcome: 'success',
      actor,
      target: { type: 'session', id: sessionRef(idHash) },
      details: { state: mfaVerified ? 'active' : 'pending-mfa' },
    });
    return token;
  }

  async function revokeByHash(
    idHash: string,
    reason: string,
    actor: AuditActor,
    context: RequestContext,
  ): Promise<void> {
    if (!(await sessions.revoke(idHash, reason, clock()))) return;
    await audit(deps.audit, context, {
      action: AuditAction.SESSION_REVOKE,
      outcome: 'success',
      actor,
      target: { type: 'session', id: sessionRef(idHash) },
      reasonCode: reason,
    });
  }

  /** Looks the token up and enforces revocation and timeouts (an expired one is revoked). */
  async function resolve(token: string, context: RequestContext): Promise<SessionLookup> {
    const now = clock();
    const stored = await sessions.find(hashToken(token));
    if (stored === undefined) return { ok: false, code: ErrorCode.UNAUTHENTICATED };
    if (stored.revokedAt !== null) return { ok: false, code: ErrorCode.SESSION_EXPIRED };
    const reason = expiryReason(stored, policy, now);
    if (reason !== null) {
      await revokeByHash(
        stored.idHash,
        reason,
        { userId: stored.userId, organizationId: null },
        context,
      );
      return { ok: false, code: ErrorCode.SESSION_EXPIRED };
    }
    if (stored.mfaVerifiedAt !== null && now - stored.lastSeenAt >= TOUCH_INTERVAL_MS) {
      await sessions.touch(stored.idHash, now);
    }
    return {
      ok: true,
      session: {
        idHash: stored.idHash,
        userId: stored.userId,
        state: stored.mfaVerifiedAt === null ? 'pending-mfa' : 'active',
        mfaVerifiedAt: stored.mfaVerifiedAt,
      },
    };
  }

  const csrfTokenFor = (sessionToken: string): string =>
    keyedHash(deps.csrfKey, `csrf:v1:${sessionToken}`);

  return {
    /** A new pending-MFA session (after the password step). */
    createPending: (userId: string, actor: AuditActor, context: RequestContext) =>
      create(userId, actor, null, context),

    /**
     * Replaces `previous` (if any) by a new session in the given state: the id changes at every
     * step of sign-in and on privilege change (session fixation defence). An active session
     * rotated into an active one keeps its MFA time, so its absolute timeout does not move.
     */
    async rotate(
      previous: ResolvedSession | undefined,
      userId: string,
      actor: AuditActor,
      context: RequestContext,
      mfaVerified: boolean,
    ): Promise<string> {
      if (previous !== undefined) await revokeByHash(previous.idHash, 'rotated', actor, context);
      const verifiedAt = mfaVerified ? (previous?.mfaVerifiedAt ?? clock()) : null;
      return create(userId, actor, verifiedAt, context);
    },

    resolve,

    /** Like {@link resolve}, but throws the failure code. */
    async require(token: string | undefined, context: RequestContext): Promise<ResolvedSession> {
      if (token === undefined) throw new AppError(ErrorCode.UNAUTHENTICATED);
      const lookup = await resolve(token, context);
      if (!lookup.ok) throw new AppError(lookup.code);
      return lookup.session;
    },

    revoke: (
      session: ResolvedSession,
      reason: string,
      actor: AuditActor,
      context: RequestContext,
    ) => revokeByHash(session.idHash, reason, actor, context),

    /** Ends every session of a user (sign out everywhere, password change, role change). */
    async revokeAllForUser(
      userId: string,
      reason: string,
      actor: AuditActor,
      context: RequestContext,
    ): Promise<number> {
      const count = await sessions.revokeAllForUser(userId, reason, clock());
      await audit(deps.audit, context, {
        action: AuditAction.SESSION_REVOKE_ALL,
        outcome: 'success',
        actor,
        target: { type: 'user', id: userId },
        reasonCode: reason,
        details: { count },
      });
      return count;
    },

    /** The synchronizer token bound to this session token (HMAC; nothing to store). */
    csrfTokenFor,

    csrfTokenMatches(sessionToken: string, presented: string): boolean {
      return constantTimeEqual(csrfTokenFor(sessionToken), presented);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
