/**
 * Rows of the restricted "Unshipped Orders Report", GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING:
 * tab-delimited, one row per order item, MFN only, "Contains only orders that are not confirmed
 * as shipped" and no Pending orders (order reports cover orders once they are fulfillable).
 *
 * Columns follow Amazon's "Order reports attributes" page, plus `buyer-name`, which real
 * files carry after `buyer-email` although the page leaves it out. Dates print as
 * `2026-01-02T03:04:05+00:00`, the form Amazon's flat-file order reports use.
 */
import type { SimOrderItem, SimOrderView } from './order.types.js';
import { phoneAvailable } from './restricted-data-rules.js';
import { DAY_MS, isoSecondsWithOffset } from './time.js';

export const ACTIONABLE_ORDER_COLUMNS = [
  'order-id',
  'order-item-id',
  'purchase-date',
  'payments-date',
  'reporting-date',
  'promise-date',
  'days-past-promise',
  'buyer-email',
  'buyer-name',
  'buyer-phone-number',
  'sku',
  'product-name',
  'quantity-purchased',
  'quantity-shipped',
  'quantity-to-ship',
  'ship-service-level',
  'recipient-name',
  'ship-address-1',
  'ship-address-2',
  'ship-address-3',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
  'is-prime',
] as const;

export type ActionableOrderColumn = (typeof ACTIONABLE_ORDER_COLUMNS)[number];
export type ReportRow = Record<ActionableOrderColumn, string>;

/** Belongs in the report: seller-fulfilled, paid, not fully shipped, not canceled. */
export function isActionable(view: SimOrderView): boolean {
  return (
    view.fulfillmentChannel === 'MFN' &&
    (view.status === 'Unshipped' || view.status === 'PartiallyShipped')
  );
}

function row(view: SimOrderView, item: SimOrderItem, reportingDate: number): ReportRow {
  const a = view.shippingAddress;
  return {
    'order-id': view.amazonOrderId,
    'order-item-id': item.orderItemId,
    'purchase-date': isoSecondsWithOffset(view.purchaseDate),
    'payments-date': view.paymentsDate === undefined ? '' : isoSecondsWithOffset(view.paymentsDate),
    'reporting-date': isoSecondsWithOffset(reportingDate),
    'promise-date': isoSecondsWithOffset(view.latestShipDate),
    'days-past-promise': String(Math.floor((reportingDate - view.latestShipDate) / DAY_MS)),
    'buyer-email': view.buyer.email,
    'buyer-name': view.buyer.name,
    'buyer-phone-number': phoneAvailable(view) ? a.phone : '',
    sku: item.sellerSku,
    'product-name': item.title,
    'quantity-purchased': String(item.quantityOrdered),
    'quantity-shipped': String(item.quantityShipped),
    'quantity-to-ship': String(item.quantityOrdered - item.quantityShipped),
    'ship-service-level': view.shipmentServiceLevelCategory,
    'recipient-name': a.name,
    'ship-address-1': a.addressLine1,
    'ship-address-2': a.addressLine2 ?? '',
    'ship-address-3': '',
    'ship-city': a.city,
    'ship-state': a.stateOrRegion,
    'ship-postal-code': a.postalCode,
    'ship-country': a.countryCode,
    'is-business-order': String(view.isBusinessOrder),
    'purchase-order-number': view.buyer.purchaseOrderNumber ?? '',
    'price-designation': item.priceDesignation ?? '',
    'is-prime': String(view.isPrime),
  };
}

/** One row per item still to ship; none when the order is not actionable. */
export function toActionableOrderRows(view: SimOrderView, reportingDate: number): ReportRow[] {
  if (!isActionable(view)) return [];
  return view.items
    .filter((item) => item.quantityShipped < item.quantityOrdered)
    .map((item) => row(view, item, reportingDate));
}

/** Tabs and line breaks inside a value would break the file: they become single spaces. */
export function sanitizeCell(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** Header line plus one line per row, tab-separated, `\n` after every line. */
export function toTsv(
  rows: readonly Readonly<Record<string, string>>[],
  columns: readonly string[] = ACTIONABLE_ORDER_COLUMNS,
): string {
  const lines = [columns.map(sanitizeCell).join('\t')];
  for (const r of rows)
    lines.push(columns.map((column) => sanitizeCell(r[column] ?? '')).join('\t'));
  return `${lines.join('\n')}\n`;
}
