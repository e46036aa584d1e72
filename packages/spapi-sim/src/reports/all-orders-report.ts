import { marketplaceInfo } from '../core/regions.js';
import type { OrderStatus, SimOrderItem, SimOrderView } from '../data/order.types.js';
import { isoSecondsWithOffset } from '../data/time.js';

/**
 * The non-restricted "All Orders Report" (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL
 * and …_BY_LAST_UPDATE_GENERAL): one row per order item, every channel and status, no buyer
 * name, street address or phone (ship city/state/postal code/country only, as Amazon's file).
 * Columns in Amazon's order; amounts are line totals.
 */
export const ALL_ORDERS_COLUMNS = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'url',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
] as const;
type AllOrdersColumn = (typeof ALL_ORDERS_COLUMNS)[number];

/** The report's order-status words (it says "Shipping" for partly shipped orders). */
const ORDER_STATUS_TEXT: Readonly<Record<OrderStatus, string>> = {
  Pending: 'Pending',
  Unshipped: 'Unshipped',
  PartiallyShipped: 'Shipping',
  Shipped: 'Shipped',
  Canceled: 'Cancelled',
};

function itemStatus(view: SimOrderView, item: SimOrderItem): string {
  if (view.status === 'Canceled') return 'Cancelled';
  if (item.quantityShipped >= item.quantityOrdered) return 'Shipped';
  return view.status === 'Pending' ? 'Pending' : 'Unshipped';
}

function row(view: SimOrderView, item: SimOrderItem): Record<AllOrdersColumn, string> {
  const a = view.shippingAddress;
  const priced = view.status !== 'Pending';
  return {
    'amazon-order-id': view.amazonOrderId,
    'merchant-order-id': view.sellerOrderId ?? '',
    'purchase-date': isoSecondsWithOffset(view.purchaseDate),
    'last-updated-date': isoSecondsWithOffset(view.lastUpdateDate),
    'order-status': ORDER_STATUS_TEXT[view.status],
    'fulfillment-channel': view.fulfillmentChannel === 'AFN' ? 'Amazon' : 'Merchant',
    'sales-channel': marketplaceInfo(view.marketplaceId)?.salesChannel ?? '',
    'order-channel': '',
    url: '',
    'ship-service-level': view.shipmentServiceLevelCategory,
    'product-name': item.title,
    sku: item.sellerSku,
    asin: item.asin,
    'item-status': itemStatus(view, item),
    quantity: String(item.quantityOrdered),
    currency: item.itemPrice.currencyCode,
    'item-price': priced ? item.itemPrice.amount : '',
    'item-tax': priced ? (item.itemTax?.amount ?? '') : '',
    'shipping-price': priced ? (item.shippingPrice?.amount ?? '') : '',
    'shipping-tax': '',
    'gift-wrap-price': '',
    'gift-wrap-tax': '',
    'item-promotion-discount': '',
    'ship-promotion-discount': '',
    'ship-city': a.city,
    'ship-state': a.stateOrRegion,
    'ship-postal-code': a.postalCode,
    'ship-country': a.countryCode,
    'promotion-ids': '',
    'is-business-order': String(view.isBusinessOrder),
    'purchase-order-number': view.buyer.purchaseOrderNumber ?? '',
    'price-designation': item.priceDesignation ?? '',
  };
}

export function toAllOrdersRows(view: SimOrderView): Record<AllOrdersColumn, string>[] {
  return view.items.map((item) => row(view, item));
}
