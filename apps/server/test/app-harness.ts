/**
 * The whole server, as `npm start` composes it (`start()`: config → services → hardened HTTPS
 * app), on a fresh database of either dialect, for the suites that look at it from the outside:
 * every route × every role, canaries through every endpoint, fuzzed inputs.
 *
 * Accounts are seeded straight into the database (an active user with a password); signing in
 * goes over HTTPS through the real password → TOTP enrolment → verification steps. Every
 * request can come from its own client address (`TRUST_PROXY=loopback` + `X-Forwarded-For`),
 * so the per-IP rate limits, which have their own tests, do not throttle a suite that sends
 * hundreds of requests.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { generate } from 'otplib';
import { loadConfig } from '../src/config/index.js';
import { createPasswordHasher } from '../src/crypto/index.js';
import { SESSION_COOKIE } from '../src/identity/index.js';
import { CaptureTransport } from '../src/logging/capture.transport.js';
import { createLogger } from '../src/logging/index.js';
import {
  prepareOrderWrite,
  upsertPage,
  type DomainOrder,
  type PreparedOrder,
} from '../src/orders/index.js';
import { newDomainOrder, type Seller } from '../src/orders/testing/order-fixtures.js';
import { start, type RunningServer } from '../src/server.js';
import type { Database, DatabaseDialect, UserRole } from '../src/storage/index.js';
import {
  openTestDatabase,
  retryingSchemaDrops,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from './storage-harness.js';

export const APP_PUBLIC_URL = 'https://desk.example.test';
export const SEED_PASSWORD = 'orchid-kettle-marble-77';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The parsed JSON body, or `{}` for an empty or non-JSON body. */
  readonly body: Record<string, unknown>;
  readonly requestId: string;
  readonly setCookies: readonly string[];
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as is (not JSON-encoded), with `contentType`. */
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly session?: { readonly token: string; readonly csrf?: string };
  readonly bearer?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Origin header for writes; default the public URL, `null` for none. */
  readonly origin?: string | null;
}

export interface AppHarness {
  readonly dialect: DatabaseDialect;
  readonly server: RunningServer;
  readonly capture: CaptureTransport;
  readonly logDir: string;
  db(): Kysely<Database>;
  call(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** Every log line written so far: the capture transport and every file under the log dir. */
  allLogText(): Promise<string>;
  close(): Promise<void>;
}

function randomClientIp(): string {
  return `10.${String(randomInt(256))}.${String(randomInt(256))}.${String(randomInt(1, 255))}`;
}

async function readTree(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const parts = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return readTree(path);
      return readFile(path, 'utf8');
    }),
  );
  return parts.join('\n');
}

export interface AppHarnessOptions {
  /** More configuration variables (Amazon endpoints pointing at a simulator). */
  readonly env?: Readonly<Record<string, string>>;
  /** Variables for the demo secrets provider (`SECRET_LWA_CLIENT_SECRET`). */
  readonly secretsEnv?: Readonly<Record<string, string>>;
}

