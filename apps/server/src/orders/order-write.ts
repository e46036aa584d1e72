/**
 * Step one of writing orders: encrypt every PII attribute the response carried and compute the
 * blind indexes, OUTSIDE any database transaction (the vault reads and may create keys through
 * its own connection; on SQLite a vault call inside an open transaction can wait forever).
 * The result holds ciphertexts and index values only, never a plaintext.
 */
import { isPiiVaultError, type PiiVault } from '../pii-vault/index.js';
import {
  ORDER_PII_ATTRIBUTES,
  ORDER_PII_FIELD_NAMES,
  itemGiftField,
  orderField,
  orderItemRowId,
  orderRowId,
  periodScope,
  type OrderPiiStem,
} from './order-columns.js';
import type {
  DomainOrder,
  OrderFacts,
  OrderItemSummary,
  OrderPii,
  OrderPiiField,
} from './order.types.js';

export interface SealedValue {
  readonly ciphertext: Uint8Array;
  readonly keyId: string;
}

export interface PreparedItem extends OrderItemSummary {
  readonly id: string;
  /** Missing: the response did not carry it (keep the stored one). */
  readonly giftMessage?: SealedValue | null;
}

/** An order ready for `upsertPage`: plain facts, ciphertexts and blind indexes. */
export interface PreparedOrder {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly facts: OrderFacts;
  /** Only the attributes the response carried (null: carried empty). */
  readonly pii: Readonly<Partial<Record<OrderPiiStem, SealedValue | null>>>;
  /** Present exactly when the postal code / buyer name was carried. */
  readonly postalCodeBidx?: string | null;
  readonly buyerNameBidx?: string | null;
  readonly items: readonly PreparedItem[];
  /**
   * The order's period keys are destroyed (retention shredded the period): its PII can no
   * longer be stored, and none was kept in the prepared write.
   */
  readonly piiDropped: boolean;
}

function encode<K extends OrderPiiField>(field: K, value: OrderPii[K]): string | null {
  if (value === null) return null;
  if (typeof value === 'string' && ORDER_PII_ATTRIBUTES[field].encoding === 'text') return value;
  return JSON.stringify(value);
}

async function seal(
  vault: PiiVault,
  organizationId: string,
  field: Parameters<PiiVault['encryptCell']>[1],
  plaintext: string | null,
  scope: string,
): Promise<SealedValue | null> {
  if (plaintext === null) return null;
  return vault.encryptCell(organizationId, field, plaintext, { scope });
}

async function sealOrder(
  vault: PiiVault,
  organizationId: string,
  order: DomainOrder,
  id: string,
): Promise<Pick<PreparedOrder, 'pii' | 'postalCodeBidx' | 'buyerNameBidx' | 'items'>> {
  const scope = periodScope(order.purchaseDate);
  const pii: Partial<Record<OrderPiiStem, SealedValue | null>> = {};
  for (const field of ORDER_PII_FIELD_NAMES) {
    if (!Object.hasOwn(order.pii, field)) continue;
    const value = order.pii[field];
    if (value === undefined) continue;
    const stem = ORDER_PII_ATTRIBUTES[field].stem;
    pii[stem] = await seal(
      vault,
      organizationId,
      orderField(stem, id),
      encode(field, value),
      scope,
    );
  }
  const items: PreparedItem[] = [];
  for (const item of order.items) {
    const itemId = orderItemRowId(id, item.orderItemId);
    const { giftMessage, ...plain } = item;
    const prepared: PreparedItem = { ...plain, id: itemId };
    items.push(
      giftMessage === undefined
        ? prepared
        : {
            ...prepared,
            giftMessage: await seal(
              vault,
              organizationId,
              itemGiftField(itemId),
              giftMessage,
              scope,
            ),
          },
    );
  }
  const { postalCode, buyerName } = order.pii;
  return {
    pii,
    items,
    ...(postalCode === undefined
      ? {}
      : { postalCodeBidx: await vault.blindIndex(organizationId, 'postal-code', postalCode) }),
    ...(buyerName === undefined
      ? {}
      : { buyerNameBidx: await vault.blindIndex(organizationId, 'person-name', buyerName) }),
  };
}

function factsOf(order: DomainOrder): OrderFacts {
  return {
    amazonOrderId: order.amazonOrderId,
    marketplaceId: order.marketplaceId,
    orderStatus: order.orderStatus,
    purchaseDate: order.purchaseDate,
    lastUpdateDate: order.lastUpdateDate,
    fulfillmentChannel: order.fulfillmentChannel,
    shipServiceLevel: order.shipServiceLevel,
    latestShipDate: order.latestShipDate,
    shippedAt: order.shippedAt,
    orderTotal: order.orderTotal,
    shippingCountryCode: order.shippingCountryCode,
    isPrime: order.isPrime,
    isBusiness: order.isBusiness,
  };
}

/**
 * Encrypts an order's PII under the key scope of its purchase month and computes its blind
 * indexes. Call outside any transaction, then hand the result to `upsertPage`.
 */
export async function prepareOrderWrite(
  vault: PiiVault,
  organizationId: string,
  order: DomainOrder,
): Promise<PreparedOrder> {
  const id = orderRowId(organizationId, order.amazonOrderId);
  const base = {
    id,
    organizationId,
    connectionId: order.connectionId,
    facts: factsOf(order),
  };
  try {
    return { ...base, ...(await sealOrder(vault, organizationId, order, id)), piiDropped: false };
  } catch (error) {
    if (!isPiiVaultError(error) || error.code !== 'KEY_DESTROYED') throw error;
    // The period was shredded by retention: store the facts, never the PII.
    const items = order.items.map(({ giftMessage: _dropped, ...plain }) => ({
      ...plain,
      id: orderItemRowId(id, plain.orderItemId),
    }));
    return { ...base, pii: {}, items, piiDropped: true };
  }
}
