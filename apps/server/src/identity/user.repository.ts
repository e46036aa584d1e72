/** Users as the identity use cases see them. Plain objects in, plain objects out. */
import type { Kysely } from 'kysely';
import type { Database, UserRole, UserStatus } from '../storage/index.js';

/** A member of an organization as its owner sees them (no secrets). */
export interface MemberView {
  readonly id: string;
  readonly organizationId: string | null;
  readonly email: string;
  readonly role: UserRole;
  readonly status: UserStatus;
  readonly mfaEnrolledAt: number | null;
  readonly lastSignInAt: number | null;
  readonly lockedUntil: number | null;
  readonly createdAt: number;
}

export interface IdentityUser {
  readonly id: string;
  readonly organizationId: string | null;
  readonly email: string;
  readonly role: UserRole;
  readonly status: UserStatus;
  readonly passwordHash: string | null;
  readonly mfaSecret: { readonly ciphertext: Uint8Array; readonly keyId: string } | null;
  readonly mfaEnrolledAt: number | null;
  readonly mfaLastUsedStep: number | null;
  readonly failedSignInCount: number;
  readonly failedMfaCount: number;
  readonly lockedUntil: number | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createUserRepository(db: Kysely<Database>) {
  const select = () => db.selectFrom('users').selectAll();
  type UserRow = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;
  const toUser = (row: UserRow): IdentityUser => ({
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    role: row.role,
    status: row.status,
    passwordHash: row.password_hash,
    mfaSecret:
      row.mfa_secret_ciphertext !== null && row.mfa_secret_key_id !== null
        ? { ciphertext: new Uint8Array(row.mfa_secret_ciphertext), keyId: row.mfa_secret_key_id }
        : null,
    mfaEnrolledAt: row.mfa_enrolled_at,
    mfaLastUsedStep: row.mfa_last_used_step,
    failedSignInCount: row.failed_sign_in_count,
    failedMfaCount: row.failed_mfa_count,
    lockedUntil: row.locked_until,
  });

  return {
    /** The attributes the access policy needs about a user, or undefined. */
    async accessScope(
      id: string,
    ): Promise<{ id: string; organizationId: string | null } | undefined> {
      const row = await db
        .selectFrom('users')
        .select(['id', 'organization_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { id: row.id, organizationId: row.organization_id };
    },
    /**
     * Accounts with their role and sign-in state: one organization's members (`null`: our
     * staff), or `'all'` (the platform access review). Ordered by organization, then email.
     */
    async listAccounts(scope: { organizationId: string | null } | 'all'): Promise<MemberView[]> {
      let query = db
        .selectFrom('users')
        .select([
          'id',
          'organization_id',
          'email',
          'role',
          'status',
          'mfa_enrolled_at',
          'last_sign_in_at',
          'locked_until',
          'created_at',
        ])
        .orderBy('organization_id')
        .orderBy('email');
      if (scope !== 'all') {
        const { organizationId } = scope;
        query =
          organizationId === null
            ? query.where('organization_id', 'is', null)
            : query.where('organization_id', '=', organizationId);
      }
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        organizationId: row.organization_id,
        email: row.email,
        role: row.role,
        status: row.status,
        mfaEnrolledAt: row.mfa_enrolled_at,
        lastSignInAt: row.last_sign_in_at,
        lockedUntil: row.locked_until,
        createdAt: row.created_at,
      }));
    },
    /** A new account in the `invited` state (no password, no MFA). */
    async insertInvited(user: {
      id: string;
      organizationId: string | null;
      email: string;
      role: UserRole;
      now: number;
    }): Promise<void> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          organization_id: user.organizationId,
          email: normalizeEmail(user.email),
          role: user.role,
          status: 'invited',
          password_hash: null,
          created_at: user.now,
          updated_at: user.now,
        })
        .execute();
    },
    async setRole(id: string, role: UserRole, now: number): Promise<void> {
      await db.updateTable('users').set({ role, updated_at: now }).where('id', '=', id).execute();
    },
    async setStatus(id: string, status: UserStatus, now: number): Promise<void> {
      await db.updateTable('users').set({ status, updated_at: now }).where('id', '=', id).execute();
    },
    async findByEmail(email: string): Promise<IdentityUser | undefined> {
      const row = await select().where('email', '=', normalizeEmail(email)).executeTakeFirst();
      return row && toUser(row);
    },
    async findById(id: string): Promise<IdentityUser | undefined> {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async recordPasswordFailure(id: string, lockedUntil: number | null, now: number) {
      await db
        .updateTable('users')
        .set((eb) => ({
          failed_sign_in_count: eb('failed_sign_in_count', '+', 1),
          last_failed_sign_in_at: now,
          locked_until: lockedUntil,
          updated_at: now,
        }))
        .where('id', '=', id)
        .execute();
    },
    async recordMfaFailure(id: string, lockedUntil: number | null, now: number) {
      await db
        .updateTable('users')
        .set((eb) => ({
          failed_mfa_count: eb('failed_mfa_count', '+', 1),
          locked_until: lockedUntil,
          updated_at: now,
        }))
        .where('id', '=', id)
        .execute();
    },
    /** After the password step: password failures reset (MFA failures still count). */
    async clearPasswordFailures(id: string, now: number) {
      await db
        .updateTable('users')
        .set({ failed_sign_in_count: 0, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    async recordSignIn(id: string, now: number) {
      await db
        .updateTable('users')
        .set({
          failed_sign_in_count: 0,
          failed_mfa_count: 0,
          locked_until: null,
          last_sign_in_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    async setPasswordHash(id: string, hash: string, now: number, activate = false) {
      await db
        .updateTable('users')
        .set({
          password_hash: hash,
          password_changed_at: now,
          updated_at: now,
          ...(activate ? { status: 'active' as const } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    /** Stores a new, not yet confirmed secret (enrolment in progress). */
    async setPendingMfaSecret(id: string, ciphertext: Uint8Array, keyId: string, now: number) {
      await db
        .updateTable('users')
        .set({
          mfa_secret_ciphertext: ciphertext,
          mfa_secret_key_id: keyId,
          mfa_enrolled_at: null,
          mfa_last_used_step: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('mfa_enrolled_at', 'is', null)
        .execute();
    },
    /**
     * Accepts a TOTP step only if it is later than the stored one (compare-and-set, so two
     * concurrent requests cannot both use one code). Also confirms enrolment. False: replay.
     */
    async acceptMfaStep(id: string, step: number, now: number): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set((eb) => ({
          mfa_last_used_step: step,
          mfa_enrolled_at: eb.fn.coalesce('mfa_enrolled_at', eb.val(now)),
          updated_at: now,
        }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([eb('mfa_last_used_step', 'is', null), eb('mfa_last_used_step', '<', step)]),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
