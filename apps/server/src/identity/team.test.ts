import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import {
  enrolAndSignIn,
  seedUser,
  startHarness,
  type Harness,
  type SignedIn,
} from './identity.test-kit.js';
import type { UserRole } from '../storage/index.js';

describe('team management (owner)', () => {
  forEachDialect((t) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(t.db());
    });
    afterAll(() => h.close());

    interface Member {
      readonly id: string;
      readonly email: string;
      readonly session: SignedIn;
    }

    /** An organization with a signed-in owner and one signed-in colleague of `role`. */
    async function team(
      role: UserRole = 'operator',
    ): Promise<{ owner: Member; colleague: Member }> {
      const ownerUser = await seedUser(h, t.db(), 'owner');
      const colleagueUser = await seedUser(h, t.db(), role, ownerUser.organizationId);
      return {
        owner: { ...ownerUser, session: await enrolAndSignIn(h, ownerUser.email) },
        colleague: { ...colleagueUser, session: await enrolAndSignIn(h, colleagueUser.email) },
      };
    }

    const as = (member: Member, body?: unknown) => ({
      cookie: member.session.token,
      csrf: member.session.csrf,
      ...(body === undefined ? {} : { body }),
    });

    it('lists the members of the owner’s organization, without any secret', async () => {
      const { owner, colleague } = await team();
      await seedUser(h, t.db(), 'owner'); // another organization
      const reply = await h.call('GET', '/api/users', as(owner));
      expect(reply.status).toBe(200);
      const users = reply.body.users as Record<string, unknown>[];
      expect(users.map((u) => u.id).sort()).toEqual([owner.id, colleague.id].sort());
      for (const user of users) {
        expect(Object.keys(user).sort()).toEqual(
          [
            'createdAt',
            'email',
            'id',
            'lastSignInAt',
            'lockedUntil',
            'mfaEnrolledAt',
            'organizationId',
            'role',
            'status',
          ].sort(),
        );
      }
    });

    it('refuses the list to an operator', async () => {
      const { colleague } = await team();
      const reply = await h.call('GET', '/api/users', as(colleague));
      expect(reply).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    });

    it('invites a member: created invited, a sealed invitation in the outbox, audited', async () => {
      const { owner } = await team();
      const email = `New.Member-${String(h.now)}@Example.test`;
      const reply = await h.call('POST', '/api/users', as(owner, { email, role: 'viewer' }));
      expect(reply.status).toBe(201);
      const id = String(reply.body.id);
      const row = await t
        .db()
        .selectFrom('users')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        email: email.toLowerCase(),
        role: 'viewer',
        status: 'invited',
        password_hash: null,
      });
      const mail = await t
        .db()
        .selectFrom('outbox_mail')
        .selectAll()
        .where('recipient', '=', email.toLowerCase())
        .executeTakeFirstOrThrow();
      expect(mail.template).toBe('invitation');
      // The single-use link is sealed at rest.
      expect(Buffer.from(mail.payload_ciphertext).toString('latin1')).not.toContain('token=');
      expect(h.audit.actions()).toEqual(
        expect.arrayContaining(['user.create:success', 'user.invite:success']),
      );
      const again = await h.call('POST', '/api/users', as(owner, { email, role: 'operator' }));
      expect(again).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    });

    it('refuses to invite staff roles and refuses invitations by non-owners', async () => {
      const { owner, colleague } = await team('viewer');
      const staff = await h.call(
        'POST',
        '/api/users',
        as(owner, { email: 'staff@example.test', role: 'support' }),
      );
      expect(staff).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      const byViewer = await h.call(
        'POST',
        '/api/users',
        as(colleague, { email: 'x@example.test', role: 'viewer' }),
      );
      expect(byViewer).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    });

    it('a role change ends every session and device of the member at once', async () => {
      const { owner, colleague } = await team('operator');
      const device = await h.call(
        'POST',
        '/api/devices/token',
        as(colleague, { label: 'Packing desk' }),
      );
      const accessToken = String(device.body.accessToken);
      const reply = await h.call(
        'PATCH',
        `/api/users/${colleague.id}`,
        as(owner, { role: 'viewer' }),
      );
      expect(reply.status).toBe(204);
      const stale = await h.call('GET', '/api/test/data', { cookie: colleague.session.token });
      expect(stale.status).toBe(401);
      const bearer = await h.call('GET', '/api/test/data', { bearer: accessToken });
      expect(bearer).toMatchObject({ status: 403, body: { code: 'DEVICE_REVOKED' } });
      const row = await t
        .db()
        .selectFrom('users')
        .select('role')
        .where('id', '=', colleague.id)
        .executeTakeFirstOrThrow();
      expect(row.role).toBe('viewer');
      const entry = h.audit.entries.find(
        (e) => e.action === 'user.role-change' && e.targetId === colleague.id,
      );
      expect(entry?.details).toMatchObject({ from: 'operator', to: 'viewer', sessions: 1 });
    });

    it('an owner cannot change their own role; another organization’s member is NOT_FOUND', async () => {
      const { owner } = await team();
      const self = await h.call('PATCH', `/api/users/${owner.id}`, as(owner, { role: 'viewer' }));
      expect(self).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      const stranger = await seedUser(h, t.db(), 'operator');
      const other = await h.call(
        'PATCH',
        `/api/users/${stranger.id}`,
        as(owner, { role: 'viewer' }),
      );
      expect(other).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      const malformed = await h.call('DELETE', '/api/users/not-a-uuid', as(owner));
      expect(malformed).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    });

    it('deactivating a member signs them out and keeps them out', async () => {
      const { owner, colleague } = await team();
      const reply = await h.call('DELETE', `/api/users/${colleague.id}`, as(owner));
      expect(reply.status).toBe(204);
      expect(
        (await h.call('GET', '/api/test/data', { cookie: colleague.session.token })).status,
      ).toBe(401);
      h.now += 30_000;
      const signIn = await h.call('POST', '/api/auth/sign-in', {
        body: { email: colleague.email, password: 'tidal-mango-lantern-42' },
      });
      expect(signIn).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
      expect(h.audit.actions()).toContain('user.deactivate:success');
    });
  });
});
