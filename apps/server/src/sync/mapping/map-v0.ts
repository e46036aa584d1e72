/**
 * Orders v0 → DomainOrder. PII follows "carried or not" strictly (see OrderPiiInput): a key is
 * set only when this response really carried the attribute, `null` when Amazon sent it empty.
 *
 * - Without an RDT Amazon sends the partial address (City, StateOrRegion, PostalCode,
 *   CountryCode) and an empty BuyerInfo: only `postalCode` is carried.
 * - With an RDT covering `buyerInfo` and `shippingAddress` (`piiUnlocked`), for Unshipped,
 *   PartiallyShipped and Shipped orders: buyer name and e-mail, recipient name, address, phone,
 *   postal code, buyer tax information, and the items' gift messages.
 * - Pending, Canceled and every other status: Amazon withholds the data, nothing is carried
 *   (the stored values stay).
 */
import type { DomainOrder, OrderItem, OrderPiiInput } from '../../orders/index.js';
import { moneyOf, nonEmpty, piiReturnedFor, shippingAddressOf } from './map-common.js';
import type { ParsedOrderItemV0, ParsedOrderV0 } from './orders-v0.schema.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface MapOrderV0Options {
  readonly connectionId: string;
  /** The page was fetched with an RDT whose resource names `buyerInfo` and `shippingAddress`. */
  readonly piiUnlocked: boolean;
  /** First shipment time (epoch ms); v0 has none, see `v0ShippedAt`. */
  readonly shippedAt: number | null;
  /** The marketplace the request asked for: used when the order names none. */
  readonly marketplaceId: string;
}

/**
 * v0 carries no shipment time. A Shipped order shipped no later than its LastUpdateDate (the
 * update that shipped it, or a later one) and, when it shipped on time, no later than its
 * LatestShipDate: the earlier of the two. Erring early only shortens the PII window; erring
 * late (an order first seen long after it shipped) would stretch it past "shipment + 30 days".
 * The order store keeps the first shipment time it sees. PartiallyShipped counts as not yet
 * shipped: the rest still needs the address.
 */
export function v0ShippedAt(
  order: Pick<ParsedOrderV0, 'OrderStatus' | 'LastUpdateDate' | 'LatestShipDate'>,
): number | null {
  if (order.OrderStatus !== 'Shipped') return null;
  return Math.min(order.LastUpdateDate, order.LatestShipDate ?? order.LastUpdateDate);
}

function orderPii(order: ParsedOrderV0, unlocked: boolean): OrderPiiInput {
  if (!piiReturnedFor(order.OrderStatus)) return {};
  const address = order.ShippingAddress ?? null;
  if (!unlocked) return address === null ? {} : { postalCode: nonEmpty(address.PostalCode) };
  const buyer = order.BuyerInfo ?? null;
  const tax = buyer?.BuyerTaxInfo ?? null;
  const pii: Mutable<OrderPiiInput> = {
    buyerName: nonEmpty(buyer?.BuyerName),
    buyerEmail: nonEmpty(buyer?.BuyerEmail),
    recipientName: nonEmpty(address?.Name),
    shippingAddress:
      address === null
        ? null
        : shippingAddressOf({
            lines: [address.AddressLine1, address.AddressLine2, address.AddressLine3],
            city: address.City,
            stateOrRegion: address.StateOrRegion,
            district: address.District ?? address.County ?? address.Municipality,
          }),
    phone: nonEmpty(address?.Phone),
    postalCode: nonEmpty(address?.PostalCode),
    buyerTaxInformation:
      tax === null
        ? null
        : {
            companyLegalName: nonEmpty(tax.CompanyLegalName),
            taxingRegion: nonEmpty(tax.TaxingRegion),
            taxClassifications: (tax.TaxClassifications ?? []).flatMap((c) =>
              typeof c.Name === 'string' && typeof c.Value === 'string'
                ? [{ name: c.Name, value: c.Value }]
                : [],
            ),
          },
  };
  return pii;
}

function item(source: ParsedOrderItemV0, giftCarried: boolean): OrderItem {
  const facts: OrderItem = {
    orderItemId: source.OrderItemId,
    asin: source.ASIN,
    sellerSku: nonEmpty(source.SellerSKU),
    title: nonEmpty(source.Title),
    quantity: source.QuantityOrdered,
    itemPrice: moneyOf(source.ItemPrice?.Amount, source.ItemPrice?.CurrencyCode),
  };
  return giftCarried
    ? { ...facts, giftMessage: nonEmpty(source.BuyerInfo?.GiftMessageText) }
    : facts;
}

/** One v0 order and its items (getOrderItems) as the domain order. */
export function mapOrderV0(
  order: ParsedOrderV0,
  items: readonly ParsedOrderItemV0[],
  options: MapOrderV0Options,
): DomainOrder {
  const giftCarried = options.piiUnlocked && piiReturnedFor(order.OrderStatus);
  return {
    connectionId: options.connectionId,
    amazonOrderId: order.AmazonOrderId,
    marketplaceId: order.MarketplaceId ?? options.marketplaceId,
    orderStatus: order.OrderStatus,
    purchaseDate: order.PurchaseDate,
    lastUpdateDate: order.LastUpdateDate,
    fulfillmentChannel: order.FulfillmentChannel ?? null,
    shipServiceLevel: nonEmpty(order.ShipServiceLevel),
    latestShipDate: order.LatestShipDate ?? null,
    shippedAt: options.shippedAt,
    orderTotal: moneyOf(order.OrderTotal?.Amount, order.OrderTotal?.CurrencyCode),
    shippingCountryCode: order.ShippingAddress?.CountryCode ?? null,
    isPrime: order.IsPrime ?? false,
    isBusiness: order.IsBusinessOrder ?? false,
    items: items.map((source) => item(source, giftCarried)),
    pii: orderPii(order, options.piiUnlocked),
  };
}
