/**
 * Step two of writing orders: one page of prepared orders and its sync checkpoint, in the
 * caller's transaction (the checkpoint advances only with its page). Idempotent by
 * (organization, Amazon order id): a re-delivered page changes nothing, an older version is
 * ignored, a newer one updates. PII the response did not carry is kept; a purged order never
 * stores PII again, nor does an order whose PII deadline has passed.
 *
 * Retention deadlines (`piiDeadline` in order-columns.ts): `shipped_at` keeps the first shipment
 * seen, and `pii_purge_after` is set on insert and only ever moves earlier (never later, never
 * back to null), in the UPDATE itself so that concurrent writers cannot undo each other.
 * Lock order is orders row, then its items (as `purgePii`): a page and a purge of the same order
 * serialize on the order row, so a purge that commits first is seen before any PII is written.
 */
import { sql, type Transaction } from 'kysely';
import type { Database, NewRow, RowUpdate } from '../storage/index.js';
import {
  ORDER_ITEMS_TABLE,
  ORDER_PII_STEMS,
  ciphertextColumn,
  keyIdColumn,
  piiDeadline,
} from './order-columns.js';
import type { PreparedItem, PreparedOrder } from './order-write.js';
import type { SyncCheckpoint } from './order.types.js';

export interface UpsertPageResult {
  readonly inserted: number;
  readonly updated: number;
  /** Re-delivered (same last update date) and nothing new to add. */
  readonly unchanged: number;
  /** Older than what is stored. */
  readonly stale: number;
}

type Trx = Transaction<Database>;
type OrderWrite = RowUpdate<'orders'>;

function plainColumns(order: PreparedOrder, now: number): OrderWrite {
  const f = order.facts;
  return {
    connection_id: order.connectionId,
    marketplace_id: f.marketplaceId,
    order_status: f.orderStatus,
    purchase_date: f.purchaseDate,
    last_update_date: f.lastUpdateDate,
    fulfillment_channel: f.fulfillmentChannel,
    ship_service_level: f.shipServiceLevel,
    latest_ship_date: f.latestShipDate,
    order_total_amount: f.orderTotal?.amount ?? null,
    order_total_currency: f.orderTotal?.currencyCode ?? null,
    shipping_country_code: f.shippingCountryCode,
    is_prime: f.isPrime ? 1 : 0,
    is_business: f.isBusiness ? 1 : 0,
    updated_at: now,
  };
}

/** The PII columns of the attributes carried (and their blind indexes). */
function piiColumns(order: PreparedOrder): OrderWrite {
  const out: Record<string, Uint8Array | string | null> = {};
  for (const stem of ORDER_PII_STEMS) {
    const sealed = order.pii[stem];
    if (sealed === undefined) continue;
    out[ciphertextColumn(stem)] = sealed?.ciphertext ?? null;
    out[keyIdColumn(stem)] = sealed?.keyId ?? null;
  }
  if (order.postalCodeBidx !== undefined) out.postal_code_bidx = order.postalCodeBidx;
  if (order.buyerNameBidx !== undefined) out.buyer_name_bidx = order.buyerNameBidx;
  return out;
}

function carriesPii(order: PreparedOrder): boolean {
  return (
    Object.values(order.pii).some((sealed) => sealed !== null) ||
    order.items.some((item) => item.giftMessage !== undefined && item.giftMessage !== null)
  );
}

async function writeItems(
  trx: Trx,
  order: PreparedOrder,
  withPii: boolean,
  now: number,
): Promise<void> {
  for (const item of order.items) {
    const gift = withPii ? item.giftMessage : undefined;
    const plain = itemPlain(item, now);
    const giftColumns =
      gift === undefined
        ? {}
        : {
            gift_message_ciphertext: gift?.ciphertext ?? null,
            gift_message_key_id: gift?.keyId ?? null,
          };
    const row: NewRow<'order_items'> = {
      id: item.id,
      organization_id: order.organizationId,
      order_id: order.id,
      order_item_id: item.orderItemId,
      created_at: now,
      ...plain,
      ...giftColumns,
    };
    await trx
      .insertInto(ORDER_ITEMS_TABLE)
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...plain, ...giftColumns }))
      .execute();
  }
}

function itemPlain(item: PreparedItem, now: number) {
  return {
    asin: item.asin,
    seller_sku: item.sellerSku,
    title: item.title,
    quantity: item.quantity,
    item_price_amount: item.itemPrice?.amount ?? null,
    item_price_currency: item.itemPrice?.currencyCode ?? null,
    updated_at: now,
  };
}

/** Recomputes `pii_state` from what the row and its items now hold (never for purged rows). */
async function refreshPiiState(trx: Trx, orderId: string): Promise<void> {
  const anyCell = sql.join(
    ORDER_PII_STEMS.map((stem) => sql`${sql.ref(ciphertextColumn(stem))} is not null`),
    sql` or `,
  );
  await sql`
    update orders set pii_state = case
      when ${anyCell} or exists (
        select 1 from order_items i
        where i.order_id = orders.id and i.gift_message_ciphertext is not null)
      then 'present' else 'none' end
    where id = ${orderId} and pii_state <> 'purged'`.execute(trx);
}

