import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_HTTP_STATUS } from '@spapi/shared';
import { forEachDialect } from '../../test/storage-harness.js';
import {
  PASSWORD,
  cookieToken,
  enrolAndSignIn,
  seedUser,
  signIn,
  startHarness,
  totpCode,
  type Harness,
} from './identity.test-kit.js';

describe('sign-in', () => {
  forEachDialect((t) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(t.db());
    });
    afterAll(() => h.close());

    it('password → enrol TOTP → verify gives an active session; cookie flags are exact', async () => {
      const user = await seedUser(h, t.db());
      const first = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(first.status).toBe(200);
      expect(first.body.next).toBe('mfa-enroll');
      expect(first.setCookies).toHaveLength(1);
      const cookie = first.setCookies[0] ?? '';
      expect(cookie).toMatch(/^__Host-sid=[A-Za-z0-9_-]{43}; /);
      const attributes = cookie.split('; ').slice(1).sort();
      expect(attributes).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
      expect(cookie).not.toMatch(/domain|expires|max-age/i);

      const pending = cookieToken(cookie) ?? '';
      const csrf = String(first.body.csrfToken);
      const enrol = await h.call('POST', '/api/auth/mfa/enroll', { cookie: pending, csrf });
      expect(enrol.status).toBe(200);
      expect(String(enrol.body.otpauthUri)).toMatch(/^otpauth:\/\/totp\/.+secret=/);
      const secret = String(enrol.body.secret);
      const stored = await t
        .db()
        .selectFrom('users')
        .select(['mfa_secret_ciphertext', 'mfa_enrolled_at'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(stored.mfa_secret_ciphertext ?? []).toString('latin1')).not.toContain(
        secret,
      );
      expect(stored.mfa_enrolled_at).toBeNull();

      const verify = await h.call('POST', '/api/auth/mfa/verify', {
        cookie: pending,
        csrf,
        body: { code: await totpCode(secret, h.now) },
      });
      expect(verify.status).toBe(200);
      const active = cookieToken(verify.setCookies[0]) ?? '';
      expect(active).not.toBe('');
      expect(active).not.toBe(pending);
      expect(verify.body.recoveryCodes).toHaveLength(10);

      const session = await h.call('GET', '/api/auth/session', { cookie: active });
      expect(session.body).toMatchObject({ state: 'active', userId: user.id, role: 'operator' });
      expect((await h.call('GET', '/api/test/data', { cookie: active })).status).toBe(200);
      // The pending session was revoked by the rotation.
      expect((await h.call('GET', '/api/auth/session', { cookie: pending })).status).toBe(401);
      expect(h.audit.actions()).toEqual(
        expect.arrayContaining([
          'auth.password-verify:success',
          'mfa.enrol:success',
          'auth.sign-in:success',
          'session.revoke:success',
        ]),
      );
    });

    it('rotates the session id at every sign-in', async () => {
      const user = await seedUser(h, t.db());
      const one = await enrolAndSignIn(h, user.email);
      const two = await signIn(h, user.email, one.secret);
      expect(two.token).not.toBe(one.token);
      expect(two.token).not.toBe('');
    });

    it('refuses a wrong password, and an unknown email identically', async () => {
      const user = await seedUser(h, t.db());
      const wrong = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: 'not-the-right-password' },
      });
      const unknown = await h.call('POST', '/api/auth/sign-in', {
        body: { email: 'nobody-here@example.test', password: 'not-the-right-password' },
      });
      for (const reply of [wrong, unknown]) {
        expect(reply.status).toBe(ERROR_HTTP_STATUS.INVALID_CREDENTIALS);
        expect(reply.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        expect(Object.keys(reply.body).sort()).toEqual(Object.keys(wrong.body).sort());
        expect(reply.setCookies).toEqual([]);
      }
    });

    it('locks the account after 5 failures, with backoff, without telling wrong passwords', async () => {
      const user = await seedUser(h, t.db());
      for (let i = 0; i < 5; i += 1) {
        const reply = await h.call('POST', '/api/auth/sign-in', {
          body: { email: user.email, password: 'wrong-password-guess' },
        });
        expect(reply.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      }
      const locked = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(locked.status).toBe(ERROR_HTTP_STATUS.ACCOUNT_LOCKED);
      expect(locked.setCookies).toEqual([]);
      const row = await t
        .db()
        .selectFrom('users')
        .select('locked_until')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(row.locked_until).toBe(h.now + 60_000);
      // A sixth wrong password doubles the lock.
      await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: 'wrong-again-guess' },
      });
      h.now += 61_000;
      const stillLocked = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(stillLocked.status).toBe(ERROR_HTTP_STATUS.ACCOUNT_LOCKED);
      h.now += 60_000;
      const open = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(open.status).toBe(200);
    });

    it('gives no data before MFA: a pending session reaches no protected route', async () => {
      const user = await seedUser(h, t.db());
      const first = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: PASSWORD },
      });
      const pending = cookieToken(first.setCookies[0]) ?? '';
      const csrf = String(first.body.csrfToken);
      const read = await h.call('GET', '/api/test/data', { cookie: pending });
      expect(read.status).toBe(401);
      expect(read.body).not.toHaveProperty('secret');
      expect((await h.call('POST', '/api/test/data', { cookie: pending, csrf })).status).toBe(401);
      expect(
        (
          await h.call('POST', '/api/devices/token', {
            cookie: pending,
            csrf,
            body: { label: 'x' },
          })
        ).status,
      ).toBe(401);
      expect((await h.call('GET', '/api/auth/session', { cookie: pending })).body).toEqual({
        state: 'pending-mfa',
        userId: user.id,
      });
    });

    it('refuses a wrong or replayed TOTP code', async () => {
      const user = await seedUser(h, t.db());
      const { secret } = await enrolAndSignIn(h, user.email);
      const first = await h.call('POST', '/api/auth/sign-in', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(first.body.next).toBe('mfa-verify');
      const pending = cookieToken(first.setCookies[0]) ?? '';
      const csrf = String(first.body.csrfToken);
      // Same time step as the enrolment code: a replay.
      const replay = await h.call('POST', '/api/auth/mfa/verify', {
        cookie: pending,
        csrf,
        body: { code: await totpCode(secret, h.now) },
      });
      expect(replay.body).toMatchObject({ code: 'MFA_INVALID' });
      const wrong = await h.call('POST', '/api/auth/mfa/verify', {
        cookie: pending,
        csrf,
        body: { code: '000000' },
      });
      expect(wrong.body).toMatchObject({ code: 'MFA_INVALID' });
      h.now += 30_000;
      const ok = await h.call('POST', '/api/auth/mfa/verify', {
        cookie: pending,
        csrf,
        body: { code: await totpCode(secret, h.now) },
      });
      expect(ok.status).toBe(200);
    });

    it('spends a recovery code once', async () => {
      const user = await seedUser(h, t.db());
      const { recoveryCodes } = await enrolAndSignIn(h, user.email);
      const code = recoveryCodes[0] ?? '';
      const attempt = async () => {
        const first = await h.call('POST', '/api/auth/sign-in', {
          body: { email: user.email, password: PASSWORD },
        });
        return h.call('POST', '/api/auth/recovery', {
          cookie: cookieToken(first.setCookies[0]) ?? '',
          csrf: String(first.body.csrfToken),
          body: { code: code.toLowerCase() },
        });
      };
      const used = await attempt();
      expect(used.status).toBe(200);
      expect(used.body.remainingRecoveryCodes).toBe(9);
      const active = cookieToken(used.setCookies[0]) ?? '';
      expect((await h.call('GET', '/api/test/data', { cookie: active })).status).toBe(200);
      const again = await attempt();
      expect(again.body).toMatchObject({ code: 'MFA_INVALID' });
      const rows = await t
        .db()
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('user_id', '=', user.id)
        .execute();
      expect(rows).toHaveLength(10);
      for (const row of rows) expect(recoveryCodes).not.toContain(row.code_hash);
    });

    it('refuses a cookie write without the CSRF token or from another origin', async () => {
      const user = await seedUser(h, t.db());
      const s = await enrolAndSignIn(h, user.email);
      const noToken = await h.call('POST', '/api/test/data', { cookie: s.token });
      expect(noToken.status).toBe(ERROR_HTTP_STATUS.CSRF_FAILED);
      expect(noToken.body).toMatchObject({ code: 'CSRF_FAILED' });
      const wrongToken = await h.call('POST', '/api/test/data', {
        cookie: s.token,
        csrf: 'x'.repeat(64),
      });
      expect(wrongToken.body).toMatchObject({ code: 'CSRF_FAILED' });
      const foreign = await h.call('POST', '/api/test/data', {
        cookie: s.token,
        csrf: s.csrf,
        origin: 'https://evil.example',
      });
      expect(foreign.body).toMatchObject({ code: 'CSRF_FAILED' });
      const noOrigin = await h.call('POST', '/api/test/data', {
        cookie: s.token,
        csrf: s.csrf,
        origin: null,
      });
      expect(noOrigin.body).toMatchObject({ code: 'CSRF_FAILED' });
      const ok = await h.call('POST', '/api/test/data', { cookie: s.token, csrf: s.csrf });
      expect(ok.body).toEqual({ written: true });
      const csrf = await h.call('GET', '/api/auth/csrf', { cookie: s.token });
      expect(csrf.body.csrfToken).toBe(s.csrf);
    });

    it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
      const user = await seedUser(h, t.db());
      const idle = await enrolAndSignIn(h, user.email);
      h.now += 29 * 60_000;
      expect((await h.call('GET', '/api/test/data', { cookie: idle.token })).status).toBe(200);
      h.now += 29 * 60_000;
      expect((await h.call('GET', '/api/test/data', { cookie: idle.token })).status).toBe(200);
      h.now += 30 * 60_000;
      const expired = await h.call('GET', '/api/auth/session', { cookie: idle.token });
      expect(expired.status).toBe(401);
      expect(expired.setCookies[0]).toMatch(/^__Host-sid=;.*Max-Age=0/);

      const busy = await signIn(h, user.email, idle.secret);
      for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
        h.now += 20 * 60_000;
        expect((await h.call('GET', '/api/test/data', { cookie: busy.token })).status).toBe(200);
      }
      h.now += 20 * 60_000;
      expect((await h.call('GET', '/api/test/data', { cookie: busy.token })).status).toBe(401);
    });

    it('signs out (single session) and everywhere', async () => {
      const user = await seedUser(h, t.db());
      const a = await enrolAndSignIn(h, user.email);
      const b = await signIn(h, user.email, a.secret);
      const c = await signIn(h, user.email, a.secret);
      expect(
        (await h.call('POST', '/api/auth/sign-out', { cookie: a.token, csrf: a.csrf })).status,
      ).toBe(204);
      expect((await h.call('GET', '/api/test/data', { cookie: a.token })).status).toBe(401);
      expect((await h.call('GET', '/api/test/data', { cookie: b.token })).status).toBe(200);
      expect(
        (await h.call('POST', '/api/auth/sign-out-everywhere', { cookie: b.token, csrf: b.csrf }))
          .status,
      ).toBe(204);
      expect((await h.call('GET', '/api/test/data', { cookie: c.token })).status).toBe(401);
    });

    it('fails the action when the audit trail cannot be written', async () => {
      const user = await seedUser(h, t.db());
      h.audit.failing = true;
      try {
        const reply = await h.call('POST', '/api/auth/sign-in', {
          body: { email: user.email, password: PASSWORD },
        });
        expect(reply.status).toBe(500);
        expect(reply.setCookies).toEqual([]);
      } finally {
        h.audit.failing = false;
      }
    });
  });
});
