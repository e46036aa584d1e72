import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0, enrolAndSignIn, seedUser, startHarness, type Harness } from './identity.test-kit.js';
import { outboxAssociatedData } from './outbox-mail.adapter.js';
import { createAeadSecretSealer } from './secret-sealer.js';

const NEW_PASSWORD = 'copper-kettle-orchard-19';
const CONTEXT = { requestId: null, ip: '127.0.0.1' };

describe('invitations and password reset', () => {
  forEachDialect((t) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(t.db());
    });
    afterAll(() => h.close());

    async function lastMailToken(to: string): Promise<string> {
      const row = await t
        .db()
        .selectFrom('outbox_mail')
        .selectAll()
        .where('recipient', '=', to)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      const sealer = createAeadSecretSealer(h.sealerKey);
      const payload = sealer.open(
        new Uint8Array(row.payload_ciphertext),
        row.payload_key_id,
        outboxAssociatedData(row.id),
      );
      return /#token=([A-Za-z0-9_-]+)/.exec(payload)?.[1] ?? '';
    }

    it('accepts an invitation once; a weak password does not burn the token', async () => {
      const org = randomUUID();
      const id = randomUUID();
      const email = `invitee-${id}@example.test`;
      await t
        .db()
        .insertInto('organizations')
        .values({ id: org, name: 'Org', created_at: T0, updated_at: T0 })
        .execute();
      await t
        .db()
        .insertInto('users')
        .values({ id, organization_id: org, email, role: 'viewer', created_at: T0, updated_at: T0 })
        .execute();
      await h.identity.services.accountTokens.sendInvitation(
        id,
        { userId: null, organizationId: org },
        CONTEXT,
      );
      const token = await lastMailToken(email);
      expect(token).not.toBe('');
      const weak = await h.call('POST', '/api/auth/invitations/accept', {
        body: { token, password: 'password1234' },
      });
      expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
      const ok = await h.call('POST', '/api/auth/invitations/accept', {
        body: { token, password: NEW_PASSWORD },
      });
      expect(ok.status).toBe(204);
      const again = await h.call('POST', '/api/auth/invitations/accept', {
        body: { token, password: NEW_PASSWORD },
      });
      expect(again.body).toMatchObject({ code: 'NOT_FOUND' });
      const user = await t
        .db()
        .selectFrom('users')
        .select(['status', 'password_hash'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(user.status).toBe('active');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('resets a password: same answer for unknown emails, sessions end, token expires', async () => {
      const user = await seedUser(h, t.db());
      const s = await enrolAndSignIn(h, user.email);
      const unknown = await h.call('POST', '/api/auth/password-reset/request', {
        body: { email: 'ghost@example.test' },
      });
      const known = await h.call('POST', '/api/auth/password-reset/request', {
        body: { email: user.email },
      });
      expect(unknown.status).toBe(202);
      expect(known.status).toBe(202);
      const token = await lastMailToken(user.email);
      const done = await h.call('POST', '/api/auth/password-reset/complete', {
        body: { token, password: NEW_PASSWORD },
      });
      expect(done.status).toBe(204);
      expect((await h.call('GET', '/api/test/data', { cookie: s.token })).status).toBe(401);

      await h.call('POST', '/api/auth/password-reset/request', { body: { email: user.email } });
      const late = await lastMailToken(user.email);
      h.now += 31 * 60_000;
      const expired = await h.call('POST', '/api/auth/password-reset/complete', {
        body: { token: late, password: NEW_PASSWORD },
      });
      expect(expired.body).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
