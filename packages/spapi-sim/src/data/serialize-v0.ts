/**
 * Order views in the Orders v0 shapes. Pure functions; the route decides what the caller may
 * see (RDT + data elements) and passes it in.
 *
 * Without restricted access Amazon still answers, with the restricted parts left out:
 * - `ShippingAddress` keeps its non-restricted fields: City, StateOrRegion, PostalCode,
 *   CountryCode. The model names the restricted ones: "Name, AddressLine1, AddressLine2,
 *   AddressLine3, Phone, AddressType, and ExtendedFields".
 * - `BuyerInfo` is `{}` on orders and items (as real responses print it). BuyerEmail counts as
 *   restricted (Amazon, 2025: "BuyerEmail is PII ... accessible only" with the restricted roles).
 * See restricted-data-rules.ts for status gates, phone suppression and MFN-only gift messages,
 * shipping-address.ts for the part of the address a caller sees (shared with 2026-01-01).
 */
import { marketplaceInfo } from '../core/regions.js';
import { withoutUndefined } from '../core/objects.js';
import type { SimMoney, SimOrderItem, SimOrderView } from './order.types.js';
import { orderTotalOf, money } from './money.js';
import { unitCounts } from './order-view.js';
import {
  buyerDataAvailable,
  deliveryWindowAvailable,
  giftMessageAvailable,
  pricingAvailable,
} from './restricted-data-rules.js';
import type {
  V0Address,
  V0BuyerInfo,
  V0ItemBuyerInfo,
  V0Money,
  V0Order,
  V0OrderAddress,
  V0OrderBuyerInfo,
  V0OrderItem,
  V0OrderItemsBuyerInfoList,
  V0OrderItemsList,
} from './serialize-v0.types.js';
import { visibleShippingAddress } from './shipping-address.js';
import { isoSeconds } from './time.js';

export interface V0OrderOptions {
  /** RDT with the `buyerInfo` data element (or getOrderBuyerInfo coverage). */
  includeBuyerInfo: boolean;
  /** RDT with the `shippingAddress` data element. */
  includeShippingAddress: boolean;
}

export interface V0RestrictedOptions {
  /** False when the caller has no RDT for the operation: restricted fields are left out. */
  includeRestricted?: boolean;
}

function v0Money(value: SimMoney): V0Money {
  return { CurrencyCode: value.currencyCode, Amount: value.amount };
}

function currencyOf(view: SimOrderView): string {
  return (
    view.items[0]?.itemPrice.currencyCode ??
    marketplaceInfo(view.marketplaceId)?.currencyCode ??
    'USD'
  );
}

function orderTotal(view: SimOrderView): SimMoney {
  const country =
    marketplaceInfo(view.marketplaceId)?.countryCode ?? view.shippingAddress.countryCode;
  return view.orderTotal ?? orderTotalOf(view.items, country, currencyOf(view));
}

/** The address as v0 prints it; the non-restricted subset unless `full`. */
export function toV0Address(view: SimOrderView, full: boolean): V0Address {
  const a = visibleShippingAddress(view, full);
  return withoutUndefined({
    Name: a.name,
    CompanyName: a.companyName,
    AddressLine1: a.addressLine1,
    AddressLine2: a.addressLine2,
    City: a.city,
    County: a.county,
    StateOrRegion: a.stateOrRegion,
    PostalCode: a.postalCode,
    CountryCode: a.countryCode,
    Phone: a.phone,
    AddressType: a.addressType,
  });
}

function buyerInfo(view: SimOrderView, include: boolean): V0BuyerInfo {
  if (!include || !buyerDataAvailable(view)) return {};
  const out: V0BuyerInfo = { BuyerEmail: view.buyer.email, BuyerName: view.buyer.name };
  if (view.buyer.purchaseOrderNumber !== undefined)
    out.PurchaseOrderNumber = view.buyer.purchaseOrderNumber;
  return out;
}

