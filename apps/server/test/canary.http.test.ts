/**
 * Canary PII and credentials through every endpoint of the whole server, over HTTPS, on both
 * dialects: in bodies, path parameters, query strings and headers, on error paths (every route,
 * anonymous and signed in) and on success paths (invitation, password change, sign-in with TOTP
 * and a recovery code, device tokens, new recovery codes). Afterwards no canary, and no secret
 * the server handed out (session cookies, CSRF tokens, device tokens, the TOTP secret, recovery
 * codes), appears in any log line (the capture transport and every file under the log
 * directory, the audit JSON lines included) or in any audit entry.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { InventoryEntry } from '../src/access/index.js';
import { fillPath } from '../src/access/testing/route-cases.js';
import {
  closeSeedHasher,
  firstSignIn,
  seedAccount,
  seedOrganization,
  sessionTokenOf,
  startAppHarness,
  type AppHarness,
  type Reply,
  type SeededAccount,
  type SignedInSession,
} from './app-harness.js';
import { routeInputOf } from './route-inputs.js';
import { DIALECTS, forDialect } from './storage-harness.js';

const token = (bytes: number) => randomBytes(bytes).toString('base64url');
const tag = randomBytes(4).toString('hex');

/** Distinctive values: none of them can appear in a log line by coincidence. */
const CANARY = {
  buyerName: `Quillon Vexbright${tag}`,
  street: `4417 Marrowgate Lane ${tag}`,
  phone: '+1 206-555-0147',
  postalCode: 'KY1-1104',
  giftMessage: `Happy birthday Aunt Wilhelmina ${tag}`,
  email: `canary.${tag}@buyer-mail.test`,
  password: `canary-ledger-${tag}-violet`,
  newPassword: `canary-harbour-${tag}-amber`,
  // Amazon-shaped credentials, assembled at run time.
  lwaRefreshToken: ['Atzr', `IwEBI${token(40)}`].join('|'),
  lwaAccessToken: ['Atza', `IwEBI${token(40)}`].join('|'),
  rdt: ['Atz.sprdt', token(40)].join('|'),
  clientSecret: `amzn1.oa2-cs.v1.${randomBytes(32).toString('hex')}`,
  bearer: token(32),
  sessionCookie: token(32),
  csrf: token(32),
  invitationToken: token(32),
  refreshToken: token(32),
  recoveryCode: `QZXW-${tag.toUpperCase()}-CNRY`,
} as const;

const CANARY_VALUES: readonly string[] = Object.values(CANARY);

