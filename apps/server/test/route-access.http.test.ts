/**
 * Every registered route × every role, over HTTPS against the whole server, with accounts that
 * signed in for real (password, TOTP enrolment, verification). Per route and caller:
 *
 * - the expected decision comes from the policy (`expectedOutcome`), and for routes that name a
 *   colleague's record it must also equal the hand-written table below (the product's intent);
 * - a denial answers exactly its status and code, and for a signed-in caller leaves exactly one
 *   `access.deny` entry with the request's id in the audit trail;
 * - an allowed call is never answered 5xx and leaves no `access.deny` entry.
 *
 * The inventory is the app's own (`assertEveryRouteDeclared`), so a new route is covered the
 * day it is added, and must be added to the table.
 */
import { createRetentionRoutes } from '../src/retention/index.js';
import { createSyncRoutes } from '../src/sync/index.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { ERROR_HTTP_STATUS } from '@spapi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_ROLES,
  assertEveryRouteDeclared,
  toPrincipal,
  type InventoryEntry,
  type Principal,
  type Role,
  type SubjectAttributes,
  type SubjectName,
} from '../src/access/index.js';
import { expectedOutcome, fillPath, resolvesTarget } from '../src/access/testing/route-cases.js';
import { createApp } from '../src/app.js';
import {
  closeSeedHasher,
  firstSignIn,
  seedAccount,
  seedOrders,
  seedOrganization,
  startAppHarness,
  type AppHarness,
  type Reply,
  type SeededAccount,
  type SignedInSession,
} from './app-harness.js';
import { routeInputOf } from './route-inputs.js';
import { DIALECTS, forDialect } from './storage-harness.js';

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ALL_ROLES];

/**
 * Who may call each route when it names a colleague's record in the caller's organization
 * (staff: a record in some organization). `public` and `authenticated` routes are checked by
 * their declaration alone.
 */
const COLLEAGUE_TABLE: Readonly<Record<string, readonly Role[]>> = {
  'delete /api/devices/:id': ['owner'],
  'get /api/me/devices': ['owner', 'operator', 'viewer', 'support', 'platform-admin'],
  'get /api/users': ['owner'],
  'post /api/users': ['owner'],
  'patch /api/users/:userId': ['owner'],
  'delete /api/users/:userId': ['owner'],
  'get /api/amazon/connections': ['owner', 'operator', 'viewer'],
  'post /api/amazon/authorize': ['owner'],
  'patch /api/amazon/connections/:connectionId': ['owner'],
  'delete /api/amazon/connections/:connectionId': ['owner'],
  'get /api/orders': ['owner', 'operator', 'viewer'],
  'post /api/orders/search': ['owner', 'operator'],
  'get /api/orders/:orderId': ['owner', 'operator', 'viewer'],
  'post /api/orders/:orderId/reveal': ['owner', 'operator'],
  'get /api/sync': ['owner', 'operator', 'viewer'],
  'get /api/sync/runs': ['owner', 'operator', 'viewer'],
  'post /api/sync/:connectionId': ['owner', 'operator'],
  'get /api/sync/events': ['owner', 'operator', 'viewer'],
  'get /api/retention': ['owner', 'operator', 'viewer', 'platform-admin'],
  'post /api/reports': ['owner', 'operator'],
  'get /api/reports': ['owner', 'operator', 'viewer'],
  'get /api/reports/:reportId': ['owner', 'operator', 'viewer'],
  'post /api/reports/:reportId/reveal': ['owner', 'operator'],
};

const keyOf = (entry: InventoryEntry) => `${entry.method} ${entry.path}`;

