import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hexHash,
  newOrganization,
  newSellerUser,
  newStaffUser,
  T0,
} from '../../test/storage-fixtures.js';
import { forEachDialect } from '../../test/storage-harness.js';
import {
  ORGANIZATION_ROLES,
  ORGANIZATION_STATUSES,
  STAFF_ROLES,
  USER_STATUSES,
  USER_TOKEN_PURPOSES,
} from './schema-values.js';

/** SQLite: "UNIQUE constraint failed"; Postgres: "violates unique constraint". */
const UNIQUE_RE = /unique constraint/i;
/** SQLite: "FOREIGN KEY constraint failed"; Postgres: "violates foreign key constraint". */
const FOREIGN_KEY_RE = /foreign key constraint/i;

describe('identity schema', () => {
  forEachDialect((t) => {
    async function seller(): Promise<{ organizationId: string; userId: string }> {
      const org = newOrganization();
      const user = newSellerUser(org.id);
      await t.db().insertInto('organizations').values(org).execute();
      await t.db().insertInto('users').values(user).execute();
      return { organizationId: org.id, userId: user.id };
    }

    it('round-trips an organization with defaults and every status', async () => {
      for (const status of ORGANIZATION_STATUSES) {
        const org = newOrganization({ status });
        await t.db().insertInto('organizations').values(org).execute();
        const row = await t
          .db()
          .selectFrom('organizations')
          .selectAll()
          .where('id', '=', org.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ ...org, status });
      }
      const org = newOrganization();
      await t.db().insertInto('organizations').values(org).execute();
      const row = await t
        .db()
        .selectFrom('organizations')
        .select('status')
        .where('id', '=', org.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('active');
    });

    it('round-trips a user: numbers, nulls, ciphertext bytes and defaults', async () => {
      const { organizationId } = await seller();
      const secret = new Uint8Array([0, 255, 1, 128, 7]);
      const user = newSellerUser(organizationId, {
        password_hash: '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA',
        mfa_secret_ciphertext: secret,
        mfa_secret_key_id: 'kek-2030-01',
        mfa_enrolled_at: T0,
        mfa_last_used_step: Math.floor(T0 / 30_000),
        locked_until: T0 + 60_000,
      });
      await t.db().insertInto('users').values(user).execute();
      const row = await t
        .db()
        .selectFrom('users')
        .selectAll()
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(row.mfa_secret_ciphertext ?? [])).toEqual(Buffer.from(secret));
      expect(row).toMatchObject({
        email: user.email,
        role: 'operator',
        status: 'invited',
        failed_sign_in_count: 0,
        failed_mfa_count: 0,
        created_at: T0,
        locked_until: T0 + 60_000,
        last_sign_in_at: null,
      });
      expect(typeof row.created_at).toBe('number');
    });

    it('accepts every seller role with an organization and every staff role without', async () => {
      const { organizationId } = await seller();
      for (const role of ORGANIZATION_ROLES) {
        await t.db().insertInto('users').values(newSellerUser(organizationId, { role })).execute();
      }
      for (const role of STAFF_ROLES) {
        await t.db().insertInto('users').values(newStaffUser({ role })).execute();
      }
      for (const status of USER_STATUSES) {
        await t.db().insertInto('users').values(newStaffUser({ status })).execute();
      }
    });

    it.each([
      ['a staff member in an organization', 'org-staff', /users_role_tenancy/],
      ['a seller user without an organization', 'orphan', /users_role_tenancy/],
      ['an unknown role', 'role', /users_role_tenancy/],
      ['an email that is not normalised', 'email', /users_email_normalised/],
      ['a ciphertext without its key id', 'key', /users_mfa_secret_key/],
      ['an unknown status', 'status', /users_status/],
    ] as const)('refuses %s', async (_label, kind, constraint) => {
      const { organizationId } = await seller();
      const bad = {
        'org-staff': newStaffUser({ organization_id: organizationId }),
        orphan: newSellerUser(organizationId, { organization_id: null }),
        role: newStaffUser({ role: 'superuser' as 'support' }),
        email: newStaffUser({ email: 'Mixed@Example.test' }),
        key: newStaffUser({ mfa_secret_ciphertext: new Uint8Array([1]) }),
        status: newStaffUser({ status: 'gone' as 'active' }),
      }[kind];
      await expect(t.db().insertInto('users').values(bad).execute()).rejects.toThrow(constraint);
    });

    it('keeps emails unique and foreign keys enforced', async () => {
      const { organizationId, userId } = await seller();
      const row = await t
        .db()
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      await expect(
        t
          .db()
          .insertInto('users')
          .values(newSellerUser(organizationId, { email: row.email }))
          .execute(),
      ).rejects.toThrow(UNIQUE_RE);
      await expect(
        t.db().insertInto('users').values(newSellerUser(randomUUID())).execute(),
      ).rejects.toThrow(FOREIGN_KEY_RE);
      await expect(
        t.db().deleteFrom('organizations').where('id', '=', organizationId).execute(),
      ).rejects.toThrow(FOREIGN_KEY_RE);
    });

    it('round-trips sessions, devices, recovery codes and mailed tokens, cascading on user delete', async () => {
      const { userId } = await seller();
      const session = {
        id_hash: hexHash(),
        user_id: userId,
        created_at: T0,
        last_seen_at: T0,
        absolute_expires_at: T0 + 43_200_000,
        mfa_verified_at: null,
        revoked_at: null,
        revoke_reason: null,
      };
      const device = {
        id: randomUUID(),
        user_id: userId,
        label: 'Packing station 1',
        refresh_token_hash: hexHash(),
        previous_refresh_token_hash: null,
        refresh_expires_at: T0 + 2_592_000_000,
        access_token_hash: hexHash(),
        access_expires_at: T0 + 900_000,
        rotated_at: null,
        created_at: T0,
        last_seen_at: null,
        revoked_at: null,
        revoke_reason: null,
      };
      const code = {
        id: randomUUID(),
        user_id: userId,
        code_hash: hexHash(),
        created_at: T0,
        used_at: null,
      };
      await t.db().insertInto('sessions').values(session).execute();
      await t.db().insertInto('devices').values(device).execute();
      await t.db().insertInto('recovery_codes').values(code).execute();
      for (const purpose of USER_TOKEN_PURPOSES) {
        await t
          .db()
          .insertInto('user_tokens')
          .values({
            id: randomUUID(),
            user_id: userId,
            purpose,
            token_hash: hexHash(),
            created_at: T0,
            expires_at: T0 + 86_400_000,
            used_at: null,
          })
          .execute();
      }

      expect(
        await t.db().selectFrom('sessions').selectAll().where('user_id', '=', userId).execute(),
      ).toEqual([session]);
      expect(
        await t.db().selectFrom('devices').selectAll().where('user_id', '=', userId).execute(),
      ).toEqual([{ ...device, rotation_count: 0 }]);
      expect(
        await t
          .db()
          .selectFrom('recovery_codes')
          .selectAll()
          .where('user_id', '=', userId)
          .execute(),
      ).toEqual([code]);
      await expect(
        t
          .db()
          .insertInto('recovery_codes')
          .values({ ...code, id: randomUUID() })
          .execute(),
      ).rejects.toThrow(UNIQUE_RE);

      await t.db().deleteFrom('users').where('id', '=', userId).execute();
      for (const table of ['sessions', 'devices', 'recovery_codes', 'user_tokens'] as const) {
        const left = await t
          .db()
          .selectFrom(table)
          .select('user_id')
          .where('user_id', '=', userId)
          .execute();
        expect(left).toEqual([]);
      }
    });

    it('refuses a session for an unknown user and an unknown token purpose', async () => {
      await expect(
        t
          .db()
          .insertInto('sessions')
          .values({
            id_hash: hexHash(),
            user_id: randomUUID(),
            created_at: T0,
            last_seen_at: T0,
            absolute_expires_at: T0,
          })
          .execute(),
      ).rejects.toThrow(FOREIGN_KEY_RE);
      const { userId } = await seller();
      await expect(
        t
          .db()
          .insertInto('user_tokens')
          .values({
            id: randomUUID(),
            user_id: userId,
            purpose: 'magic' as 'invitation',
            token_hash: hexHash(),
            created_at: T0,
            expires_at: T0,
          })
          .execute(),
      ).rejects.toThrow(/user_tokens_purpose/);
    });
  });
});
