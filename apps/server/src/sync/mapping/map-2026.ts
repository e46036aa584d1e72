/**
 * Orders 2026-01-01 → DomainOrder. This version takes no RDT: PII follows the application's
 * restricted roles and the `includedData` asked for, and without the role Amazon still answers
 * 200 with the restricted parts left out. So a PII key is set only when the dataset was asked
 * for AND the response shows it was unlocked:
 *
 * - BUYER: `buyer` present (Amazon omits it without the role) → buyerName, buyerEmail.
 * - RECIPIENT: a full `deliveryAddress` (it has a name or a first line) → recipientName,
 *   shippingAddress, phone, postalCode. A partial one (city, state, postal code, country: no
 *   role) carries `postalCode` only, as v0 without an RDT.
 * - FULFILLMENT: an item's gift message when present; its absence means "none" (null) only when
 *   the full delivery address proves the shipping role, else the key is left out.
 *
 * As in v0, nothing is carried for orders not Unshipped, PartiallyShipped or Shipped.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import type { DomainOrder, OrderItem, OrderPiiInput } from '../../orders/index.js';
import type { FulfillmentStatus, IncludedData, OrderStatusV0 } from '../../spapi/index.js';
import {
  moneyOf,
  multiplyAmount,
  nonEmpty,
  piiReturnedFor,
  shippingAddressOf,
} from './map-common.js';
import type { ParsedOrder2026, ParsedOrderItem2026 } from './orders-2026.schema.js';

export interface MapOrder2026Options {
  readonly connectionId: string;
  /** The `includedData` of the request; must contain FULFILLMENT (it holds the status). */
  readonly includedData: readonly IncludedData[];
  /** The marketplace the request asked for, used when `salesChannel` names none. */
  readonly marketplaceId?: string;
}

/** 2026 fulfillment statuses under the v0 names the store and the UI use. */
export const ORDER_STATUS_OF_2026 = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
} as const satisfies Record<FulfillmentStatus, OrderStatusV0>;

const FULFILLMENT_CHANNEL_OF: Readonly<Record<string, string>> = { MERCHANT: 'MFN', AMAZON: 'AFN' };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DeliveryAddress = NonNullable<NonNullable<ParsedOrder2026['recipient']>['deliveryAddress']>;

/** The role-less view has neither a name nor a first line; a real full address has both. */
function isFullAddress(address: DeliveryAddress): boolean {
  return nonEmpty(address.name) !== null || nonEmpty(address.addressLine1) !== null;
}

function recipientPii(address: DeliveryAddress): OrderPiiInput {
  if (!isFullAddress(address)) return { postalCode: nonEmpty(address.postalCode) };
  return {
    recipientName: nonEmpty(address.name),
    shippingAddress: shippingAddressOf({
      lines: [address.addressLine1, address.addressLine2, address.addressLine3],
      city: address.city,
      stateOrRegion: address.stateOrRegion,
      district: address.districtOrCounty ?? address.municipality,
    }),
    phone: nonEmpty(address.phone),
    postalCode: nonEmpty(address.postalCode),
  };
}

function orderPii(order: ParsedOrder2026, asked: ReadonlySet<IncludedData>): OrderPiiInput {
  const pii: Mutable<OrderPiiInput> = {};
  const buyer = order.buyer ?? null;
  if (asked.has('BUYER') && buyer !== null) {
    pii.buyerName = nonEmpty(buyer.buyerName);
    pii.buyerEmail = nonEmpty(buyer.buyerEmail);
  }
  const address = order.recipient?.deliveryAddress ?? null;
  if (asked.has('RECIPIENT') && address !== null) Object.assign(pii, recipientPii(address));
  return pii;
}

/** The line price (unit price × quantity), as v0's ItemPrice. */
function linePrice(source: ParsedOrderItem2026): OrderItem['itemPrice'] {
  const unit = source.product.price?.unitPrice ?? null;
  if (unit === null) return null;
  return moneyOf(multiplyAmount(unit.amount, source.quantityOrdered), unit.currencyCode);
}