/** The v0 `Order` definition, keys in the order Amazon prints them. */
export function toV0Order(view: SimOrderView, options: V0OrderOptions): V0Order {
  const units = unitCounts(view);
  const canceled = view.status === 'Canceled';
  const salesChannel = marketplaceInfo(view.marketplaceId)?.salesChannel;
  const withDelivery = deliveryWindowAvailable(view);
  return {
    AmazonOrderId: view.amazonOrderId,
    SellerOrderId: view.sellerOrderId ?? view.amazonOrderId,
    PurchaseDate: isoSeconds(view.purchaseDate),
    LastUpdateDate: isoSeconds(view.lastUpdateDate),
    OrderStatus: view.status,
    FulfillmentChannel: view.fulfillmentChannel,
    ...(salesChannel === undefined ? {} : { SalesChannel: salesChannel }),
    ShipServiceLevel: view.shipServiceLevel,
    ...(pricingAvailable(view) && !canceled ? { OrderTotal: v0Money(orderTotal(view)) } : {}),
    NumberOfItemsShipped: units.shipped,
    NumberOfItemsUnshipped: canceled ? 0 : units.ordered - units.shipped,
    PaymentMethod: view.paymentMethod,
    PaymentMethodDetails: view.paymentMethodDetails ?? ['Standard'],
    IsReplacementOrder: false,
    MarketplaceId: view.marketplaceId,
    ShipmentServiceLevelCategory: view.shipmentServiceLevelCategory,
    OrderType: 'StandardOrder',
    EarliestShipDate: isoSeconds(view.earliestShipDate),
    LatestShipDate: isoSeconds(view.latestShipDate),
    ...(withDelivery
      ? {
          EarliestDeliveryDate: isoSeconds(view.earliestDeliveryDate),
          LatestDeliveryDate: isoSeconds(view.latestDeliveryDate),
        }
      : {}),
    IsBusinessOrder: view.isBusinessOrder,
    IsPrime: view.isPrime,
    IsGlobalExpressEnabled: false,
    IsPremiumOrder: view.isPremiumOrder ?? false,
    IsSoldByAB: false,
    IsIBA: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    ...(buyerDataAvailable(view)
      ? { ShippingAddress: toV0Address(view, options.includeShippingAddress) }
      : {}),
    BuyerInfo: buyerInfo(view, options.includeBuyerInfo),
    ...(view.fulfillmentChannel === 'MFN'
      ? { AutomatedShippingSettings: { HasAutomatedShippingSettings: false } }
      : {}),
  };
}

/** The v0 `OrderAddress` definition (getOrderAddress payload). */
export function toV0OrderAddress(
  view: SimOrderView,
  options: V0RestrictedOptions = {},
): V0OrderAddress {
  const out: V0OrderAddress = { AmazonOrderId: view.amazonOrderId };
  if (view.buyer.companyName !== undefined) out.BuyerCompanyName = view.buyer.companyName;
  if (buyerDataAvailable(view))
    out.ShippingAddress = toV0Address(view, options.includeRestricted ?? true);
  return out;
}

/** The v0 `OrderBuyerInfo` definition (getOrderBuyerInfo payload). */
export function toV0OrderBuyerInfo(
  view: SimOrderView,
  options: V0RestrictedOptions = {},
): V0OrderBuyerInfo {
  return {
    AmazonOrderId: view.amazonOrderId,
    ...buyerInfo(view, options.includeRestricted ?? true),
  };
}

function itemBuyerInfo(view: SimOrderView, item: SimOrderItem, include: boolean): V0ItemBuyerInfo {
  if (!include || !buyerDataAvailable(view)) return {};
  const out: V0ItemBuyerInfo = {};
  if (item.giftMessageText !== undefined && giftMessageAvailable(view))
    out.GiftMessageText = item.giftMessageText;
  if (item.giftWrapLevel !== undefined) out.GiftWrapLevel = item.giftWrapLevel;
  return out;
}

function toV0OrderItem(
  view: SimOrderView,
  item: SimOrderItem,
  includeBuyerInfo: boolean,
): V0OrderItem {
  const out: V0OrderItem = {
    ASIN: item.asin,
    OrderItemId: item.orderItemId,
    SellerSKU: item.sellerSku,
    Title: item.title,
    QuantityOrdered: item.quantityOrdered,
    QuantityShipped: item.quantityShipped,
    ProductInfo: { NumberOfItems: '1' },
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
    IsTransparency: false,
    SerialNumberRequired: false,
    BuyerInfo: itemBuyerInfo(view, item, includeBuyerInfo),
  };
  if (pricingAvailable(view)) {
    const currency = item.itemPrice.currencyCode;
    out.ItemPrice = v0Money(item.itemPrice);
    out.ShippingPrice = v0Money(item.shippingPrice ?? money(0, currency));
    out.ItemTax = v0Money(item.itemTax ?? money(0, currency));
    out.PromotionDiscount = v0Money(money(0, currency));
    out.IsGift = view.isGift ? 'true' : 'false';
  }
  if (item.priceDesignation !== undefined) out.PriceDesignation = item.priceDesignation;
  return out;
}

/** The v0 `OrderItem` list; item `BuyerInfo` carries gift data only when included. */
export function toV0OrderItems(
  view: SimOrderView,
  options: { includeBuyerInfo: boolean },
): V0OrderItem[] {
  return view.items.map((item) => toV0OrderItem(view, item, options.includeBuyerInfo));
}

/** The v0 `OrderItemsList` (getOrderItems payload, one page). */
export function toV0OrderItemsList(
  view: SimOrderView,
  options: { includeBuyerInfo: boolean },
): V0OrderItemsList {
  return { AmazonOrderId: view.amazonOrderId, OrderItems: toV0OrderItems(view, options) };
}

/** The v0 `OrderItemsBuyerInfoList` (getOrderItemsBuyerInfo payload, one page). */
export function toV0OrderItemsBuyerInfo(
  view: SimOrderView,
  options: V0RestrictedOptions = {},
): V0OrderItemsBuyerInfoList {
  const include = options.includeRestricted ?? true;
  return {
    AmazonOrderId: view.amazonOrderId,
    OrderItems: view.items.map((item) => ({
      OrderItemId: item.orderItemId,
      ...itemBuyerInfo(view, item, include),
    })),
  };
}
