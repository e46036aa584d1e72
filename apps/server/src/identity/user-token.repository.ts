/** Single-use mailed tokens (invitation, password reset), stored as hashes. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UserTokenPurpose } from '../storage/index.js';

export function createUserTokenRepository(db: Kysely<Database>) {
  return {
    /** Issues a token and voids the user's earlier unused ones of the same purpose. */
    async issue(
      userId: string,
      purpose: UserTokenPurpose,
      tokenHash: string,
      now: number,
      expiresAt: number,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('user_tokens')
          .set({ used_at: now })
          .where('user_id', '=', userId)
          .where('purpose', '=', purpose)
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('user_tokens')
          .values({
            id: randomUUID(),
            user_id: userId,
            purpose,
            token_hash: tokenHash,
            created_at: now,
            expires_at: expiresAt,
          })
          .execute();
      });
    },
    /** The user of an unused, unexpired token of this purpose, without spending it. */
    async peek(tokenHash: string, purpose: UserTokenPurpose, now: number) {
      const row = await db
        .selectFrom('user_tokens')
        .select('user_id')
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.user_id;
    },
    /**
     * Marks an unused, unexpired token of this purpose used and returns its user id; undefined
     * when the token is unknown, used, expired or for another purpose.
     */
    async consume(
      tokenHash: string,
      purpose: UserTokenPurpose,
      now: number,
    ): Promise<string | undefined> {
      const row = await db
        .updateTable('user_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id;
    },
  };
}

export type UserTokenRepository = ReturnType<typeof createUserTokenRepository>;