const NOWHERE = 'http://127.0.0.1:9';
const UNREACHABLE_AMAZON = {
  env: {
    LWA_BASE_URL: NOWHERE,
    SPAPI_BASE_URL_NA: NOWHERE,
    SPAPI_BASE_URL_EU: NOWHERE,
    SPAPI_BASE_URL_FE: NOWHERE,
    LWA_CLIENT_ID: 'amzn1.application-oa2-client.routeaccesstests',
    SPAPI_APPLICATION_ID: 'amzn1.sp.solution.00000000-0000-4000-8000-0000000000aa',
  },
  secretsEnv: { SECRET_LWA_CLIENT_SECRET: ['route', 'access', 'unused', 'secret'].join('-') },
};

interface Target {
  readonly params: Record<string, string>;
  readonly attributes?: SubjectAttributes[SubjectName];
}

describe('every route × every role, over HTTPS with real sign-ins', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let h: AppHarness;
      let orgA: string;
      let orgB: string;
      const accounts = new Map<Role, SeededAccount>();
      const sessions = new Map<Role, SignedInSession>();

      beforeAll(async () => {
        // LWA configured (at a closed port: nothing here reaches Amazon), so that the SP-API
        // backed routes answer as in production rather than SERVICE_UNAVAILABLE.
        h = await startAppHarness(dialect, UNREACHABLE_AMAZON);
        orgA = await seedOrganization(h);
        orgB = await seedOrganization(h, 'Other Seller');
        for (const role of ALL_ROLES) {
          const staff = role === 'support' || role === 'platform-admin';
          const account = await seedAccount(h, role, staff ? null : orgA);
          accounts.set(role, account);
          sessions.set(role, await firstSignIn(h, account));
        }
      }, 120_000);
      afterAll(() => h.close());

      const principalOf = (caller: Caller): Principal | undefined => {
        if (caller === 'anonymous') return undefined;
        const account = accounts.get(caller);
        if (account === undefined) throw new Error(`no account for ${caller}`);
        return toPrincipal({
          userId: account.id,
          role: account.role,
          organizationId: account.organizationId,
        });
      };

      /** A throw-away member (and a device of theirs) in `organizationId`. */
      async function disposableMember(organizationId: string) {
        const member = await seedAccount(h, 'viewer', organizationId);
        const deviceId = await insertDevice(member.id);
        return { member, deviceId };
      }

      async function insertDevice(userId: string): Promise<string> {
        const id = randomUUID();
        const now = Date.now();
        await h
          .db()
          .insertInto('devices')
          .values({
            id,
            user_id: userId,
            label: 'Packing desk',
            refresh_token_hash: randomBytes(32).toString('hex'),
            refresh_expires_at: now + 3_600_000,
            access_token_hash: randomBytes(32).toString('hex'),
            access_expires_at: now + 600_000,
            created_at: now,
            last_seen_at: now,
          })
          .execute();
        return id;
      }

      async function insertConnection(organizationId: string): Promise<string> {
        const id = randomUUID();
        const now = Date.now();
        await h
          .db()
          .insertInto('amazon_connections')
          .values({
            id,
            organization_id: organizationId,
            selling_partner_id: `A${randomBytes(6).toString('hex').toUpperCase()}`,
            region: 'na',
            status: 'active',
            refresh_token_ciphertext: randomBytes(48),
            refresh_token_key_id: 'test-key',
            connected_by: randomUUID(),
            connected_at: now,
            updated_at: now,
          })
          .execute();
        return id;
      }

      /** A finished customer report without a document (nothing to decrypt). */
      async function insertReport(organizationId: string): Promise<string> {
        const id = randomUUID();
        const now = Date.now();
        await h
          .db()
          .insertInto('customer_reports')
          .values({
            id,
            organization_id: organizationId,
            connection_id: await insertConnection(organizationId),
            report_type: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
            marketplace_ids_json: '["ATVPDKIKX0DER"]',
            status: 'cancelled',
            requested_by: null,
            requested_at: now,
            updated_at: now,
            completed_at: now,
            pii_state: 'none',
            pii_anchor_at: now,
            pii_purge_after: now + 30 * 86_400_000,
          })
          .execute();
        return id;
      }

      /** Path parameters naming a record of `whose` (`colleague`, the caller `self`, `stranger`). */
      async function targetFor(
        entry: InventoryEntry,
        caller: Caller,
        whose: 'colleague' | 'self' | 'stranger',
      ): Promise<Target> {
        const { access } = entry;
        if (typeof access === 'string' || !resolvesTarget(entry)) return { params: {} };
        const principal = principalOf(caller);
        let userId: string;
        let organizationId: string | null;
        let deviceId: string;
        if (whose === 'self' && principal !== undefined) {
          userId = principal.userId;
          organizationId = principal.organizationId;
          deviceId = await insertDevice(userId);
        } else {
          organizationId = whose === 'stranger' ? orgB : orgA;
          const disposable = await disposableMember(organizationId);
          userId = disposable.member.id;
          deviceId = disposable.deviceId;
        }
        if (access.subject === 'AmazonConnection' || access.subject === 'SyncJob') {
          // A connection of the caller's organization ('self' and 'colleague'), or another's.
          const org = whose === 'stranger' ? orgB : (principal?.organizationId ?? orgA);
          const connectionId = await insertConnection(org);
          return { params: { connectionId }, attributes: { organizationId: org } };
        }
        if (access.subject === 'Order') {
          // An order of the caller's organization ('self' and 'colleague'), or another's.
          const org = whose === 'stranger' ? orgB : (principal?.organizationId ?? orgA);
          const [order] = await seedOrders(h, org);
          if (order === undefined) throw new Error('no order seeded');
          return { params: { orderId: order.amazonOrderId }, attributes: { organizationId: org } };
        }
        if (access.subject === 'Report') {
          const org = whose === 'stranger' ? orgB : (principal?.organizationId ?? orgA);
          const reportId = await insertReport(org);
          return { params: { reportId }, attributes: { organizationId: org } };
        }
        switch (access.subject) {
          case 'User':
            return { params: { userId }, attributes: { id: userId, organizationId } };
          case 'Device':
            return { params: { id: deviceId }, attributes: { userId, organizationId } };
          default:
            throw new Error(`no target fixture for ${access.subject}: add one`);
        }
      }

      async function sessionFor(caller: Caller, entry: InventoryEntry) {
        if (caller === 'anonymous') return undefined;
        // Routes that end the caller's session get a session minted by the session service.
        if (routeInputOf(entry.method, entry.path).endsSession !== true)
          return sessions.get(caller);
        const account = accounts.get(caller);
        if (account === undefined) throw new Error(`no account for ${caller}`);
        const service = h.server.services.identity.services.sessions;
        const token = await service.rotate(
          undefined,
          account.id,
          { userId: account.id, organizationId: account.organizationId },
          { requestId: null, ip: '127.0.0.1' },
          true,
        );
        return { token, csrf: service.csrfTokenFor(token) };
      }

      async function denialEntries(reply: Reply) {
        return h
          .db()
          .selectFrom('audit_entries')
          .select(['action', 'reason_code', 'actor_id', 'details_json'])
          .where('request_id', '=', reply.requestId)
          .where('action', '=', 'access.deny')
          .execute();
      }

      async function check(entry: InventoryEntry, caller: Caller, target: Target) {
        const session = await sessionFor(caller, entry);
        const method = entry.method.toUpperCase();
        const path = fillPath(entry.path, target.params);
        const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
        const reply = await h.call(method, path, {
          ...(session === undefined ? {} : { session }),
          // An empty object: allowed handlers with a schema stop at validation.
          ...(hasBody ? { body: {} } : {}),
        });
        const principal = principalOf(caller);
        const outcome = expectedOutcome(entry, principal, target.attributes);
        const label = `${caller} ${method} ${path}`;
        const denials = await denialEntries(reply);
        if (outcome.allowed) {
          expect(reply.status, label).toBeLessThan(500);
          expect(denials, label).toEqual([]);
        } else {
          expect({ status: reply.status, code: reply.body.code }, label).toEqual({
            status: ERROR_HTTP_STATUS[outcome.code],
            code: outcome.code,
          });
          expect(Object.keys(reply.body).sort(), label).toEqual(['code', 'requestId']);
          if (principal === undefined) {
            expect(denials, label).toEqual([]);
          } else {
            expect(denials, label).toHaveLength(1);
            expect(denials[0], label).toMatchObject({
              reason_code: outcome.code,
              actor_id: principal.userId,
            });
            // The route pattern, never the URL with its ids.
            expect(JSON.parse(String(denials[0]?.details_json)), label).toMatchObject({
              method,
              route: entry.path.replace(/^\/+/, '').replaceAll('/', '.'),
            });
          }
        }
        return outcome.allowed;
      }

      it('every route with a permission is in the table', () => {
        const inventory = h.server.routes;
        expect(inventory.length).toBeGreaterThan(20);
        for (const entry of inventory) {
          if (typeof entry.access === 'string') continue;
          expect(COLLEAGUE_TABLE, keyOf(entry)).toHaveProperty([keyOf(entry)]);
        }
        expect(Object.keys(COLLEAGUE_TABLE).sort()).toEqual(
          inventory
            .filter((e) => typeof e.access !== 'string')
            .map(keyOf)
            .sort(),
        );
      });

      it('routes that name a record: the caller’s own, and another organization’s', async () => {
        const inventory = h.server.routes.filter(resolvesTarget);
        expect(inventory.length).toBeGreaterThan(0);
        for (const entry of inventory) {
          for (const caller of ALL_ROLES) {
            await check(entry, caller, await targetFor(entry, caller, 'self'));
            await check(entry, caller, await targetFor(entry, caller, 'stranger'));
          }
        }
      }, 180_000);
      it('answers every route for every caller as the policy and the table say', async () => {
        // Routes that end every session of the caller go last.
        const inventory = [...h.server.routes].sort(
          (a, b) =>
            Number(keyOf(a) === 'post /api/auth/sign-out-everywhere') -
            Number(keyOf(b) === 'post /api/auth/sign-out-everywhere'),
        );
        const allowedByRoute = new Map<string, Caller[]>();
        for (const entry of inventory) {
          const allowed: Caller[] = [];
          for (const caller of CALLERS) {
            if (await check(entry, caller, await targetFor(entry, caller, 'colleague'))) {
              allowed.push(caller);
            }
          }
          allowedByRoute.set(keyOf(entry), allowed);
        }
        for (const entry of inventory) {
          const allowed = allowedByRoute.get(keyOf(entry));
          if (entry.access === 'public') expect(allowed, keyOf(entry)).toEqual(CALLERS);
          else if (entry.access === 'authenticated') {
            expect(allowed, keyOf(entry)).toEqual(ALL_ROLES);
          } else expect(allowed, keyOf(entry)).toEqual(COLLEAGUE_TABLE[keyOf(entry)]);
        }
      }, 180_000);
    });
  }
});

describe('the start-up check on the real app', () => {
  it('refuses to build when a route is added without a permission', async () => {
    const h = await startAppHarness('sqlite');
    try {
      const app = createApp({
        config: h.server.config,
        logger: h.server.logger,
        identity: h.server.services.identity,
        amazonRoutes: h.server.services.connections.routes,
        orderRoutes: h.server.services.orders.routes,
        syncRoutes: createSyncRoutes(h.server.services.sync).router,
        reportRoutes: h.server.services.reports.routes,
        retentionRoutes: createRetentionRoutes(h.server.database.db).router,
        recordDenial: h.server.services.recordDenial,
      });
      expect(() => assertEveryRouteDeclared(app)).not.toThrow();
      app.get('/api/forgotten', (_req, res) => {
        res.json({});
      });
      expect(() => assertEveryRouteDeclared(app)).toThrow(/GET \/api\/forgotten/);
    } finally {
      await h.close();
    }
  });
});
