/**
 * Where each PII attribute of an order is stored, the columns the PII vault must know, row ids
 * and key scopes. No plaintext and no key here: names only.
 */
import { createHash } from 'node:crypto';
import type { EncryptedColumn, FieldRef } from '../pii-vault/index.js';
import type { OrderFacts, OrderPiiField } from './order.types.js';

export const ORDERS_TABLE = 'orders';
export const ORDER_ITEMS_TABLE = 'order_items';

const DAY_MS = 24 * 60 * 60_000;

/** PII retention: at most 30 days after shipment (DPP; Amazon's text says after delivery). */
export const PII_RETENTION_MS = 30 * DAY_MS;

/**
 * The bound for an order that never ships and is never canceled: its latest ship date (or its
 * purchase, when Amazon gives none) plus the retention window plus this grace.
 */
export const UNSHIPPED_GRACE_MS = 30 * DAY_MS;

/** Amazon's status of a canceled order. */
export const CANCELED_STATUS = 'Canceled';

/**
 * The PII deadline (`pii_purge_after`) the facts of one version of an order call for: the
 * earliest of the rules that apply.
 *
 * - Shipped: first shipment + 30 days (DPP; the stored `shipped_at` is the first one seen).
 * - Canceled: the update that made it Canceled (`lastUpdateDate` of the first Canceled version
 *   stored) + 30 days. Nothing is left to fulfil; the window leaves the seller the same time as
 *   for a shipped order to answer the buyer about it.
 * - Always (so no PII lives forever, whatever the status): latest ship date, or purchase date
 *   when Amazon gives none, + 30 days + 30 days of grace. This is the deadline of an order that
 *   never ships and is never canceled (Pending, Unshipped, stuck).
 *
 * The stored deadline is the earliest ever computed for the order: a later version never moves
 * it later and never clears it (`upsertPage`).
 */
export function piiDeadline(
  facts: Pick<OrderFacts, 'orderStatus' | 'purchaseDate' | 'lastUpdateDate' | 'latestShipDate'>,
  shippedAt: number | null,
): number {
  const unshippedAnchor = Math.max(facts.purchaseDate, facts.latestShipDate ?? facts.purchaseDate);
  let deadline = unshippedAnchor + PII_RETENTION_MS + UNSHIPPED_GRACE_MS;
  if (shippedAt !== null) deadline = Math.min(deadline, shippedAt + PII_RETENTION_MS);
  if (facts.orderStatus === CANCELED_STATUS) {
    deadline = Math.min(deadline, facts.lastUpdateDate + PII_RETENTION_MS);
  }
  return deadline;
}

/** How an attribute is encoded before encryption: text as is, structures as JSON. */
export type PiiEncoding = 'text' | 'json';

export interface PiiAttribute {
  /** Column stem: `<stem>_ciphertext`, `<stem>_key_id`. */
  readonly stem: OrderPiiStem;
  readonly encoding: PiiEncoding;
}

export const ORDER_PII_STEMS = [
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
export type OrderPiiStem = (typeof ORDER_PII_STEMS)[number];

/** Every PII attribute of an order, by its catalogue name. */
export const ORDER_PII_ATTRIBUTES: Readonly<Record<OrderPiiField, PiiAttribute>> = {
  buyerName: { stem: 'buyer_name', encoding: 'text' },
  buyerEmail: { stem: 'buyer_email', encoding: 'text' },
  recipientName: { stem: 'recipient_name', encoding: 'text' },
  shippingAddress: { stem: 'shipping_address', encoding: 'json' },
  phone: { stem: 'phone', encoding: 'text' },
  postalCode: { stem: 'postal_code', encoding: 'text' },
  giftMessage: { stem: 'gift_message', encoding: 'text' },
  deliveryInstructions: { stem: 'delivery_instructions', encoding: 'text' },
  buyerTaxInformation: { stem: 'buyer_tax_info', encoding: 'json' },
};

export const ORDER_PII_FIELD_NAMES = Object.keys(ORDER_PII_ATTRIBUTES) as OrderPiiField[];

export type CiphertextColumn = `${OrderPiiStem}_ciphertext`;
export type KeyIdColumn = `${OrderPiiStem}_key_id`;

export function ciphertextColumn(stem: OrderPiiStem): CiphertextColumn {
  return `${stem}_ciphertext`;
}

export function keyIdColumn(stem: OrderPiiStem): KeyIdColumn {
  return `${stem}_key_id`;
}

/** Every column of order data holding field ciphertexts: register them with the vault. */
export const ORDER_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  ...ORDER_PII_STEMS.map((stem) => ({
    table: ORDERS_TABLE,
    column: ciphertextColumn(stem),
    keyIdColumn: keyIdColumn(stem),
  })),
  {
    table: ORDER_ITEMS_TABLE,
    column: 'gift_message_ciphertext',
    keyIdColumn: 'gift_message_key_id',
  },
];

export function orderField(stem: OrderPiiStem, orderRowId: string): FieldRef {
  return { table: ORDERS_TABLE, column: ciphertextColumn(stem), rowId: orderRowId };
}

export function itemGiftField(itemRowId: string): FieldRef {
  return { table: ORDER_ITEMS_TABLE, column: 'gift_message_ciphertext', rowId: itemRowId };
}

/** A UUID-shaped id (version 8: application-defined) from a SHA-256 over the parts. */
function derivedId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/**
 * The row id of an order: derived from (organization, Amazon order id), so the id every field
 * ciphertext is bound to is known before any transaction, and two writers agree on it.
 */
export function orderRowId(organizationId: string, amazonOrderId: string): string {
  return derivedId('spapi:order:v1', organizationId, amazonOrderId);
}

export function orderItemRowId(orderId: string, orderItemId: string): string {
  return derivedId('spapi:order-item:v1', orderId, orderItemId);
}

/**
 * The key scope of an order's PII: the UTC month of its purchase (`period:2030-01`), so that
 * retention can destroy a whole period's keys once every order in it is past its window.
 */
export function periodScope(purchaseDate: number): string {
  const date = new Date(purchaseDate);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `period:${String(date.getUTCFullYear()).padStart(4, '0')}-${month}`;
}
