/**
 * Reading orders (plain fields only), reading the ciphertexts `reveal` opens, retention's purge,
 * and checkpoints. Plain objects out; nothing here decrypts.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Row } from '../storage/index.js';
import { ORDER_PII_STEMS, ciphertextColumn, keyIdColumn } from './order-columns.js';
import { holdsPii } from './order-retention.queries.js';
import type {
  OrderDetail,
  OrderItemSummary,
  OrderPiiState,
  OrderSummary,
  SyncCheckpoint,
} from './order.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface OrderListQuery {
  readonly status?: readonly string[];
  readonly marketplaceId?: string;
  /** `AFN` (fulfilled by Amazon) or `MFN` (by the seller). */
  readonly fulfillmentChannel?: string;
  /** Purchase date, inclusive. */
  readonly purchasedFrom?: number;
  /** Purchase date, exclusive. */
  readonly purchasedBefore?: number;
  readonly amazonOrderId?: string;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string;
  readonly limit?: number;
}

/** Blind-index filters (set by the service from a plaintext it indexed; never from a client). */
export interface BlindIndexFilter {
  readonly postalCodeBidx?: string;
  readonly buyerNameBidx?: string;
  /**
   * Only orders whose PII is still within its window at this instant: an index past the
   * deadline is as good as purged, whether or not the retention job has run yet.
   */
  readonly heldAt?: number;
}

export interface OrderPage {
  readonly orders: OrderSummary[];
  readonly nextCursor: string | null;
}

/** The columns a reader may see, and nothing else: the listing never selects a PII column. */
const PLAIN_COLUMNS = [
  'id',
  'amazon_order_id',
  'organization_id',
  'marketplace_id',
  'order_status',
  'purchase_date',
  'last_update_date',
  'fulfillment_channel',
  'ship_service_level',
  'latest_ship_date',
  'shipped_at',
  'order_total_amount',
  'order_total_currency',
  'shipping_country_code',
  'pii_state',
  'pii_purge_after',
] as const;

type PlainRow = Pick<Row<'orders'>, (typeof PLAIN_COLUMNS)[number]>;

function toSummary(row: PlainRow): OrderSummary {
  return {
    amazonOrderId: row.amazon_order_id,
    organizationId: row.organization_id,
    marketplaceId: row.marketplace_id,
    orderStatus: row.order_status,
    purchaseDate: row.purchase_date,
    lastUpdateDate: row.last_update_date,
    fulfillmentChannel: row.fulfillment_channel,
    shipServiceLevel: row.ship_service_level,
    latestShipDate: row.latest_ship_date,
    shippedAt: row.shipped_at,
    orderTotal:
      row.order_total_amount === null || row.order_total_currency === null
        ? null
        : { amount: row.order_total_amount, currencyCode: row.order_total_currency },
    shippingCountryCode: row.shipping_country_code,
    piiState: row.pii_state,
    piiPurgeAfter: row.pii_purge_after,
  };
}

interface Cursor {
  readonly purchaseDate: number;
  readonly id: string;
}

