/**
 * Orders synced from Amazon, their items, and the sync checkpoints. Plain order facts are
 * columns; every PII attribute is a field ciphertext (`<attr>_ciphertext` + indexed
 * `<attr>_key_id`, encrypted by the PII vault before the row is written), with blind indexes for
 * exact search by postal code and buyer name. Once an order's PII is purged (retention), CHECK
 * constraints keep every PII column empty.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DatabaseDialect } from '../create-database.js';
import { createTable, oneOf, portableTypes, type PortableMigration } from './portable-schema.js';

/** Encrypted attributes of `orders` (frozen here; the repository lists the same names). */
const ORDER_PII = [
  'buyer_name',
  'buyer_email',
  'recipient_name',
  'shipping_address',
  'phone',
  'postal_code',
  'gift_message',
  'delivery_instructions',
  'buyer_tax_info',
] as const;

const BLIND_INDEXES = ['postal_code_bidx', 'buyer_name_bidx'] as const;

function sealedPair(attr: string): RawBuilder<unknown> {
  return sql.raw(`(${attr}_ciphertext is null) = (${attr}_key_id is null)`);
}

async function createOrders(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  let table = createTable(db, dialect, 'orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('amazon_connections.id'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('amazon_order_id', 'text', (c) => c.notNull())
    .addColumn('order_status', 'text', (c) => c.notNull())
    .addColumn('purchase_date', t.epoch, (c) => c.notNull())
    .addColumn('last_update_date', t.epoch, (c) => c.notNull())
    .addColumn('fulfillment_channel', 'text')
    .addColumn('ship_service_level', 'text')
    .addColumn('latest_ship_date', t.epoch)
    .addColumn('shipped_at', t.epoch)
    .addColumn('order_total_amount', 'text')
    .addColumn('order_total_currency', 'text')
    .addColumn('shipping_country_code', 'text')
    .addColumn('is_prime', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_business', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pii_state', 'text', (c) => c.notNull())
    .addColumn('pii_purge_after', t.epoch)
    .addColumn('pii_purged_at', t.epoch)
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('updated_at', t.epoch, (c) => c.notNull());
  for (const attr of ORDER_PII) {
    table = table
      .addColumn(`${attr}_ciphertext`, t.binary)
      .addColumn(`${attr}_key_id`, 'text')
      .addCheckConstraint(`orders_${attr}_sealed`, sealedPair(attr));
  }
  for (const column of BLIND_INDEXES) table = table.addColumn(column, 'text');
  const empty = [...ORDER_PII.map((a) => `${a}_ciphertext`), ...BLIND_INDEXES]
    .map((column) => `${column} is null`)
    .join(' and ');
  await table
    .addCheckConstraint('orders_pii_state', oneOf('pii_state', ['present', 'purged', 'none']))
    .addCheckConstraint('orders_is_prime', sql`is_prime in (0, 1)`)
    .addCheckConstraint('orders_is_business', sql`is_business in (0, 1)`)
    .addCheckConstraint(
      'orders_purged',
      sql.raw(`(pii_state = 'purged') = (pii_purged_at is not null)`),
    )
    .addCheckConstraint('orders_purged_empty', sql.raw(`pii_state <> 'purged' or (${empty})`))
    .addUniqueConstraint('orders_amazon_order', ['organization_id', 'amazon_order_id'])
    .execute();

  for (const attr of ORDER_PII) {
    await db.schema
      .createIndex(`orders_${attr}_key`)
      .on('orders')
      .column(`${attr}_key_id`)
      .execute();
  }
  for (const column of BLIND_INDEXES) {
    await db.schema
      .createIndex(`orders_${column}`)
      .on('orders')
      .columns(['organization_id', column])
      .execute();
  }
  await db.schema
    .createIndex('orders_listing')
    .on('orders')
    .columns(['organization_id', 'purchase_date', 'id'])
    .execute();
  await db.schema
    .createIndex('orders_retention')
    .on('orders')
    .columns(['pii_state', 'pii_purge_after'])
    .execute();
  await db.schema
    .createIndex('orders_connection')
    .on('orders')
    .columns(['connection_id', 'marketplace_id'])
    .execute();
}

async function createOrderItems(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await createTable(db, dialect, 'order_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('order_item_id', 'text', (c) => c.notNull())
    .addColumn('asin', 'text', (c) => c.notNull())
    .addColumn('seller_sku', 'text')
    .addColumn('title', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('item_price_amount', 'text')
    .addColumn('item_price_currency', 'text')
    .addColumn('gift_message_ciphertext', t.binary)
    .addColumn('gift_message_key_id', 'text')
    .addColumn('created_at', t.epoch, (c) => c.notNull())
    .addColumn('updated_at', t.epoch, (c) => c.notNull())
    .addCheckConstraint('order_items_gift_message_sealed', sealedPair('gift_message'))
    .addCheckConstraint('order_items_quantity', sql`quantity >= 0`)
    .addUniqueConstraint('order_items_order_item', ['order_id', 'order_item_id'])
    .execute();
  await db.schema
    .createIndex('order_items_gift_message_key')
    .on('order_items')
    .column('gift_message_key_id')
    .execute();
}

async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const t = portableTypes(dialect);
  await createOrders(db, dialect);
  await createOrderItems(db, dialect);
  await createTable(db, dialect, 'sync_checkpoints')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('amazon_connections.id'))
    .addColumn('marketplace_id', 'text', (c) => c.notNull())
    .addColumn('last_updated_after', t.epoch, (c) => c.notNull())
    .addColumn('next_token', 'text')
    .addColumn('updated_at', t.epoch, (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_checkpoints_pk', ['connection_id', 'marketplace_id'])
    .execute();
}

export const ordersMigration: PortableMigration = (dialect) => ({
  up: (db) => up(db, dialect),
});