async function insertOrder(trx: Trx, order: PreparedOrder, now: number): Promise<void> {
  const deadline = piiDeadline(order.facts, order.facts.shippedAt);
  const withPii = deadline > now;
  const row = {
    id: order.id,
    organization_id: order.organizationId,
    amazon_order_id: order.facts.amazonOrderId,
    pii_state: 'none',
    created_at: now,
    ...plainColumns(order, now),
    shipped_at: order.facts.shippedAt,
    pii_purge_after: deadline,
    ...(withPii ? piiColumns(order) : {}),
  } as NewRow<'orders'>;
  await trx.insertInto('orders').values(row).execute();
  await writeItems(trx, order, withPii, now);
  await refreshPiiState(trx, order.id);
}

/**
 * Applies a newer version: facts first (the UPDATE locks the row; `shipped_at` keeps the first
 * shipment, the deadline only moves earlier), then PII only if the row, as now committed, is
 * neither purged nor past its deadline.
 */
async function updateOrder(
  trx: Trx,
  order: PreparedOrder,
  storedShippedAt: number | null,
  now: number,
): Promise<void> {
  const shippedAt = storedShippedAt ?? order.facts.shippedAt;
  const deadline = piiDeadline(order.facts, shippedAt);
  await trx
    .updateTable('orders')
    .set({
      ...plainColumns(order, now),
      shipped_at: sql<number | null>`coalesce(shipped_at, ${order.facts.shippedAt})`,
      pii_purge_after: sql<number>`case when pii_purge_after is not null
        and pii_purge_after <= ${deadline} then pii_purge_after else ${deadline} end`,
    })
    .where('id', '=', order.id)
    .execute();
  const locked = await trx
    .selectFrom('orders')
    .select(['pii_state', 'pii_purge_after'])
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
  const withPii =
    locked.pii_state !== 'purged' &&
    locked.pii_purge_after !== null &&
    locked.pii_purge_after > now;
  const pii = withPii ? piiColumns(order) : {};
  if (Object.keys(pii).length > 0) {
    await trx.updateTable('orders').set(pii).where('id', '=', order.id).execute();
  }
  await writeItems(trx, order, withPii, now);
  await refreshPiiState(trx, order.id);
}

/** Writes (inserts or advances) a sync checkpoint. */
export async function saveCheckpoint(
  trx: Trx,
  checkpoint: SyncCheckpoint,
  now: number,
): Promise<void> {
  const values = {
    last_updated_after: checkpoint.lastUpdatedAfter,
    next_token: checkpoint.nextToken,
    window_bound: checkpoint.nextToken === null ? null : (checkpoint.windowBound ?? null),
    updated_at: now,
  };
  await trx
    .insertInto('sync_checkpoints')
    .values({
      connection_id: checkpoint.connectionId,
      marketplace_id: checkpoint.marketplaceId,
      ...values,
    })
    .onConflict((oc) => oc.columns(['connection_id', 'marketplace_id']).doUpdateSet(values))
    .execute();
}

/**
 * Upserts one page of prepared orders and, when given, its checkpoint, in `trx`. Run it in the
 * same transaction for the whole page: a failure anywhere leaves neither orders nor checkpoint.
 */
export async function upsertPage(
  trx: Trx,
  orders: readonly PreparedOrder[],
  checkpoint: SyncCheckpoint | null,
  now: number,
): Promise<UpsertPageResult> {
  const counts = { inserted: 0, updated: 0, unchanged: 0, stale: 0 };
  for (const order of orders) {
    const existing = await trx
      .selectFrom('orders')
      .select(['organization_id', 'last_update_date', 'pii_state', 'shipped_at'])
      .where('id', '=', order.id)
      .executeTakeFirst();
    if (existing === undefined) {
      await insertOrder(trx, order, now);
      counts.inserted += 1;
    } else if (existing.organization_id !== order.organizationId) {
      // Ids are derived from the organization: this cannot happen unless a row was forged.
      throw new Error('order id bound to another organization');
    } else if (order.facts.lastUpdateDate < existing.last_update_date) {
      counts.stale += 1;
    } else if (order.facts.lastUpdateDate === existing.last_update_date) {
      // Re-delivered. The only news it may bring: PII for an order stored without any.
      if (existing.pii_state === 'none' && carriesPii(order)) {
        await updateOrder(trx, order, existing.shipped_at, now);
        counts.updated += 1;
      } else {
        counts.unchanged += 1;
      }
    } else {
      await updateOrder(trx, order, existing.shipped_at, now);
      counts.updated += 1;
    }
  }
  if (checkpoint !== null) await saveCheckpoint(trx, checkpoint, now);
  return counts;
}
