import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { enrolAndSignIn, seedUser, startHarness, type Harness } from './identity.test-kit.js';

interface Issued {
  deviceId: string;
  accessToken: string;
  refreshToken: string;
}

describe('device tokens', () => {
  forEachDialect((t) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(t.db());
    });
    afterAll(() => h.close());

    async function issue(): Promise<{ issued: Issued; token: string; csrf: string }> {
      const user = await seedUser(h, t.db());
      const s = await enrolAndSignIn(h, user.email);
      const reply = await h.call('POST', '/api/devices/token', {
        cookie: s.token,
        csrf: s.csrf,
        body: { label: 'Packing desk' },
      });
      expect(reply.status).toBe(201);
      return { issued: reply.body as unknown as Issued, token: s.token, csrf: s.csrf };
    }

    it('issues after an MFA sign-in; the access token works as a bearer token', async () => {
      const { issued } = await issue();
      const data = await h.call('GET', '/api/test/data', { bearer: issued.accessToken });
      expect(data.status).toBe(200);
      const row = await t
        .db()
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', issued.deviceId)
        .executeTakeFirstOrThrow();
      expect(row.refresh_token_hash).not.toBe(issued.refreshToken);
      expect(row.access_token_hash).not.toBe(issued.accessToken);
      h.now += 10 * 60_000;
      const expired = await h.call('GET', '/api/test/data', { bearer: issued.accessToken });
      expect(expired.body).toMatchObject({ code: 'SESSION_EXPIRED' });
    });

    it('refuses to issue long after the MFA step', async () => {
      const user = await seedUser(h, t.db());
      const s = await enrolAndSignIn(h, user.email);
      h.now += 11 * 60_000;
      const reply = await h.call('POST', '/api/devices/token', {
        cookie: s.token,
        csrf: s.csrf,
        body: { label: 'x' },
      });
      expect(reply.body).toMatchObject({ code: 'MFA_REQUIRED' });
    });

    it('revocation takes effect immediately', async () => {
      const { issued, token, csrf } = await issue();
      expect((await h.call('GET', '/api/test/data', { bearer: issued.accessToken })).status).toBe(
        200,
      );
      const revoke = await h.call('DELETE', `/api/devices/${issued.deviceId}`, {
        cookie: token,
        csrf,
      });
      expect(revoke.status).toBe(204);
      const after = await h.call('GET', '/api/test/data', { bearer: issued.accessToken });
      expect(after.body).toMatchObject({ code: 'DEVICE_REVOKED' });
      const refresh = await h.call('POST', '/api/devices/refresh', {
        body: { refreshToken: issued.refreshToken },
      });
      expect(refresh.body).toMatchObject({ code: 'DEVICE_REVOKED' });
    });

    it('rotates the refresh token; reusing an old one revokes the device', async () => {
      const { issued } = await issue();
      const first = await h.call('POST', '/api/devices/refresh', {
        body: { refreshToken: issued.refreshToken },
      });
      expect(first.status).toBe(200);
      const next = first.body as unknown as Issued;
      expect(next.refreshToken).not.toBe(issued.refreshToken);
      expect((await h.call('GET', '/api/test/data', { bearer: next.accessToken })).status).toBe(
        200,
      );
      expect((await h.call('GET', '/api/test/data', { bearer: issued.accessToken })).status).toBe(
        401,
      );

      const reuse = await h.call('POST', '/api/devices/refresh', {
        body: { refreshToken: issued.refreshToken },
      });
      expect(reuse.body).toMatchObject({ code: 'DEVICE_REVOKED' });
      expect(
        (await h.call('GET', '/api/test/data', { bearer: next.accessToken })).body,
      ).toMatchObject({ code: 'DEVICE_REVOKED' });
      const legit = await h.call('POST', '/api/devices/refresh', {
        body: { refreshToken: next.refreshToken },
      });
      expect(legit.body).toMatchObject({ code: 'DEVICE_REVOKED' });
      expect(
        h.audit.entries.some(
          (e) => e.action === 'device.revoke' && e.reasonCode === 'refresh-reuse',
        ),
      ).toBe(true);
    });

    it("does not let a user revoke someone else's device", async () => {
      const { issued } = await issue();
      const other = await issue();
      const reply = await h.call('DELETE', `/api/devices/${issued.deviceId}`, {
        cookie: other.token,
        csrf: other.csrf,
      });
      expect(reply.body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await h.call('GET', '/api/test/data', { bearer: issued.accessToken })).status).toBe(
        200,
      );
    });
  });
});
