import type { SimOrderView } from '../data/order.types.js';
import type { OrdersFilter } from './get-orders.query.js';

/** The sort key of an order in a search: the date the search selects on. */
export function sortKey(view: SimOrderView, filter: Pick<OrdersFilter, 'dateField'>): number {
  return filter.dateField === 'created' ? view.purchaseDate : view.lastUpdateDate;
}

/** Orders are returned by the filter's date, then by AmazonOrderId, oldest first. */
export function compareForSearch(
  filter: Pick<OrdersFilter, 'dateField'>,
): (a: SimOrderView, b: SimOrderView) => number {
  return (a, b) =>
    sortKey(a, filter) - sortKey(b, filter) ||
    (a.amazonOrderId < b.amazonOrderId ? -1 : a.amazonOrderId > b.amazonOrderId ? 1 : 0);
}

const within = (value: number, after: number | undefined, before: number | undefined): boolean =>
  (after === undefined || value >= after) && (before === undefined || value <= before);

const oneOf = (allowed: readonly string[] | undefined, value: string): boolean =>
  allowed === undefined || allowed.includes(value);

/**
 * Whether an order matches a getOrders search. The simulator has no Easy Ship, ISPU or
 * store-chain orders and needs no electronic invoices, so those filters select accordingly.
 */
export function matchesFilter(view: SimOrderView, filter: OrdersFilter): boolean {
  return (
    filter.marketplaceIds.includes(view.marketplaceId) &&
    within(sortKey(view, filter), filter.after, filter.before) &&
    oneOf(filter.orderStatuses, view.status) &&
    oneOf(filter.fulfillmentChannels, view.fulfillmentChannel) &&
    oneOf(filter.paymentMethods, view.paymentMethod) &&
    oneOf(filter.amazonOrderIds, view.amazonOrderId) &&
    oneOf(filter.electronicInvoiceStatuses, 'NotRequired') &&
    (filter.buyerEmail === undefined || filter.buyerEmail === view.buyer.email) &&
    (filter.sellerOrderId === undefined ||
      filter.sellerOrderId === (view.sellerOrderId ?? view.amazonOrderId)) &&
    filter.easyShipShipmentStatuses === undefined &&
    filter.actualFulfillmentSupplySourceId === undefined &&
    filter.storeChainStoreId === undefined &&
    filter.isIspu !== true &&
    within(
      view.earliestDeliveryDate,
      filter.earliestDeliveryDateAfter,
      filter.earliestDeliveryDateBefore,
    ) &&
    within(view.latestDeliveryDate, filter.latestDeliveryDateAfter, filter.latestDeliveryDateBefore)
  );
}
