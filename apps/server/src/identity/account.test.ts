import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const NEW_PASSWORD = 'copper-heron-sails-at-dawn';

describe('own account (/api/me)', () => {
  forEachDialect((t) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(t.db());
    });
    afterAll(() => h.close());

    async function signedInUser() {
      const user = await seedUser(h, t.db(), 'viewer');
      return { user, session: await enrolAndSignIn(h, user.email) };
    }

    it('shows the profile to its owner', async () => {
      const { user, session } = await signedInUser();
      const reply = await h.call('GET', '/api/me', { cookie: session.token });
      expect(reply.body).toEqual({
        id: user.id,
        email: user.email,
        role: 'viewer',
        organizationId: user.organizationId,
        mfaEnrolled: true,
      });
      expect((await h.call('GET', '/api/me')).status).toBe(401);
    });

    describe('password change', () => {
      it('needs the current password; a wrong one is audited and counted', async () => {
        const { user, session } = await signedInUser();
        const reply = await h.call('POST', '/api/me/password', {
          cookie: session.token,
          csrf: session.csrf,
          body: { currentPassword: 'not-the-password-at-all', newPassword: NEW_PASSWORD },
        });
        expect(reply).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
        const row = await t
          .db()
          .selectFrom('users')
          .select('failed_sign_in_count')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow();
        expect(row.failed_sign_in_count).toBe(1);
        expect(h.audit.actions()).toContain('auth.password-change:failure');
      });

      it('a stolen session cannot guess the password: the lock ends the session', async () => {
        const { user, session } = await signedInUser();
        const guess = () =>
          h.call('POST', '/api/me/password', {
            cookie: session.token,
            csrf: session.csrf,
            body: { currentPassword: 'wrong-guess-of-the-password', newPassword: NEW_PASSWORD },
          });
        for (let attempt = 1; attempt < 5; attempt += 1) {
          expect((await guess()).body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        }
        expect((await guess()).body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        // The fifth failure locked the account and ended the session.
        expect((await h.call('GET', '/api/me', { cookie: session.token })).status).toBe(401);
        const locked = await h.call('POST', '/api/auth/sign-in', {
          body: { email: user.email, password: PASSWORD },
        });
        expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
      });

      it('applies the password policy without losing the old password', async () => {
        const { user, session } = await signedInUser();
        const reply = await h.call('POST', '/api/me/password', {
          cookie: session.token,
          csrf: session.csrf,
          body: { currentPassword: PASSWORD, newPassword: 'password1234' },
        });
        expect(reply).toMatchObject({ status: 400, body: { code: 'PASSWORD_TOO_WEAK' } });
        const again = await signIn(h, user.email, session.secret);
        expect(again.token).not.toBe('');
      });

      it('rotates the session and ends every other session and device', async () => {
        const { user, session } = await signedInUser();
        const other = await signIn(h, user.email, session.secret);
        const device = await h.call('POST', '/api/devices/token', {
          cookie: other.token,
          csrf: other.csrf,
          body: { label: 'Packing desk' },
        });
        const reply = await h.call('POST', '/api/me/password', {
          cookie: session.token,
          csrf: session.csrf,
          body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        });
        expect(reply.status).toBe(200);
        const rotated = cookieToken(reply.setCookies[0]) ?? '';
        expect(rotated).not.toBe('');
        expect(rotated).not.toBe(session.token);
        expect((await h.call('GET', '/api/me', { cookie: rotated })).status).toBe(200);
        expect((await h.call('GET', '/api/me', { cookie: session.token })).status).toBe(401);
        expect((await h.call('GET', '/api/me', { cookie: other.token })).status).toBe(401);
        const bearer = await h.call('GET', '/api/me', {
          bearer: String(device.body.accessToken),
        });
        expect(bearer.body).toMatchObject({ code: 'DEVICE_REVOKED' });
        h.now += 30_000;
        const old = await h.call('POST', '/api/auth/sign-in', {
          body: { email: user.email, password: PASSWORD },
        });
        expect(old.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        const fresh = await h.call('POST', '/api/auth/sign-in', {
          body: { email: user.email, password: NEW_PASSWORD },
        });
        expect(fresh.body).toMatchObject({ next: 'mfa-verify' });
      });

      it('is refused without the CSRF token and from a desktop device token', async () => {
        const { session } = await signedInUser();
        const body = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
        const noCsrf = await h.call('POST', '/api/me/password', { cookie: session.token, body });
        expect(noCsrf).toMatchObject({ status: 403, body: { code: 'CSRF_FAILED' } });
        const device = await h.call('POST', '/api/devices/token', {
          cookie: session.token,
          csrf: session.csrf,
          body: { label: 'Desk' },
        });
        const viaDevice = await h.call('POST', '/api/me/password', {
          bearer: String(device.body.accessToken),
          body,
        });
        expect(viaDevice).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      });
    });

    describe('recovery codes', () => {
      it('replaces them after a fresh TOTP code; the old ones stop working', async () => {
        const { user, session } = await signedInUser();
        const wrong = await h.call('POST', '/api/me/recovery-codes', {
          cookie: session.token,
          csrf: session.csrf,
          body: { code: '000000' },
        });
        expect(wrong).toMatchObject({ status: 401, body: { code: 'MFA_INVALID' } });
        h.now += 30_000;
        const reply = await h.call('POST', '/api/me/recovery-codes', {
          cookie: session.token,
          csrf: session.csrf,
          body: { code: await totpCode(session.secret, h.now) },
        });
        expect(reply.status).toBe(200);
        const codes = reply.body.recoveryCodes as string[];
        expect(codes).toHaveLength(session.recoveryCodes.length);
        expect(codes).not.toContain(session.recoveryCodes[0]);

        const useCode = async (code: string | undefined) => {
          h.now += 30_000;
          const first = await h.call('POST', '/api/auth/sign-in', {
            body: { email: user.email, password: PASSWORD },
          });
          return h.call('POST', '/api/auth/recovery', {
            cookie: cookieToken(first.setCookies[0]) ?? '',
            csrf: String(first.body.csrfToken),
            body: { code },
          });
        };
        expect((await useCode(session.recoveryCodes[0])).body).toMatchObject({
          code: 'MFA_INVALID',
        });
        expect((await useCode(codes[0])).status).toBe(200);
      });

      it('a stolen session cannot guess TOTP codes for new recovery codes: locked, signed out', async () => {
        const { session } = await signedInUser();
        for (let attempt = 1; attempt <= 5; attempt += 1) {
          const reply = await h.call('POST', '/api/me/recovery-codes', {
            cookie: session.token,
            csrf: session.csrf,
            body: { code: '000000' },
          });
          expect(reply.body).toMatchObject({ code: 'MFA_INVALID' });
        }
        expect((await h.call('GET', '/api/me', { cookie: session.token })).status).toBe(401);
      });

      it('does not accept the code just used to sign in (no replay)', async () => {
        const { session } = await signedInUser();
        const replay = await h.call('POST', '/api/me/recovery-codes', {
          cookie: session.token,
          csrf: session.csrf,
          body: { code: await totpCode(session.secret, h.now) },
        });
        expect(replay.body).toMatchObject({ code: 'MFA_INVALID' });
      });
    });

    it('lists only the user’s own devices, without token material', async () => {
      const { session } = await signedInUser();
      const someoneElse = await signedInUser();
      for (const s of [session, someoneElse.session]) {
        await h.call('POST', '/api/devices/token', {
          cookie: s.token,
          csrf: s.csrf,
          body: { label: 'Desk' },
        });
      }
      const reply = await h.call('GET', '/api/me/devices', { cookie: session.token });
      const devices = reply.body.devices as Record<string, unknown>[];
      expect(devices).toHaveLength(1);
      expect(Object.keys(devices[0] ?? {}).sort()).toEqual(
        ['createdAt', 'id', 'label', 'lastSeenAt', 'revokedAt'].sort(),
      );
    });
  });
});
