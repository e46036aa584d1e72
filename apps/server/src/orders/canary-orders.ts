/**
 * Canary orders (honeytokens): order ids the platform team plants in an organization so that
 * any access to them raises the `canary-touch` alert. The alert engine's registry reads them
 * (`listCanaryOrderIds`); `parcel-admin canary add` plants one. Who knows which ids are canaries
 * is kept small on purpose: the audit entry of a planting names the organization, not the id.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation, type Database } from '../storage/index.js';

/** Plants `amazonOrderId` as a canary of the organization; false when it already is one. */
export async function addCanaryOrder(
  db: Kysely<Database>,
  organizationId: string,
  amazonOrderId: string,
  now: number,
): Promise<boolean> {
  try {
    await db
      .insertInto('canary_orders')
      .values({ organization_id: organizationId, amazon_order_id: amazonOrderId, created_at: now })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Every canary order id (of every organization): what the alert engine matches. */
export async function listCanaryOrderIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('canary_orders').select('amazon_order_id').execute();
  return rows.map((r) => r.amazon_order_id);
}
