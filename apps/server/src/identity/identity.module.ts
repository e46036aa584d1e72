/**
 * Builds the identity feature from its ports. The composition root (app.ts) calls this once
 * and mounts the pieces; tests build it the same way with a fake clock and audit sink.
 */
import type { Kysely } from 'kysely';
import type { PasswordHasher } from '../crypto/index.js';
import type { Database } from '../storage/index.js';
import { createAccountRoutes } from './account.routes.js';
import { createAccountService } from './account.service.js';
import { createAccountTokenService } from './account-token.service.js';
import { createAuthRoutes } from './auth.routes.js';
import { createAuthenticate } from './authenticate.middleware.js';
import { createCsrfMiddleware } from './csrf.middleware.js';
import { createDeviceRepository } from './device.repository.js';
import { createDeviceRoutes } from './device.routes.js';
import { createDeviceService } from './device.service.js';
import { type AuditSink, type Clock, type MailPort, type SecretSealer } from './identity.ports.js';
import { DEFAULT_IDENTITY_POLICY, type IdentityPolicy } from './identity.policy.js';
import { createMfaService } from './mfa.service.js';
import { createRecoveryCodeRepository } from './recovery-code.repository.js';
import { createSessionRepository } from './session.repository.js';
import { createSessionService } from './session.service.js';
import { createSignInService } from './sign-in.service.js';
import { createTeamRoutes } from './team.routes.js';
import { createTeamService } from './team.service.js';
import { createUserRepository } from './user.repository.js';
import { createUserTokenRepository } from './user-token.repository.js';

export interface IdentityOptions {
  readonly db: Kysely<Database>;
  readonly hasher: Pick<PasswordHasher, 'verifyPassword' | 'hashPassword' | 'needsRehash'>;
  readonly audit: AuditSink;
  readonly mail: MailPort;
  /** Seals TOTP secrets at rest. */
  readonly sealer: SecretSealer;
  /** 32 random bytes for CSRF tokens. */
  readonly csrfKey: Uint8Array;
  /** `PUBLIC_URL`: links in mail, and the origin allowed to write. */
  readonly publicUrl: string;
  /** Further origins allowed to write (the CORS allow-list). */
  readonly allowedOrigins?: readonly string[];
  readonly clock?: Clock;
  readonly policy?: Partial<IdentityPolicy>;
}

export function createIdentity(options: IdentityOptions) {
  const clock = options.clock ?? Date.now;
  const policy: IdentityPolicy = { ...DEFAULT_IDENTITY_POLICY, ...options.policy };
  const { db, audit } = options;
  const users = createUserRepository(db);
  const deviceRepository = createDeviceRepository(db);
  const sessions = createSessionService({
    sessions: createSessionRepository(db),
    audit,
    clock,
    policy,
    csrfKey: options.csrfKey,
  });
  const signIn = createSignInService({
    users,
    sessions,
    hasher: options.hasher,
    audit,
    clock,
    policy,
  });
  const mfa = createMfaService({
    users,
    recoveryCodes: createRecoveryCodeRepository(db),
    sessions,
    sealer: options.sealer,
    audit,
    clock,
    policy,
  });
  const devices = createDeviceService({ devices: deviceRepository, users, audit, clock, policy });
  const accountTokens = createAccountTokenService({
    users,
    tokens: createUserTokenRepository(db),
    sessions,
    devices: deviceRepository,
    hasher: options.hasher,
    mail: options.mail,
    audit,
    clock,
    policy,
    publicUrl: options.publicUrl,
  });
  const account = createAccountService({
    users,
    sessions,
    devices: deviceRepository,
    hasher: options.hasher,
    audit,
    clock,
    policy,
  });
  const team = createTeamService({
    users,
    sessions,
    devices: deviceRepository,
    accountTokens,
    audit,
    clock,
  });
  return {
    services: { signIn, mfa, sessions, devices, accountTokens, account, team },
    /** `app.use(identity.authenticate)` before every router. */
    authenticate: createAuthenticate({ sessions, devices, users }),
    /** `app.use(identity.csrf)` after the body parser, before every router. */
    csrf: createCsrfMiddleware(sessions, {
      allowedOrigins: [new URL(options.publicUrl).origin, ...(options.allowedOrigins ?? [])],
    }),
    /** Mount at `/api/auth`. */
    authRoutes: createAuthRoutes({ signIn, mfa, sessions, accountTokens }).router,
    /** Mount at `/api/devices`. */
    deviceRoutes: createDeviceRoutes(devices).router,
    /** Mount at `/api/me`. */
    accountRoutes: createAccountRoutes({ account, mfa, devices, sessions }).router,
    /** Mount at `/api/users`. */
    teamRoutes: createTeamRoutes(team).router,
  };
}

export type Identity = ReturnType<typeof createIdentity>;