/** `undefined`: not carried; otherwise the gift message or null. */
function giftMessageOf(
  source: ParsedOrderItem2026,
  absentMeansNone: boolean,
): string | null | undefined {
  if (source.fulfillment === undefined || source.fulfillment === null) return undefined;
  const message = nonEmpty(source.fulfillment.packing?.giftOption?.giftMessage);
  if (message !== null) return message;
  return absentMeansNone ? null : undefined;
}

function item(source: ParsedOrderItem2026, gifts: 'none' | 'present' | 'all'): OrderItem {
  const facts: OrderItem = {
    orderItemId: source.orderItemId,
    asin: source.product.asin,
    sellerSku: nonEmpty(source.product.sellerSku),
    title: nonEmpty(source.product.title),
    quantity: source.quantityOrdered,
    itemPrice: linePrice(source),
  };
  if (gifts === 'none') return facts;
  const giftMessage = giftMessageOf(source, gifts === 'all');
  return giftMessage === undefined ? facts : { ...facts, giftMessage };
}

/**
 * The first shipment: the earliest package ship time. Without one (FBA orders have no
 * packages; PACKAGES not asked for) a SHIPPED order counts, as in v0, from the earlier of its
 * last update and the end of its ship-by window, so the PII retention window always starts once
 * an order has shipped and never later than it could have.
 */
export function shippedAt2026(order: ParsedOrder2026): number | null {
  const times = (order.packages ?? []).flatMap((p) =>
    typeof p.shipTime === 'number' ? [p.shipTime] : [],
  );
  if (times.length > 0) return Math.min(...times);
  if (order.fulfillment?.fulfillmentStatus !== 'SHIPPED') return null;
  const shipBy = order.fulfillment.shipByWindow?.latestDateTime;
  return Math.min(order.lastUpdatedTime, shipBy ?? order.lastUpdatedTime);
}

function mappingError(message: string, orderId: string, operational: boolean): AppError {
  return new AppError(operational ? ErrorCode.SPAPI_ERROR : ErrorCode.INTERNAL, {
    message,
    operational,
    details: { ids: { orderId } },
  });
}

/** One 2026-01-01 order (items inline) as the domain order. */
export function mapOrder2026(order: ParsedOrder2026, options: MapOrder2026Options): DomainOrder {
  const asked: ReadonlySet<IncludedData> = new Set(options.includedData);
  if (!asked.has('FULFILLMENT'))
    throw mappingError('mapOrder2026 needs includedData FULFILLMENT', order.orderId, false);
  const fulfillment = order.fulfillment ?? null;
  if (fulfillment === null)
    throw mappingError('searchOrders returned an order without fulfillment', order.orderId, true);
  const marketplaceId = order.salesChannel.marketplaceId ?? options.marketplaceId;
  if (marketplaceId === undefined)
    throw mappingError('searchOrders returned an order without marketplace', order.orderId, true);
  const orderStatus = ORDER_STATUS_OF_2026[fulfillment.fulfillmentStatus];
  const withPii = piiReturnedFor(orderStatus);
  const address = order.recipient?.deliveryAddress ?? null;
  const roleShown = asked.has('RECIPIENT') && address !== null && isFullAddress(address);
  const gifts = withPii ? (roleShown ? 'all' : 'present') : 'none';
  const programs = new Set(order.programs ?? []);
  return {
    connectionId: options.connectionId,
    amazonOrderId: order.orderId,
    marketplaceId,
    orderStatus,
    purchaseDate: order.createdTime,
    lastUpdateDate: order.lastUpdatedTime,
    fulfillmentChannel: FULFILLMENT_CHANNEL_OF[fulfillment.fulfilledBy ?? ''] ?? null,
    shipServiceLevel: nonEmpty(fulfillment.fulfillmentServiceLevel),
    latestShipDate: fulfillment.shipByWindow?.latestDateTime ?? null,
    shippedAt: shippedAt2026(order),
    orderTotal: order.proceeds?.grandTotal ?? null,
    shippingCountryCode: address?.countryCode ?? null,
    isPrime: programs.has('PRIME'),
    isBusiness: programs.has('AMAZON_BUSINESS'),
    items: order.orderItems.map((source) => item(source, gifts)),
    pii: withPii ? orderPii(order, asked) : {},
  };
}