describe('canaries through every endpoint never reach a log line or an audit entry', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let h: AppHarness;
      let owner: SeededAccount;
      let ownerSession: SignedInSession;
      let inventory: readonly InventoryEntry[];
      /** Every secret the server handed out during the suite. */
      const issued = new Set<string>();
      const replies: Reply[] = [];

      const call: AppHarness['call'] = async (method, path, options) => {
        const reply = await h.call(method, path, options);
        replies.push(reply);
        for (const cookie of reply.setCookies) {
          const value = /^[^=]+=([^;]+)/.exec(cookie)?.[1];
          if (value !== undefined) issued.add(value);
        }
        for (const key of ['csrfToken', 'accessToken', 'refreshToken', 'secret', 'otpauthUri']) {
          const value = reply.body[key];
          if (typeof value === 'string' && value !== '') issued.add(value);
        }
        const codes = reply.body.recoveryCodes;
        if (Array.isArray(codes)) for (const code of codes) issued.add(String(code));
        return reply;
      };

      beforeAll(async () => {
        h = await startAppHarness(dialect);
        const org = await seedOrganization(h);
        owner = await seedAccount(h, 'owner', org);
        ownerSession = await firstSignIn(h, owner);
        issued.add(ownerSession.token);
        issued.add(ownerSession.csrf);
        issued.add(ownerSession.totpSecret);
        for (const code of ownerSession.recoveryCodes) issued.add(code);
        inventory = h.server.routes;
      }, 60_000);
      afterAll(() => h.close());

      /** A body with the route's own fields set to canaries (and one with every field name). */
      function canaryBodies(entry: InventoryEntry): unknown[] {
        const everything = {
          email: CANARY.email,
          password: CANARY.password,
          currentPassword: CANARY.password,
          newPassword: CANARY.newPassword,
          code: CANARY.recoveryCode,
          token: CANARY.invitationToken,
          refreshToken: CANARY.refreshToken,
          label: `${CANARY.buyerName}, ${CANARY.street}`,
          role: CANARY.buyerName,
          shippingAddress: { name: CANARY.buyerName, line1: CANARY.street, phone: CANARY.phone },
          postalCode: CANARY.postalCode,
          giftMessage: CANARY.giftMessage,
          lwa: { refresh_token: CANARY.lwaRefreshToken, access_token: CANARY.lwaAccessToken },
          restrictedDataToken: CANARY.rdt,
          client_secret: CANARY.clientSecret,
        };
        const { body } = routeInputOf(entry.method, entry.path);
        const shape = (body as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
        const own = Object.fromEntries(
          Object.keys(shape).map((key) => [
            key,
            key in everything ? everything[key as keyof typeof everything] : CANARY.buyerName,
          ]),
        );
        return [own, everything, `${CANARY.street} ${CANARY.phone}`];
      }

      const canaryHeaders = {
        'user-agent': `Mozilla/5.0 (${CANARY.buyerName})`,
        referer: `https://desk.example.test/orders?email=${CANARY.email}`,
        'x-amz-access-token': CANARY.lwaAccessToken,
        'x-request-id': CANARY.phone,
      };

      it('error paths: every route, anonymous and signed in, canaries everywhere', async () => {
        for (const entry of inventory) {
          const method = entry.method.toUpperCase();
          const params = Object.fromEntries(
            [...entry.path.matchAll(/:(\w+)/g)].map(([, name]) => [name ?? '', CANARY.email]),
          );
          const query = new URLSearchParams({
            email: CANARY.email,
            phone: CANARY.phone,
            name: CANARY.buyerName,
            token: CANARY.lwaRefreshToken,
          });
          const path = `${fillPath(entry.path, params)}?${query.toString()}`;
          const input = routeInputOf(entry.method, entry.path);
          const bodies = method === 'GET' ? [undefined] : canaryBodies(entry);
          for (const body of bodies) {
            const withBody = body === undefined ? {} : { body };
            // Anonymous, with canary credentials.
            await call(method, path, {
              ...withBody,
              headers: canaryHeaders,
              bearer: CANARY.bearer,
            });
            await call(method, path, {
              ...withBody,
              headers: canaryHeaders,
              session: { token: CANARY.sessionCookie, csrf: CANARY.csrf },
            });
            // Signed in (sign-out routes anonymously: they would end the owner's session).
            if (input.endsSession !== true) {
              await call(method, path, {
                ...withBody,
                headers: canaryHeaders,
                session: { token: ownerSession.token, csrf: CANARY.csrf },
              });
              await call(method, path, {
                ...withBody,
                headers: canaryHeaders,
                session: ownerSession,
              });
            }
          }
        }
        expect(replies.length).toBeGreaterThan(inventory.length * 4);
        expect(replies.every((reply) => reply.status < 500)).toBe(true);
      }, 300_000);

      it('success paths carry canaries and hand out secrets', async () => {
        // An owner invites a colleague whose email is a canary.
        const invite = await call('POST', '/api/users', {
          session: ownerSession,
          body: { email: CANARY.email, role: 'operator' },
        });
        expect(invite.status).toBe(201);
        expect(
          (
            await call('POST', '/api/auth/password-reset/request', {
              body: { email: CANARY.email },
            })
          ).status,
        ).toBe(202);

        // A member changes their password to a canary and signs in with it (TOTP).
        const member = await seedAccount(h, 'operator', owner.organizationId);
        const first = await firstSignIn(h, member);
        [first.token, first.csrf, first.totpSecret, ...first.recoveryCodes].forEach((value) =>
          issued.add(value),
        );
        const change = await call('POST', '/api/me/password', {
          session: first,
          body: { currentPassword: 'orchid-kettle-marble-77', newPassword: CANARY.password },
        });
        expect(change.status).toBe(200);
        const wrong = await call('POST', '/api/auth/sign-in', {
          body: { email: member.email, password: CANARY.newPassword },
        });
        expect(wrong.status).toBe(401);
        const signIn = await call('POST', '/api/auth/sign-in', {
          body: { email: member.email, password: CANARY.password },
        });
        expect(signIn.status).toBe(200);
        // The TOTP step used at enrolment cannot be replayed: a recovery code signs in instead.
        const recovered = await call('POST', '/api/auth/recovery', {
          session: { token: sessionTokenOf(signIn), csrf: String(signIn.body.csrfToken) },
          body: { code: first.recoveryCodes[0] },
        });
        expect(recovered.status).toBe(200);
        const session = {
          token: sessionTokenOf(recovered),
          csrf: String(recovered.body.csrfToken),
        };

        // Desktop device tokens: issue (label with PII-looking text), use, refresh, replay.
        const device = await call('POST', '/api/devices/token', {
          session,
          body: { label: `${CANARY.buyerName} packing desk` },
        });
        expect(device.status).toBe(201);
        expect(
          (await call('GET', '/api/me', { bearer: String(device.body.accessToken) })).status,
        ).toBe(200);
        const refreshed = await call('POST', '/api/devices/refresh', {
          body: { refreshToken: device.body.refreshToken },
        });
        expect(refreshed.status).toBe(200);
        const replay = await call('POST', '/api/devices/refresh', {
          body: { refreshToken: device.body.refreshToken },
        });
        expect(replay.body.code).toBe('DEVICE_REVOKED');

        // New recovery codes need a current TOTP code; a wrong one first.
        expect(
          (await call('POST', '/api/me/recovery-codes', { session, body: { code: '000000' } }))
            .status,
        ).toBe(401);
        // The enrolment used the current time step; the next one (within the ±1 window) is new.
        const nextStep = Math.floor(Date.now() / 1000) + 30;
        const codes = await call('POST', '/api/me/recovery-codes', {
          session,
          body: { code: await generate({ secret: first.totpSecret, epoch: nextStep }) },
        });
        expect(codes.status).toBe(200);
      }, 120_000);

      it('no canary and no issued secret is in any log line or audit entry', async () => {
        const logs = await h.allLogText();
        const audit = JSON.stringify(
          await h.db().selectFrom('audit_entries').selectAll().execute(),
        );
        // The suites above really wrote: request lines, failed and successful sign-ins.
        expect(logs.includes('http request')).toBe(true);
        expect(
          audit.includes(
            '"action":"auth.sign-in","target_type":null,"target_id":null,"outcome":"failure"',
          ),
        ).toBe(true);
        expect(audit.includes('auth.password-change')).toBe(true);
        expect(issued.size).toBeGreaterThan(10);
        // As sent, lower-cased (emails are stored so) and URL-encoded (paths and queries).
        const values = [...CANARY_VALUES, ...issued];
        const forms = (value: string) => [value, value.toLowerCase(), encodeURIComponent(value)];
        const leaks = (text: string) =>
          values.filter((value) => forms(value).some((form) => text.includes(form)));
        expect(leaks(logs)).toEqual([]);
        expect(leaks(audit)).toEqual([]);
      });
    });
  }
});