function encodeCursor(row: PlainRow): string {
  return Buffer.from(JSON.stringify([row.purchase_date, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      Number.isSafeInteger(parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return { purchaseDate: parsed[0] as number, id: parsed[1] };
    }
  } catch {
    // fall through: a malformed cursor is the client's error
  }
  throw new AppError(ErrorCode.VALIDATION_FAILED);
}

/**
 * A page of an organization's orders, newest purchase first (ties by id), plain fields only.
 * Keyset pagination: `nextCursor` is null on the last page.
 */
export async function listOrders(
  db: Db,
  organizationId: string,
  query: OrderListQuery = {},
  index: BlindIndexFilter = {},
): Promise<OrderPage> {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  let select = db
    .selectFrom('orders')
    .select(PLAIN_COLUMNS)
    .where('organization_id', '=', organizationId);
  if (query.status !== undefined && query.status.length > 0) {
    select = select.where('order_status', 'in', query.status);
  }
  if (query.marketplaceId !== undefined) {
    select = select.where('marketplace_id', '=', query.marketplaceId);
  }
  if (query.fulfillmentChannel !== undefined) {
    select = select.where('fulfillment_channel', '=', query.fulfillmentChannel);
  }
  if (query.purchasedFrom !== undefined) {
    select = select.where('purchase_date', '>=', query.purchasedFrom);
  }
  if (query.purchasedBefore !== undefined) {
    select = select.where('purchase_date', '<', query.purchasedBefore);
  }
  if (query.amazonOrderId !== undefined) {
    select = select.where('amazon_order_id', '=', query.amazonOrderId);
  }
  if (index.postalCodeBidx !== undefined) {
    select = select.where('postal_code_bidx', '=', index.postalCodeBidx);
  }
  if (index.heldAt !== undefined) {
    select = select.where('pii_purge_after', '>', index.heldAt);
  }
  if (index.buyerNameBidx !== undefined) {
    select = select.where('buyer_name_bidx', '=', index.buyerNameBidx);
  }
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    select = select.where((eb) =>
      eb.or([
        eb('purchase_date', '<', after.purchaseDate),
        eb.and([eb('purchase_date', '=', after.purchaseDate), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('purchase_date', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    orders: page.map(toSummary),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null,
  };
}

/** One order with its lines, plain fields only; null when the organization has no such order. */
export async function getOrder(
  db: Db,
  organizationId: string,
  amazonOrderId: string,
): Promise<OrderDetail | null> {
  const row = await db
    .selectFrom('orders')
    .select(PLAIN_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('amazon_order_id', '=', amazonOrderId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const items = await db
    .selectFrom('order_items')
    .select([
      'order_item_id',
      'asin',
      'seller_sku',
      'title',
      'quantity',
      'item_price_amount',
      'item_price_currency',
    ])
    .where('order_id', '=', row.id)
    .orderBy('order_item_id')
    .execute();
  return {
    ...toSummary(row),
    items: items.map((item): OrderItemSummary => ({
      orderItemId: item.order_item_id,
      asin: item.asin,
      sellerSku: item.seller_sku,
      title: item.title,
      quantity: item.quantity,
      itemPrice:
        item.item_price_amount === null || item.item_price_currency === null
          ? null
          : { amount: item.item_price_amount, currencyCode: item.item_price_currency },
    })),
  };
}

/** The stored ciphertexts of one order (for `revealFields`), or null. */
export interface StoredPiiCells {
  readonly id: string;
  readonly piiState: OrderPiiState;
  readonly cells: Readonly<Record<string, Buffer | null>>;
  readonly itemGifts: readonly {
    readonly id: string;
    readonly orderItemId: string;
    readonly ciphertext: Buffer | null;
  }[];
}

export async function readPiiCells(
  db: Db,
  organizationId: string,
  amazonOrderId: string,
  withItemGifts: boolean,
): Promise<StoredPiiCells | null> {
  const row = await db
    .selectFrom('orders')
    .select(['id', 'pii_state', ...ORDER_PII_STEMS.map(ciphertextColumn)])
    .where('organization_id', '=', organizationId)
    .where('amazon_order_id', '=', amazonOrderId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const cells: Record<string, Buffer | null> = {};
  for (const stem of ORDER_PII_STEMS) cells[stem] = row[ciphertextColumn(stem)];
  const itemGifts = withItemGifts
    ? await db
        .selectFrom('order_items')
        .select(['id', 'order_item_id', 'gift_message_ciphertext'])
        .where('order_id', '=', row.id)
        .orderBy('order_item_id')
        .execute()
    : [];
  return {
    id: row.id,
    piiState: row.pii_state,
    cells,
    itemGifts: itemGifts.map((g) => ({
      id: g.id,
      orderItemId: g.order_item_id,
      ciphertext: g.gift_message_ciphertext,
    })),
  };
}

const PURGE_BATCH = 500;

/**
 * Retention: nulls every PII column (ciphertexts, key ids, blind indexes, item gift messages) of
 * the given orders and marks them purged; the plain facts stay. Returns how many orders were
 * purged now (already purged ones are not counted). Run in the caller's transaction. The order
 * rows are updated before their items (the lock order of `upsertPage`), so a purge and a page
 * writing the same order serialize instead of deadlocking.
 */
export async function purgePii(
  trx: Transaction<Database>,
  orderIds: readonly string[],
  now: number,
): Promise<number> {
  const cleared: Record<string, null> = { postal_code_bidx: null, buyer_name_bidx: null };
  for (const stem of ORDER_PII_STEMS) {
    cleared[ciphertextColumn(stem)] = null;
    cleared[keyIdColumn(stem)] = null;
  }
  let purged = 0;
  for (let start = 0; start < orderIds.length; start += PURGE_BATCH) {
    const ids = orderIds.slice(start, start + PURGE_BATCH);
    const result = await trx
      .updateTable('orders')
      .set({ ...cleared, pii_state: 'purged', pii_purged_at: now })
      .where('id', 'in', ids)
      .where('pii_state', '<>', 'purged')
      .executeTakeFirst();
    await trx
      .updateTable('order_items')
      .set({ gift_message_ciphertext: null, gift_message_key_id: null })
      .where('order_id', 'in', ids)
      .execute();
    purged += Number(result.numUpdatedRows);
  }
  return purged;
}

export interface DueOrder {
  readonly id: string;
  readonly organizationId: string;
  readonly piiPurgeAfter: number;
  readonly piiState: OrderPiiState;
}

/**
 * Orders holding PII whose retention window has passed (for the retention job), oldest first.
 * "Holding" is read from the cells themselves (`holdsPii`), not from `pii_state`, so a value
 * written around the repository is found too. Purged orders are looked up from the other side
 * (item gift messages, by their key-id index), so the purged history is never scanned.
 */
export async function findPiiDue(db: Db, now: number, limit: number): Promise<DueOrder[]> {
  const live = await db
    .selectFrom('orders')
    .select(['id', 'organization_id', 'pii_purge_after', 'pii_state'])
    .where('pii_state', 'in', ['present', 'none'])
    .where('pii_purge_after', '<=', now)
    .where(holdsPii)
    .orderBy('pii_purge_after')
    .limit(limit)
    .execute();
  const leftovers =
    live.length >= limit
      ? []
      : await db
          .selectFrom('orders')
          .select(['id', 'organization_id', 'pii_purge_after', 'pii_state'])
          .where('pii_state', '=', 'purged')
          .where((eb) =>
            eb(
              'id',
              'in',
              eb
                .selectFrom('order_items')
                .select('order_id')
                .where('gift_message_key_id', 'is not', null),
            ),
          )
          .limit(limit - live.length)
          .execute();
  return [...live, ...leftovers].map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    piiPurgeAfter: r.pii_purge_after ?? now,
    piiState: r.pii_state,
  }));
}

export async function getCheckpoint(
  db: Db,
  connectionId: string,
  marketplaceId: string,
): Promise<(SyncCheckpoint & { updatedAt: number }) | null> {
  const row = await db
    .selectFrom('sync_checkpoints')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('marketplace_id', '=', marketplaceId)
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
        connectionId: row.connection_id,
        marketplaceId: row.marketplace_id,
        lastUpdatedAfter: row.last_updated_after,
        nextToken: row.next_token,
        windowBound: row.window_bound,
        updatedAt: row.updated_at,
      };
}
