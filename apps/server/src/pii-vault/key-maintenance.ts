/**
 * The background half of key rotation: after a data key rotation (new writes already use the
 * new version), every cell still under a rotated-out version is re-encrypted to the current one,
 * in batches, and the versions nothing references any more are retired (erased). Runs on the
 * retention job's schedule and as `parcel-admin keys maintain`. Ids and counts only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import type { KeyOperationContext } from './key-audit.js';
import type { PiiVault } from './pii-vault.service.js';
import type { ReencryptCursor } from './reencrypt.js';

export interface KeyMaintenanceReport {
  readonly organizations: number;
  /** Cells rewritten under a current key version. */
  readonly rewritten: number;
  /** Cells that did not open (tampered, moved, key destroyed): left as they are. */
  readonly unreadable: number;
  /** Rotated-out key versions erased. */
  readonly retired: number;
}

export async function maintainDataKeys(
  db: Kysely<Database>,
  vault: Pick<PiiVault, 'reencryptBatch' | 'retireUnreferencedKeys'>,
  context: KeyOperationContext,
  options: { readonly batchSize?: number } = {},
): Promise<KeyMaintenanceReport> {
  const organizations = await db.selectFrom('organizations').select('id').orderBy('id').execute();
  let rewritten = 0;
  let unreadable = 0;
  let retired = 0;
  for (const { id } of organizations) {
    let cursor: ReencryptCursor | null = null;
    do {
      const batch = await vault.reencryptBatch(id, {
        cursor,
        ...(options.batchSize === undefined ? {} : { limit: options.batchSize }),
      });
      rewritten += batch.rewritten;
      unreadable += batch.unreadable.length;
      cursor = batch.cursor;
    } while (cursor !== null);
    retired += (await vault.retireUnreferencedKeys(id, context)).length;
  }
  return { organizations: organizations.length, rewritten, unreadable, retired };
}
