/** MFA recovery codes, stored as hashes; each is used once. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';

export function createRecoveryCodeRepository(db: Kysely<Database>) {
  return {
    /** Replaces every code of the user with these. */
    async replaceAll(userId: string, codeHashes: readonly string[], now: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
        await trx
          .insertInto('recovery_codes')
          .values(
            codeHashes.map((codeHash) => ({
              id: randomUUID(),
              user_id: userId,
              code_hash: codeHash,
              created_at: now,
            })),
          )
          .execute();
      });
    },
    /** Marks the code used; false if there is no such unused code (wrong or already used). */
    async consume(userId: string, codeHash: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async countUnused(userId: string): Promise<number> {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

export type RecoveryCodeRepository = ReturnType<typeof createRecoveryCodeRepository>;
