/**
 * The connect flow end to end, over HTTPS against the whole server and the simulator's Seller
 * Central consent page and LWA, on both dialects: an owner starts it, the seller authorizes on
 * the consent page, the redirect lands on our callback, the code is exchanged, the refresh token
 * is stored encrypted and works. Replayed states, cancelled consents, other roles and a revoked
 * authorization (`invalid_grant`) are refused or handled.
 */
import { readFile } from 'node:fs/promises';
import { demoConfig, startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLwaInvalidGrant } from '../src/spapi/index.js';
import {
  APP_PUBLIC_URL,
  closeSeedHasher,
  firstSignIn,
  seedAccount,
  seedOrganization,
  startAppHarness,
  type AppHarness,
  type Reply,
  type SignedInSession,
} from './app-harness.js';
import { CONSENT_COOKIE } from '../src/connections/connection.routes.js';
import { simAmazonOptions, submitConsent as submitSellerConsent } from './sim-amazon.js';
import { DIALECTS, forDialect } from './storage-harness.js';

const CALLBACK = `${APP_PUBLIC_URL}/api/amazon/callback`;
const SELLER = 'A1DEMOSELLERNA';

/** The consent page, as the demo seller. */
const submitConsent = (consentUrl: string, decision: 'authorize' | 'cancel') =>
  submitSellerConsent(consentUrl, SELLER, decision);

