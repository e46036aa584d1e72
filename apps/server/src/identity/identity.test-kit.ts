/**
 * Test harness for identity: the feature built on a test database with a settable clock, a
 * recording audit sink and the cheap Argon2id profile, served over plain HTTP on port 0
 * (TLS is the transport's concern; cookies' `Secure` flag is asserted, not exercised).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { toErrorResponse } from '@spapi/shared';
import type { Kysely } from 'kysely';
import { generate } from 'otplib';
import { createSecureRouter } from '../access/index.js';
import { createPasswordHasher, generateKey, ready, type PasswordHasher } from '../crypto/index.js';
import { requestId } from '../http/request-id.js';
import type { Database, UserRole } from '../storage/index.js';
import { createIdentity, type Identity } from './identity.module.js';
import type { AuditEntry, AuditSink } from './identity.ports.js';
import { createOutboxMailer } from './outbox-mail.adapter.js';
import { createAeadSecretSealer } from './secret-sealer.js';
import { SESSION_COOKIE } from './session-cookie.js';

export const T0 = Date.UTC(2030, 0, 15, 12, 0, 0, 0);
export const PUBLIC_URL = 'https://desk.example.test';
export const PASSWORD = 'tidal-mango-lantern-42';

export class RecordingAudit implements AuditSink {
  readonly entries: AuditEntry[] = [];
  failing = false;
  record(entry: AuditEntry): Promise<void> {
    if (this.failing) return Promise.reject(new Error('audit store down'));
    this.entries.push(entry);
    return Promise.resolve();
  }
  actions(): string[] {
    return this.entries.map((entry) => `${entry.action}:${entry.outcome}`);
  }
}

export interface HttpReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly setCookies: string[];
}

export interface CallOptions {
  readonly body?: unknown;
  readonly cookie?: string;
  readonly csrf?: string;
  readonly origin?: string | null;
  readonly bearer?: string;
}

export interface Harness {
  readonly identity: Identity;
  readonly audit: RecordingAudit;
  readonly hasher: PasswordHasher;
  readonly sealerKey: { keyId: string; key: Uint8Array };
  now: number;
  call(method: string, path: string, options?: CallOptions): Promise<HttpReply>;
  close(): Promise<void>;
}

/** The session token from a `Set-Cookie` header value. */
export function cookieToken(setCookie: string | undefined): string | undefined {
  const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(setCookie ?? '');
  return match?.[1] === '' ? undefined : match?.[1];
}

export async function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}

export async function startHarness(db: Kysely<Database>): Promise<Harness> {
  await ready();
  const audit = new RecordingAudit();
  const hasher = createPasswordHasher({ production: false, profile: 'test' });
  const sealerKey = { keyId: 'test-key-1', key: generateKey() };
  const sealer = createAeadSecretSealer(sealerKey);
  const harness = { now: T0 } as Harness;
  const clock = () => harness.now;
  const identity = createIdentity({
    db,
    hasher,
    audit,
    mail: createOutboxMailer(db, sealer, clock),
    sealer,
    csrfKey: generateKey(),
    publicUrl: PUBLIC_URL,
    clock,
  });

  const app = express();
  app.set('trust proxy', false);
  app.use(requestId);
  app.use(express.json({ limit: '16kb' }));
  app.use(identity.authenticate);
  app.use(identity.csrf);
  app.use('/api/auth', identity.authRoutes);
  app.use('/api/devices', identity.deviceRoutes);
  app.use('/api/me', identity.accountRoutes);
  app.use('/api/users', identity.teamRoutes);
  const data = createSecureRouter();
  data.get('/data', 'authenticated', (_req, res) => {
    res.json({ secret: 'order data' });
  });
  data.post('/data', 'authenticated', (_req, res) => {
    res.json({ written: true });
  });
  app.use('/api/test', data.router);
  // Same contract as src/http/error-handler.ts (code + request id), without its logger.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = toErrorResponse(err, res.locals.requestId);
    res.status(status).json(body);
  });

  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const call = async (method: string, path: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.cookie !== undefined) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`;
    if (options.csrf !== undefined) headers['x-csrf-token'] = options.csrf;
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    const origin = options.origin === undefined ? PUBLIC_URL : options.origin;
    if (origin !== null && method !== 'GET') headers.origin = origin;
    const response = await fetch(`http://127.0.0.1:${String(port)}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    return { status: response.status, body, setCookies: response.headers.getSetCookie() };
  };

  return Object.assign(harness, {
    identity,
    audit,
    hasher,
    sealerKey,
    call,
    close: async () => {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await hasher.close();
    },
  });
}

export interface SeededUser {
  readonly id: string;
  readonly email: string;
  readonly organizationId: string;
}

/** An active seller user with {@link PASSWORD} and no MFA yet. */
export async function seedUser(
  harness: Harness,
  db: Kysely<Database>,
  role: UserRole = 'operator',
  /** An existing organization to join; by default a new one is created. */
  existingOrganizationId?: string,
): Promise<SeededUser> {
  const organizationId = existingOrganizationId ?? randomUUID();
  const id = randomUUID();
  const email = `user-${id}@example.test`;
  if (existingOrganizationId === undefined) {
    await db
      .insertInto('organizations')
      .values({ id: organizationId, name: 'Test Org', created_at: T0, updated_at: T0 })
      .execute();
  }
  await db
    .insertInto('users')
    .values({
      id,
      organization_id: organizationId,
      email,
      role,
      status: 'active',
      password_hash: await harness.hasher.hashPassword(PASSWORD),
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  return { id, email, organizationId };
}

export interface SignedIn {
  readonly token: string;
  readonly csrf: string;
  readonly secret: string;
  readonly recoveryCodes: string[];
}

/** Password → enrol → verify, over HTTP. Advances the clock by one TOTP step first. */
export async function enrolAndSignIn(harness: Harness, email: string): Promise<SignedIn> {
  const first = await harness.call('POST', '/api/auth/sign-in', {
    body: { email, password: PASSWORD },
  });
  const pending = cookieToken(first.setCookies[0]) ?? '';
  const pendingCsrf = String(first.body.csrfToken);
  const enrol = await harness.call('POST', '/api/auth/mfa/enroll', {
    cookie: pending,
    csrf: pendingCsrf,
  });
  const secret = String(enrol.body.secret);
  const verify = await harness.call('POST', '/api/auth/mfa/verify', {
    cookie: pending,
    csrf: pendingCsrf,
    body: { code: await totpCode(secret, harness.now) },
  });
  return {
    token: cookieToken(verify.setCookies[0]) ?? '',
    csrf: String(verify.body.csrfToken),
    secret,
    recoveryCodes: verify.body.recoveryCodes as string[],
  };
}

/** Password → verify for an enrolled user (next TOTP step, so no replay). */
export async function signIn(harness: Harness, email: string, secret: string): Promise<SignedIn> {
  harness.now += 30_000;
  const first = await harness.call('POST', '/api/auth/sign-in', {
    body: { email, password: PASSWORD },
  });
  const pending = cookieToken(first.setCookies[0]) ?? '';
  const verify = await harness.call('POST', '/api/auth/mfa/verify', {
    cookie: pending,
    csrf: String(first.body.csrfToken),
    body: { code: await totpCode(secret, harness.now) },
  });
  return {
    token: cookieToken(verify.setCookies[0]) ?? '',
    csrf: String(verify.body.csrfToken),
    secret,
    recoveryCodes: [],
  };
}
