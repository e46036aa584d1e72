/**
 * Invitations and password resets: a single-use token (256 bits, stored hashed, expiring) sent
 * through the {@link MailPort}. Setting the password applies the policy *before* the token is
 * spent, so a refused password does not burn the link. A reset ends every session and device
 * of the account; MFA stays enrolled (a reset never bypasses the second factor).
 */
import { AuditAction } from '../audit/audit-actions.js';
import { AppError, ErrorCode } from '@spapi/shared';
import type { PasswordHasher } from '../crypto/index.js';
import { hashToken, randomToken } from '../crypto/index.js';
import type { UserTokenPurpose } from '../storage/index.js';
import { actorOf, audit, type AuditActor } from './audit-entry.js';
import type { DeviceRepository } from './device.repository.js';
import {
  MailTemplate,
  type AuditSink,
  type Clock,
  type MailPort,
  type RequestContext,
} from './identity.ports.js';
import type { IdentityPolicy } from './identity.policy.js';
import { assertAcceptablePassword } from './password-policy.js';
import type { SessionService } from './session.service.js';
import type { UserRepository } from './user.repository.js';
import type { UserTokenRepository } from './user-token.repository.js';

export interface AccountTokenDeps {
  readonly users: UserRepository;
  readonly tokens: UserTokenRepository;
  readonly sessions: SessionService;
  readonly devices: DeviceRepository;
  readonly hasher: Pick<PasswordHasher, 'hashPassword'>;
  readonly mail: MailPort;
  readonly audit: AuditSink;
  readonly clock: Clock;
  readonly policy: IdentityPolicy;
  /** Origin the links point at (`PUBLIC_URL`). */
  readonly publicUrl: string;
}

export function createAccountTokenService(deps: AccountTokenDeps) {
  const { users, tokens, clock, policy } = deps;

  async function issue(userId: string, email: string, purpose: UserTokenPurpose): Promise<void> {
    const token = randomToken();
    const now = clock();
    const ttl = purpose === 'invitation' ? policy.invitationMs : policy.passwordResetMs;
    await tokens.issue(userId, purpose, hashToken(token), now, now + ttl);
    const path = purpose === 'invitation' ? 'accept-invitation' : 'reset-password';
    // The token travels in the fragment: never sent to a server, never in a Referer or log.
    const link = `${deps.publicUrl}/${path}#token=${token}`;
    const template =
      purpose === 'invitation' ? MailTemplate.INVITATION : MailTemplate.PASSWORD_RESET;
    await deps.mail.send({ to: email, template, params: { link } });
  }

  async function setPassword(
    token: string,
    password: string,
    purpose: UserTokenPurpose,
  ): Promise<AuditActor> {
    const tokenHash = hashToken(token);
    const userId = await tokens.peek(tokenHash, purpose, clock());
    const user = userId === undefined ? undefined : await users.findById(userId);
    const expected = purpose === 'invitation' ? 'invited' : 'active';
    if (user?.status !== expected) throw new AppError(ErrorCode.NOT_FOUND);
    assertAcceptablePassword(password, user.email);
    const hash = await deps.hasher.hashPassword(password);
    const now = clock();
    if ((await tokens.consume(tokenHash, purpose, now)) !== user.id) {
      throw new AppError(ErrorCode.NOT_FOUND);
    }
    await users.setPasswordHash(user.id, hash, now, purpose === 'invitation');
    return actorOf(user);
  }

  return {
    /** Mails an invitation to a user created in the `invited` state (admin CLI or owner). */
    async sendInvitation(
      userId: string,
      actor: AuditActor,
      context: RequestContext,
    ): Promise<void> {
      const user = await users.findById(userId);
      if (user?.status !== 'invited') throw new AppError(ErrorCode.NOT_FOUND);
      await issue(user.id, user.email, 'invitation');
      await audit(deps.audit, context, {
        action: AuditAction.USER_INVITE,
        outcome: 'success',
        actor,
        target: { type: 'user', id: user.id },
      });
    },

    async acceptInvitation(token: string, password: string, context: RequestContext) {
      const actor = await setPassword(token, password, 'invitation');
      await audit(deps.audit, context, {
        action: AuditAction.USER_INVITATION_ACCEPT,
        outcome: 'success',
        actor,
      });
    },

    /** Always answers the same way; mails only an active account. */
    async requestPasswordReset(email: string, context: RequestContext): Promise<void> {
      const user = await users.findByEmail(email);
      if (user?.status !== 'active') return;
      await issue(user.id, user.email, 'password-reset');
      await audit(deps.audit, context, {
        action: AuditAction.PASSWORD_RESET_REQUEST,
        outcome: 'success',
        actor: actorOf(user),
      });
    },

    async completePasswordReset(token: string, password: string, context: RequestContext) {
      const actor = await setPassword(token, password, 'password-reset');
      const userId = actor.userId ?? '';
      await deps.sessions.revokeAllForUser(userId, 'password-changed', actor, context);
      const devices = await deps.devices.revokeAllForUser(userId, 'password-changed', clock());
      await audit(deps.audit, context, {
        action: AuditAction.PASSWORD_RESET,
        outcome: 'success',
        actor,
        details: { devicesRevoked: devices },
      });
    },
  };
}

export type AccountTokenService = ReturnType<typeof createAccountTokenService>;
