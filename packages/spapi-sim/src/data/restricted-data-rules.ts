/**
 * When Amazon returns restricted data at all, independent of the caller's authorization.
 * Each rule cites the model text it comes from (ordersV0.json / orders_2026-01-01.json).
 */
import type { SimOrderView } from './order.types.js';

/**
 * v0 `Order.ShippingAddress` / `OrderAddress.ShippingAddress`: "only available for orders with
 * the following status values: Unshipped, PartiallyShipped, Shipped and InvoiceUnconfirmed".
 * Amazon applies the same gate to buyer information; we apply it to 2026 buyer/recipient too.
 */
export function buyerDataAvailable(view: SimOrderView): boolean {
  return (
    view.status === 'Unshipped' || view.status === 'PartiallyShipped' || view.status === 'Shipped'
  );
}

/**
 * v0 `Address.Phone`: "suppressed for all AFN (fulfilled by Amazon) orders" and "for the shipped
 * MFN order when the current date is past the Latest Delivery Date". 2026 `CustomerAddress.phone`
 * repeats the FBA rule ("including but not limited to").
 */
export function phoneAvailable(view: SimOrderView): boolean {
  if (view.fulfillmentChannel === 'AFN') return false;
  return !(view.status === 'Shipped' && view.viewedAt > view.latestDeliveryDate);
}

/** v0 `ItemBuyerInfo.GiftMessageText`: "only available for MFN (fulfilled by seller) orders". */
export function giftMessageAvailable(view: SimOrderView): boolean {
  return view.fulfillmentChannel === 'MFN' && buyerDataAvailable(view);
}

/**
 * v0 getOrderItems: "When an order is in the Pending state ... does not return information
 * about pricing, taxes, shipping charges, gift status or promotions". Canceled orders carry no
 * OrderTotal either.
 */
export function pricingAvailable(view: SimOrderView): boolean {
  return view.status !== 'Pending';
}

/**
 * v0 `LatestDeliveryDate`: "Only returned for seller-fulfilled orders that do not have a
 * PendingAvailability, Pending, or Canceled status"; we treat the earliest date alike.
 */
export function deliveryWindowAvailable(view: SimOrderView): boolean {
  return (
    view.fulfillmentChannel === 'MFN' && view.status !== 'Pending' && view.status !== 'Canceled'
  );
}