export async function startAppHarness(
  dialect: DatabaseDialect,
  options: AppHarnessOptions = {},
): Promise<AppHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'app-harness-'));
  let database: TestDatabase | undefined;
  const env: Record<string, string> = {
    SERVER_MODE: 'demo',
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    PUBLIC_URL: APP_PUBLIC_URL,
    TRUST_PROXY: 'loopback',
    ...options.env,
  };
  if (dialect === 'postgres') {
    // A fresh schema; the server migrates it itself, as in production.
    database = await openTestDatabase('postgres', { migrate: false });
    env.DATABASE_URL = TEST_POSTGRES_URL;
    env.DATABASE_SCHEMA = database.location;
  } else {
    env.SQLITE_PATH = join(dataDir, 'app.sqlite');
  }
  const capture = new CaptureTransport();
  const config = loadConfig(env);
  const server = await retryingSchemaDrops(() =>
    start(config, {
      logger: createLogger({ transports: [capture] }),
      env: { ...options.secretsEnv },
    }),
  );

  const call = (method: string, path: string, options: RequestOptions = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        'x-forwarded-for': randomClientIp(),
        ...options.headers,
      };
      let payload: string | undefined;
      if (options.rawBody !== undefined) {
        payload = options.rawBody;
        headers['content-type'] = options.contentType ?? 'application/json';
      } else if (options.body !== undefined) {
        payload = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const origin = options.origin === undefined ? APP_PUBLIC_URL : options.origin;
      if (origin !== null && method !== 'GET') headers.origin = origin;
      if (options.session !== undefined) {
        headers.cookie = `${SESSION_COOKIE}=${options.session.token}`;
        if (options.session.csrf !== undefined) headers['x-csrf-token'] = options.session.csrf;
      }
      if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
      const req = request(
        `${server.url}${path}`,
        { method, headers, ca: server.certificate, servername: 'localhost' },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          // A Server-Sent Events stream never ends: answer with its first chunk, then hang up.
          const streaming = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (streaming) res.destroy();
          });
          res.on(streaming ? 'close' : 'end', () => {
            let body: Record<string, unknown> = {};
            try {
              const parsed: unknown = text === '' ? {} : JSON.parse(text);
              if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
                body = parsed as Record<string, unknown>;
              }
            } catch {
              body = {};
            }
            const setCookie = res.headers['set-cookie'] ?? [];
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              body,
              requestId: String(res.headers['x-request-id'] ?? ''),
              setCookies: setCookie,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  return {
    dialect,
    server,
    capture,
    logDir: config.logging.dir,
    db: () => server.database.db,
    call,
    allLogText: async () => `${capture.lines().join('\n')}\n${await readTree(config.logging.dir)}`,
    close: async () => {
      await server.stop();
      await database?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededAccount {
  readonly id: string;
  readonly email: string;
  readonly role: UserRole;
  readonly organizationId: string | null;
}

/** A cheap Argon2id profile for seeding; the server verifies any Argon2id hash. */
const seedHasher = createPasswordHasher({ production: false, profile: 'test' });
let seedHash: Promise<string> | undefined;

export async function closeSeedHasher(): Promise<void> {
  await seedHasher.close();
}

export async function seedOrganization(h: AppHarness, name = 'Harbour Goods'): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  await h
    .db()
    .insertInto('organizations')
    .values({ id, name, created_at: now, updated_at: now })
    .execute();
  return id;
}

/** An active account with {@link SEED_PASSWORD}, MFA not enrolled yet. */
export async function seedAccount(
  h: AppHarness,
  role: UserRole,
  organizationId: string | null,
): Promise<SeededAccount> {
  seedHash ??= seedHasher.hashPassword(SEED_PASSWORD);
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.test`;
  const now = Date.now();
  await h
    .db()
    .insertInto('users')
    .values({
      id,
      organization_id: organizationId,
      email,
      role,
      status: 'active',
      password_hash: await seedHash,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, email, role, organizationId };
}

export interface SignedInSession {
  readonly token: string;
  readonly csrf: string;
  readonly totpSecret: string;
  readonly recoveryCodes: readonly string[];
}

export function sessionTokenOf(reply: Reply): string {
  for (const cookie of reply.setCookies) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(cookie);
    if (match?.[1] !== undefined) return match[1];
  }
  throw new Error(`no session cookie in the reply (status ${String(reply.status)})`);
}

/** The first sign-in of a seeded account over HTTPS: password → TOTP enrolment → verification. */
export async function firstSignIn(h: AppHarness, account: SeededAccount): Promise<SignedInSession> {
  const password = await h.call('POST', '/api/auth/sign-in', {
    body: { email: account.email, password: SEED_PASSWORD },
  });
  if (password.status !== 200) throw new Error(`sign-in answered ${String(password.status)}`);
  const pending = { token: sessionTokenOf(password), csrf: String(password.body.csrfToken) };
  const enrol = await h.call('POST', '/api/auth/mfa/enroll', { session: pending });
  const totpSecret = String(enrol.body.secret);
  const verify = await h.call('POST', '/api/auth/mfa/verify', {
    session: pending,
    body: { code: await generate({ secret: totpSecret }) },
  });
  if (verify.status !== 200) throw new Error(`MFA verification answered ${String(verify.status)}`);
  return {
    token: sessionTokenOf(verify),
    csrf: String(verify.body.csrfToken),
    totpSecret,
    recoveryCodes: verify.body.recoveryCodes as string[],
  };
}

/**
 * A connection of `organizationId` and the given orders stored through the real write path
 * (sealed by the server's own PII vault, upserted in one transaction), as the sync stores them.
 * Returns the stored domain orders (`newDomainOrder` from the order fixtures by default: every
 * PII attribute set to the canary values).
 */
export async function seedOrders(
  h: AppHarness,
  organizationId: string,
  build: (seller: Seller) => readonly DomainOrder[] = (seller) => [newDomainOrder(seller)],
): Promise<DomainOrder[]> {
  const connectionId = randomUUID();
  const now = Date.now();
  await h
    .db()
    .insertInto('amazon_connections')
    .values({
      id: connectionId,
      organization_id: organizationId,
      selling_partner_id: `A${randomUUID().replaceAll('-', '').slice(0, 13).toUpperCase()}`,
      region: 'na',
      status: 'active',
      refresh_token_ciphertext: new Uint8Array(48),
      refresh_token_key_id: 'test-key',
      connected_by: randomUUID(),
      connected_at: now,
      updated_at: now,
    })
    .execute();
  const orders = [...build({ organizationId, connectionId })];
  const prepared: PreparedOrder[] = [];
  for (const order of orders) {
    prepared.push(await prepareOrderWrite(h.server.services.vault, organizationId, order));
  }
  await h
    .db()
    .transaction()
    .execute((trx) => upsertPage(trx, prepared, null, now));
  return orders;
}