describe('connecting an Amazon seller account through the simulator', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let sim: RunningSimulator;
      let h: AppHarness;
      let owner: SignedInSession;
      let operator: SignedInSession;

      beforeAll(async () => {
        sim = await startSimulator({ ...demoConfig(CALLBACK), basePort: 0 });
        h = await startAppHarness(dialect, simAmazonOptions(sim));
        const org = await seedOrganization(h);
        owner = await firstSignIn(h, await seedAccount(h, 'owner', org));
        operator = await firstSignIn(h, await seedAccount(h, 'operator', org));
      }, 60_000);
      afterAll(async () => {
        await h.close();
        await sim.stop();
      });

      const start = async (session: SignedInSession = owner) =>
        h.call('POST', '/api/amazon/authorize', { session, body: { region: 'na' } });

      /** The consent cookie `POST /authorize` gave this browser. */
      const consentCookie = (reply: Reply): string => {
        const cookie = reply.setCookies.find((c) => c.startsWith(`${CONSENT_COOKIE}=`));
        if (cookie === undefined) throw new Error('no consent cookie');
        expect(cookie).toContain('Secure; HttpOnly; SameSite=Lax');
        return cookie.split(';')[0] ?? '';
      };

      /** Our callback, called with what the consent page redirected to (and the cookie, if any). */
      const callback = (redirect: URL, cookie?: string) =>
        h.call('GET', `/api/amazon/callback${redirect.search}`, {
          origin: null,
          ...(cookie === undefined ? {} : { headers: { cookie } }),
        });

      it('connects: consent, callback, encrypted refresh token, working access token', async () => {
        const started = await start();
        expect(started.status).toBe(201);
        const consentUrl = String(started.body.consentUrl);
        expect(consentUrl.startsWith(sim.urls.sellerCentral.na)).toBe(true);

        const redirect = await submitConsent(consentUrl, 'authorize');
        expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
        expect(redirect.searchParams.get('selling_partner_id')).toBe(SELLER);

        // The same redirect in another browser (no consent cookie) connects nothing.
        const elsewhere = await callback(redirect);
        expect(elsewhere.headers.location).toBe(
          `${APP_PUBLIC_URL}/connections?result=error&code=OAUTH_STATE_INVALID`,
        );
        const cookie = consentCookie(started);
        const landed = await callback(redirect, cookie);
        expect(landed.status).toBe(303);
        expect(landed.headers.location).toBe(`${APP_PUBLIC_URL}/connections?result=connected`);
        expect(landed.headers['referrer-policy']).toBe('no-referrer');

        const list = await h.call('GET', '/api/amazon/connections', { session: operator });
        const connections = list.body.connections as Record<string, unknown>[];
        expect(connections).toHaveLength(1);
        expect(connections[0]).toMatchObject({
          sellingPartnerId: SELLER,
          region: 'na',
          status: 'active',
          marketplaceIds: ['ATVPDKIKX0DER'],
        });
        expect(JSON.stringify(list.body)).not.toMatch(/Atz[ar]\|/);

        // The stored token is ciphertext; decrypted on demand, it gets an access token at LWA.
        const id = String(connections[0]?.id);
        const row = await h
          .db()
          .selectFrom('amazon_connections')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.refresh_token_ciphertext?.length).toBeGreaterThan(40);
        expect(Buffer.from(row.refresh_token_ciphertext ?? []).toString('latin1')).not.toContain(
          'Atzr|',
        );
        const { database } = h.server.config;
        if (database.kind === 'sqlite') {
          // The database file and its write-ahead log, as bytes.
          for (const path of [database.path, `${database.path}-wal`]) {
            const bytes = await readFile(path).catch(() => Buffer.alloc(0));
            expect(bytes.includes(Buffer.from('Atzr|')), path).toBe(false);
          }
        }
        const access = await h.server.services.spapi?.tokens.accessToken(id, 'na');
        expect(access).toMatch(/^Atza\|/);
        // The same credentials get a Restricted Data Token for a PII-fetching sync.
        const rdt = await h.server.services.rdt?.forOrderSync({
          connection: {
            id,
            organizationId: row.organization_id,
            sellingPartnerId: SELLER,
            region: 'na',
          },
          job: { id: 'sync-test', fetchPii: true },
        });
        expect(rdt?.expiresAt).toBeGreaterThan(Date.now());
        expect(JSON.stringify(rdt)).not.toContain('Atz.sprdt|');
        const logs = await h.allLogText();
        expect(logs).not.toMatch(/Atz[ar]\|/);
        expect(logs).not.toContain(redirect.searchParams.get('spapi_oauth_code') ?? '?');

        // The same redirect again: the state is spent.
        const replay = await callback(redirect, cookie);
        expect(replay.headers.location).toBe(
          `${APP_PUBLIC_URL}/connections?result=error&code=OAUTH_STATE_INVALID`,
        );
      });

      it('a cancelled consent comes back as cancelled and connects nothing new', async () => {
        const before = await h.db().selectFrom('amazon_connections').select('id').execute();
        const started = await start();
        const redirect = await submitConsent(String(started.body.consentUrl), 'cancel');
        const landed = await callback(redirect, consentCookie(started));
        expect(landed.headers.location).toBe(`${APP_PUBLIC_URL}/connections?result=cancelled`);
        expect(await h.db().selectFrom('amazon_connections').select('id').execute()).toEqual(
          before,
        );
      });

      it('only an owner starts a connection; a forged state is refused', async () => {
        const refused = await start(operator);
        expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
        const forged = await callback(
          new URL(
            `${CALLBACK}?state=${'f'.repeat(43)}&selling_partner_id=${SELLER}&spapi_oauth_code=ANaRbCdEfGhIjKlMnOp`,
          ),
        );
        expect(forged.headers.location).toBe(
          `${APP_PUBLIC_URL}/connections?result=error&code=OAUTH_STATE_INVALID`,
        );
      });

      it('a revoked authorization surfaces as invalid_grant and marks the connection', async () => {
        const [connection] = await h.db().selectFrom('amazon_connections').selectAll().execute();
        const id = connection?.id ?? '';
        const app = sim.config.applications[0];
        const revoke = await fetch(`${sim.urls.control ?? ''}/_sim/sellers/${SELLER}/revoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: app?.clientId }),
        });
        expect(revoke.ok).toBe(true);
        const tokens = h.server.services.spapi?.tokens;
        tokens?.forget(id);
        const error: unknown = await tokens?.accessToken(id, 'na').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isLwaInvalidGrant(error)).toBe(true);
        expect(
          await h.server.services.connections.service.markNeedsReauthorization(id, 'INVALID_GRANT'),
        ).toBe(true);
        const list = await h.call('GET', '/api/amazon/connections', { session: owner });
        expect(list.body.connections).toEqual([
          expect.objectContaining({ id, status: 'needs-reauthorization' }),
        ]);
      });
    });
  }
});
