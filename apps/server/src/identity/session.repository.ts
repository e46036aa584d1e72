/** Server-side sessions, keyed by the hash of the cookie value. */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';

export interface StoredSession {
  readonly idHash: string;
  readonly userId: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly absoluteExpiresAt: number;
  readonly mfaVerifiedAt: number | null;
  readonly revokedAt: number | null;
}

export interface NewSession {
  readonly idHash: string;
  readonly userId: string;
  readonly now: number;
  readonly absoluteExpiresAt: number;
  readonly mfaVerifiedAt: number | null;
}

export function createSessionRepository(db: Kysely<Database>) {
  return {
    async insert(session: NewSession): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: session.now,
          last_seen_at: session.now,
          absolute_expires_at: session.absoluteExpiresAt,
          mfa_verified_at: session.mfaVerifiedAt,
        })
        .execute();
    },
    async find(idHash: string): Promise<StoredSession | undefined> {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return (
        row && {
          idHash: row.id_hash,
          userId: row.user_id,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          absoluteExpiresAt: row.absolute_expires_at,
          mfaVerifiedAt: row.mfa_verified_at,
          revokedAt: row.revoked_at,
        }
      );
    },
    async touch(idHash: string, now: number): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id_hash', '=', idHash)
        .execute();
    },
    /** True if this call revoked it (it was live). */
    async revoke(idHash: string, reason: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now, revoke_reason: reason })
        .where('id_hash', '=', idHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /** Number of sessions revoked. */
    async revokeAllForUser(userId: string, reason: string, now: number): Promise<number> {
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now, revoke_reason: reason })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
