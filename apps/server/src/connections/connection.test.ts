import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, isAppError } from '@spapi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { toPrincipal, type Principal } from '../access/index.js';
import { createAuditTrail, createInMemorySigningKeyProvider } from '../audit/index.js';
import { generateKey, ready } from '../crypto/index.js';
import { createAeadSecretSealer } from '../identity/index.js';
import { createUserRepository } from '../identity/user.repository.js';
import type { UserRole } from '../storage/index.js';
import { createConnectionRepository } from './connection.repository.js';
import {
  createConnectionService,
  STATE_TTL_MS,
  type AuthorizationCodeExchange,
} from './connection.service.js';

const REDIRECT = 'https://desk.example.test/api/amazon/callback';
const SELLER = 'A1DEMOSELLERNA';

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error) ? error.code : error).toBe(code);
}

describe('seller authorization (Grant model)', () => {
  beforeAll(() => ready());

  forEachDialect((t) => {
    let now = Date.UTC(2030, 0, 1);
    const exchanged: string[] = [];
    const refreshTokens = new Map<string, string>();
    const exchange: AuthorizationCodeExchange = {
      exchange: ({ code, redirectUri }) => {
        expect(redirectUri).toBe(REDIRECT);
        if (exchanged.includes(code) || !code.startsWith('good-')) {
          return Promise.reject(new AppError(ErrorCode.SPAPI_UNAUTHORIZED));
        }
        exchanged.push(code);
        const refreshToken = `refresh-token-for-${code}-${randomUUID()}`;
        refreshTokens.set(code, refreshToken);
        return Promise.resolve({ refreshToken });
      },
    };
    const sealerKey = { keyId: 'k1', key: generateKey() };
    const sealed = createAeadSecretSealer(sealerKey);

    const build = () => {
      const audit = createAuditTrail({
        db: t.db(),
        signingKeys: createInMemorySigningKeyProvider(),
        checkpointEvery: 0,
      });
      const service = createConnectionService({
        connections: createConnectionRepository(t.db()),
        users: createUserRepository(t.db()),
        exchange,
        sealer: {
          seal: (c, token) =>
            Promise.resolve(sealed.seal(token, `amazon_connections:${c.connectionId}`)),
        },
        audit,
        clock: () => now,
        amazon: {
          applicationId: 'amzn1.sp.solution.demo',
          sellerCentralUrls: {
            na: 'https://sellercentral.example.test',
            eu: 'https://sellercentral-europe.example.test',
            fe: 'https://sellercentral-fe.example.test',
          },
          draftApplication: true,
        },
        redirectUri: REDIRECT,
      });
      return { service, audit };
    };

    async function member(role: UserRole, organizationId?: string): Promise<Principal> {
      const org = organizationId ?? randomUUID();
      if (organizationId === undefined) {
        await t
          .db()
          .insertInto('organizations')
          .values({ id: org, name: 'Harbour', created_at: now, updated_at: now })
          .execute();
      }
      const id = randomUUID();
      await t
        .db()
        .insertInto('users')
        .values({
          id,
          organization_id: org,
          email: `${id}@example.test`,
          role,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      return toPrincipal({ userId: id, role, organizationId: org });
    }

    const stateOf = (consentUrl: string) => new URL(consentUrl).searchParams.get('state') ?? '';
    const request = { requestId: 'req-1' };
    const actions = async () =>
      (
        await t
          .db()
          .selectFrom('audit_entries')
          .select(['action', 'outcome', 'reason_code'])
          .execute()
      ).map((e) => `${e.action}:${e.outcome}${e.reason_code === null ? '' : `:${e.reason_code}`}`);

    it('builds the consent URL of the region with a fresh state, version=beta for a draft', async () => {
      const { service } = build();
      const owner = await member('owner');
      const { consentUrl, expiresAt } = await service.startAuthorization(owner, 'eu', request);
      const url = new URL(consentUrl);
      expect(url.origin).toBe('https://sellercentral-europe.example.test');
      expect(url.pathname).toBe('/apps/authorize/consent');
      expect(url.searchParams.get('application_id')).toBe('amzn1.sp.solution.demo');
      expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
      expect(url.searchParams.get('version')).toBe('beta');
      expect(stateOf(consentUrl)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(expiresAt).toBe(now + STATE_TTL_MS);
      const rows = await t.db().selectFrom('oauth_states').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(stateOf(consentUrl));
    });

    it('only an owner may start; others are refused', async () => {
      const { service } = build();
      const operator = await member('operator');
      await expectCode(service.startAuthorization(operator, 'na', request), ErrorCode.FORBIDDEN);
    });

    it('connects: the refresh token is stored encrypted, the state is spent', async () => {
      const { service } = build();
      const owner = await member('owner');
      const { consentUrl } = await service.startAuthorization(owner, 'na', request);
      const state = stateOf(consentUrl);
      const view = await service.completeAuthorization(
        { state, browserState: state, sellingPartnerId: SELLER, code: 'good-1' },
        request,
      );
      expect(view).toMatchObject({
        organizationId: owner.organizationId,
        sellingPartnerId: SELLER,
        region: 'na',
        status: 'active',
        marketplaceIds: ['ATVPDKIKX0DER'],
        ordersApiVersion: '2026-01-01',
      });
      expect(Object.keys(view)).not.toContain('refreshTokenCiphertext');
      const row = await t
        .db()
        .selectFrom('amazon_connections')
        .selectAll()
        .where('id', '=', view.id)
        .executeTakeFirstOrThrow();
      const token = refreshTokens.get('good-1') ?? '';
      expect(Buffer.from(row.refresh_token_ciphertext ?? []).toString('latin1')).not.toContain(
        token,
      );
      expect(
        sealed.open(
          new Uint8Array(row.refresh_token_ciphertext ?? []),
          'k1',
          `amazon_connections:${view.id}`,
        ),
      ).toBe(token);
      // Replayed state: refused, nothing exchanged.
      await expectCode(
        service.completeAuthorization(
          { state, browserState: state, sellingPartnerId: SELLER, code: 'good-2' },
          request,
        ),
        ErrorCode.OAUTH_STATE_INVALID,
      );
      expect(exchanged).not.toContain('good-2');
      expect(await actions()).toEqual(
        expect.arrayContaining([
          'amazon.authorize-start:success',
          'amazon.connect:success',
          'amazon.connect:denied:OAUTH_STATE_INVALID',
        ]),
      );
    });

    it('refuses a callback in another browser than the one that started the round trip', async () => {
      const { service } = build();
      const owner = await member('owner');
      const { consentUrl } = await service.startAuthorization(owner, 'na', request);
      const state = stateOf(consentUrl);
      for (const browserState of [undefined, 'y'.repeat(43)]) {
        await expectCode(
          service.completeAuthorization(
            { state, browserState, sellingPartnerId: SELLER, code: 'good-9' },
            request,
          ),
          ErrorCode.OAUTH_STATE_INVALID,
        );
      }
      expect(exchanged).not.toContain('good-9');
      // Not spent by the attempts: the right browser can still finish.
      const view = await service.completeAuthorization(
        { state, browserState: state, sellingPartnerId: SELLER, code: 'good-9' },
        request,
      );
      expect(view.status).toBe('active');
    });

    it('refuses unknown, expired and forged states', async () => {
      const { service } = build();
      const owner = await member('owner');
      await expectCode(
        service.completeAuthorization(
          {
            state: 'x'.repeat(43),
            browserState: 'x'.repeat(43),
            sellingPartnerId: SELLER,
            code: 'good-3',
          },
          request,
        ),
        ErrorCode.OAUTH_STATE_INVALID,
      );
      const { consentUrl } = await service.startAuthorization(owner, 'na', request);
      now += STATE_TTL_MS;
      await expectCode(
        service.completeAuthorization(
          {
            state: stateOf(consentUrl),
            browserState: stateOf(consentUrl),
            sellingPartnerId: SELLER,
            code: 'good-4',
          },
          request,
        ),
        ErrorCode.OAUTH_STATE_INVALID,
      );
      // The next round trip clears states that can no longer be used.
      await service.startAuthorization(owner, 'na', request);
      const stale = await t
        .db()
        .selectFrom('oauth_states')
        .select('state_hash')
        .where('expires_at', '<=', now)
        .execute();
      expect(stale).toEqual([]);
    });

    it('refuses a state whose user lost the right to connect in the meantime', async () => {
      const { service } = build();
      const owner = await member('owner');
      const { consentUrl } = await service.startAuthorization(owner, 'na', request);
      await t
        .db()
        .updateTable('users')
        .set({ role: 'viewer' })
        .where('id', '=', owner.userId)
        .execute();
      await expectCode(
        service.completeAuthorization(
          {
            state: stateOf(consentUrl),
            browserState: stateOf(consentUrl),
            sellingPartnerId: SELLER,
            code: 'good-5',
          },
          request,
        ),
        ErrorCode.OAUTH_STATE_INVALID,
      );
      expect(exchanged).not.toContain('good-5');
    });

    it('a code LWA refuses (reused, expired) creates nothing and is audited', async () => {
      const { service } = build();
      const owner = await member('owner');
      const { consentUrl } = await service.startAuthorization(owner, 'na', request);
      await expectCode(
        service.completeAuthorization(
          {
            state: stateOf(consentUrl),
            browserState: stateOf(consentUrl),
            sellingPartnerId: SELLER,
            code: 'good-1',
          },
          request,
        ),
        ErrorCode.NEEDS_REAUTHORIZATION,
      );
      expect(await service.list(owner)).toEqual([]);
      expect(await actions()).toContain('amazon.connect:failure:NEEDS_REAUTHORIZATION');
    });

    it('re-authorizing updates the connection; updates are checked; disconnect drops the token', async () => {
      const { service } = build();
      const owner = await member('owner');
      const viewer = await member('viewer', owner.organizationId ?? '');
      const connect = async (code: string) => {
        const { consentUrl } = await service.startAuthorization(owner, 'na', request);
        return service.completeAuthorization(
          {
            state: stateOf(consentUrl),
            browserState: stateOf(consentUrl),
            sellingPartnerId: 'A2OTHERSELLER',
            code,
          },
          request,
        );
      };
      const first = await connect('good-6');
      const second = await connect('good-7');
      expect(second.id).toBe(first.id);
      expect(await service.list(viewer)).toHaveLength(1);

      const updated = await service.update(
        owner,
        first.id,
        { marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], ordersApiVersion: 'v0' },
        request,
      );
      expect(updated).toMatchObject({ ordersApiVersion: 'v0' });
      await expectCode(
        service.update(owner, first.id, { marketplaceIds: ['A1PA6795UKMFR9'] }, request),
        ErrorCode.VALIDATION_FAILED,
      );
      await expectCode(
        service.update(viewer, first.id, { ordersApiVersion: '2026-01-01' }, request),
        ErrorCode.FORBIDDEN,
      );
      const stranger = await member('owner');
      await expectCode(service.disconnect(stranger, first.id, request), ErrorCode.NOT_FOUND);

      await service.disconnect(owner, first.id, request);
      const row = await t
        .db()
        .selectFrom('amazon_connections')
        .selectAll()
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'disconnected', refresh_token_ciphertext: null });
    });

    it('invalid_grant on refresh: needs re-authorization, once, audited', async () => {
      const { service } = build();
      const owner = await member('owner');
      const { consentUrl } = await service.startAuthorization(owner, 'fe', request);
      const connection = await service.completeAuthorization(
        {
          state: stateOf(consentUrl),
          browserState: stateOf(consentUrl),
          sellingPartnerId: 'A3FARSELLER',
          code: 'good-8',
        },
        request,
      );
      expect(await service.markNeedsReauthorization(connection.id, 'INVALID_GRANT')).toBe(true);
      expect(await service.markNeedsReauthorization(connection.id, 'INVALID_GRANT')).toBe(false);
      const [listed] = await service.list(owner);
      expect(listed).toMatchObject({
        status: 'needs-reauthorization',
        statusReason: 'INVALID_GRANT',
      });
      const entries = (await actions()).filter((a) =>
        a.startsWith('amazon.reauthorization-required'),
      );
      expect(entries).toEqual(['amazon.reauthorization-required:failure:INVALID_GRANT']);
    });
  });
});
