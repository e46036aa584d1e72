/**
 * Desktop device tokens. Issued only from a session whose MFA sign-in is recent; a short-lived
 * access token plus a refresh token that rotates on every use. Presenting a rotated-out refresh
 * token again means it was copied: the device is revoked. Revocation is checked on every use,
 * so it takes effect at once.
 */
import { AuditAction } from '../audit/audit-actions.js';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '@spapi/shared';
import { authorize, defineAbilityFor, toPrincipal, type Principal } from '../access/index.js';
import { hashToken, randomToken } from '../crypto/index.js';
import { actorOf, audit } from './audit-entry.js';
import type {
  DeviceRepository,
  DeviceTokens,
  DeviceView,
  StoredDevice,
} from './device.repository.js';
import type { AuditSink, Clock, RequestContext } from './identity.ports.js';
import type { IdentityPolicy } from './identity.policy.js';
import type { ResolvedSession } from './session.service.js';
import type { UserRepository } from './user.repository.js';

export interface DeviceDeps {
  readonly devices: DeviceRepository;
  readonly users: UserRepository;
  readonly audit: AuditSink;
  readonly clock: Clock;
  readonly policy: IdentityPolicy;
}

export interface IssuedDeviceTokens {
  readonly deviceId: string;
  readonly accessToken: string;
  readonly accessExpiresAt: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: number;
}

function newTokens(policy: IdentityPolicy, now: number) {
  const accessToken = randomToken();
  const refreshToken = randomToken();
  const hashed: DeviceTokens = {
    accessTokenHash: hashToken(accessToken),
    accessExpiresAt: now + policy.deviceAccessMs,
    refreshTokenHash: hashToken(refreshToken),
    refreshExpiresAt: now + policy.deviceRefreshMs,
  };
  return { accessToken, refreshToken, hashed };
}

export function createDeviceService(deps: DeviceDeps) {
  const { devices, users, clock, policy } = deps;

  async function activePrincipal(userId: string): Promise<Principal> {
    const user = await users.findById(userId);
    if (user?.status !== 'active' || user.mfaEnrolledAt === null) {
      throw new AppError(ErrorCode.UNAUTHENTICATED);
    }
    return toPrincipal({ userId: user.id, role: user.role, organizationId: user.organizationId });
  }

  async function revokeForReuse(device: StoredDevice, context: RequestContext): Promise<never> {
    if (await devices.revoke(device.id, 'refresh-reuse', clock())) {
      await audit(deps.audit, context, {
        action: AuditAction.DEVICE_REVOKE,
        outcome: 'success',
        actorKind: 'system',
        actor: { userId: null, organizationId: null },
        target: { type: 'device', id: device.id },
        reasonCode: 'refresh-reuse',
        details: { userId: device.userId },
      });
    }
    throw new AppError(ErrorCode.DEVICE_REVOKED);
  }

  return {
    async issue(
      session: ResolvedSession,
      label: string,
      context: RequestContext,
    ): Promise<IssuedDeviceTokens> {
      const now = clock();
      const fresh =
        session.mfaVerifiedAt !== null && now - session.mfaVerifiedAt <= policy.deviceIssueFreshMs;
      if (session.state !== 'active' || !fresh) throw new AppError(ErrorCode.MFA_REQUIRED);
      const principal = await activePrincipal(session.userId);
      const deviceId = randomUUID();
      const { accessToken, refreshToken, hashed } = newTokens(policy, now);
      await devices.insert({ id: deviceId, userId: principal.userId, label, now }, hashed);
      await audit(deps.audit, context, {
        action: AuditAction.DEVICE_ISSUE,
        outcome: 'success',
        actor: { userId: principal.userId, organizationId: principal.organizationId },
        target: { type: 'device', id: deviceId },
      });
      return { deviceId, accessToken, refreshToken, ...pick(hashed) };
    },

    async refresh(refreshToken: string, context: RequestContext): Promise<IssuedDeviceTokens> {
      const now = clock();
      const presented = hashToken(refreshToken);
      const device = await devices.findByRefreshHash(presented);
      if (device === undefined) {
        const replayed = await devices.findByPreviousRefreshHash(presented);
        if (replayed !== undefined) return revokeForReuse(replayed, context);
        throw new AppError(ErrorCode.UNAUTHENTICATED);
      }
      if (device.revokedAt !== null) throw new AppError(ErrorCode.DEVICE_REVOKED);
      if (device.refreshExpiresAt <= now) throw new AppError(ErrorCode.SESSION_EXPIRED);
      const principal = await activePrincipal(device.userId);
      const next = newTokens(policy, now);
      if (!(await devices.rotate(device.id, presented, next.hashed, now))) {
        return revokeForReuse(device, context);
      }
      await audit(deps.audit, context, {
        action: AuditAction.DEVICE_REFRESH,
        outcome: 'success',
        actorKind: 'device',
        actor: { userId: principal.userId, organizationId: principal.organizationId },
        target: { type: 'device', id: device.id },
      });
      return {
        deviceId: device.id,
        accessToken: next.accessToken,
        refreshToken: next.refreshToken,
        ...pick(next.hashed),
      };
    },

    /** The principal behind a bearer access token; throws the reason it is not accepted. */
    async authenticate(accessToken: string): Promise<{ principal: Principal; deviceId: string }> {
      const device = await devices.findByAccessHash(hashToken(accessToken));
      if (device === undefined) throw new AppError(ErrorCode.UNAUTHENTICATED);
      if (device.revokedAt !== null) throw new AppError(ErrorCode.DEVICE_REVOKED);
      if (device.accessExpiresAt === null || device.accessExpiresAt <= clock()) {
        throw new AppError(ErrorCode.SESSION_EXPIRED);
      }
      return { principal: await activePrincipal(device.userId), deviceId: device.id };
    },

    /** Whose device this is (for the route guard), or undefined. */
    accessScope: (deviceId: string) => devices.accessScope(deviceId),

    listForUser: (userId: string): Promise<DeviceView[]> => devices.listForUser(userId),

    /**
     * Revokes a device: its user's own, or a colleague's for an owner (the policy decides; the
     * route guard has checked it, and so does this use case).
     */
    async revoke(principal: Principal, deviceId: string, context: RequestContext): Promise<void> {
      const scope = await devices.accessScope(deviceId);
      if (scope === undefined) throw new AppError(ErrorCode.NOT_FOUND);
      authorize(defineAbilityFor(principal), 'revoke', 'Device', scope);
      const reason = scope.userId === principal.userId ? 'user' : 'owner';
      if (await devices.revoke(deviceId, reason, clock())) {
        await audit(deps.audit, context, {
          action: AuditAction.DEVICE_REVOKE,
          outcome: 'success',
          actor: actorOf({ id: principal.userId, organizationId: principal.organizationId }),
          target: { type: 'device', id: deviceId },
          reasonCode: reason,
        });
      }
    },
  };
}

function pick(tokens: DeviceTokens) {
  return { accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
