import { BEFORE_MIN_AGE_MS } from '../core/date-time.js';
import { invalidInput } from '../core/errors.js';
import type { SimSeller } from '../core/grants.js';
import { withoutUndefined } from '../core/objects.js';
import { marketplaceInfo, type Region } from '../core/regions.js';
import { isoSeconds } from '../data/time.js';
import {
  INVALID_INPUT,
  boolean,
  dates,
  enumList,
  integer,
  list,
  single,
  type RawQuery,
} from './query-values.js';

/** Enumerations from the getOrders parameter descriptions in the model. */
export const V0_ORDER_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
] as const;
export const FULFILLMENT_CHANNELS = ['AFN', 'MFN'] as const;
export const PAYMENT_METHODS = ['COD', 'CVS', 'Other'] as const;
export const EASY_SHIP_SHIPMENT_STATUSES = [
  'PendingSchedule',
  'PendingPickUp',
  'PendingDropOff',
  'LabelCanceled',
  'PickedUp',
  'DroppedOff',
  'AtOriginFC',
  'AtDestinationFC',
  'Delivered',
  'RejectedByBuyer',
  'Undeliverable',
  'ReturningToSeller',
  'ReturnedToSeller',
  'Lost',
  'OutForDelivery',
  'Damaged',
] as const;
export const ELECTRONIC_INVOICE_STATUSES = [
  'NotRequired',
  'NotFound',
  'Processing',
  'Errored',
  'Accepted',
] as const;

export const MAX_MARKETPLACES = 50;
export const MAX_ORDER_IDS = 50;
export const MAX_RESULTS_PER_PAGE = 100;

const DATE_PARAMS = [
  'CreatedAfter',
  'CreatedBefore',
  'LastUpdatedAfter',
  'LastUpdatedBefore',
  'EarliestDeliveryDateBefore',
  'EarliestDeliveryDateAfter',
  'LatestDeliveryDateBefore',
  'LatestDeliveryDateAfter',
] as const;

/** The filters of a getOrders search (JSON-safe: it travels inside the NextToken). */
export interface OrdersFilter {
  marketplaceIds: string[];
  /** Which date the search selects and sorts on. */
  dateField: 'created' | 'lastUpdated';
  after: number;
  /** The effective upper bound: the given `…Before`, else two minutes before the request. */
  before: number;
  orderStatuses?: string[];
  fulfillmentChannels?: string[];
  paymentMethods?: string[];
  buyerEmail?: string;
  sellerOrderId?: string;
  easyShipShipmentStatuses?: string[];
  electronicInvoiceStatuses?: string[];
  amazonOrderIds?: string[];
  actualFulfillmentSupplySourceId?: string;
  isIspu?: boolean;
  storeChainStoreId?: string;
  earliestDeliveryDateBefore?: number;
  earliestDeliveryDateAfter?: number;
  latestDeliveryDateBefore?: number;
  latestDeliveryDateAfter?: number;
}

export interface GetOrdersFirstPage {
  filter: OrdersFilter;
  pageSize: number;
}

const fail = (details: string): never => {
  throw invalidInput(INVALID_INPUT, details);
};

function readMarketplaces(query: RawQuery, seller: SimSeller, region: Region): string[] {
  const ids = list(query, 'MarketplaceIds', { maxItems: MAX_MARKETPLACES });
  if (!ids) return fail('MarketplaceIds is required.');
  for (const id of ids) {
    const info = marketplaceInfo(id);
    if (!info) fail(`MarketplaceIds: ${id} is not a marketplace id.`);
    else if (info.region !== region) {
      fail(`MarketplaceIds: ${id} is not served by the ${region.toUpperCase()} endpoint.`);
    } else if (!seller.marketplaceIds.includes(id)) {
      fail(`MarketplaceIds: the seller does not participate in marketplace ${id}.`);
    }
  }
  return ids;
}

/** The date window: exactly one of CreatedAfter / LastUpdatedAfter, per the model's notes. */
function readWindow(
  d: Partial<Record<(typeof DATE_PARAMS)[number], number>>,
  now: number,
): Pick<OrdersFilter, 'dateField' | 'after' | 'before'> {
  const created = d.CreatedAfter !== undefined || d.CreatedBefore !== undefined;
  const updated = d.LastUpdatedAfter !== undefined || d.LastUpdatedBefore !== undefined;
  if (created && updated) {
    fail(
      'CreatedAfter/CreatedBefore and LastUpdatedAfter/LastUpdatedBefore cannot be combined; set exactly one of CreatedAfter or LastUpdatedAfter.',
    );
  }
  const [name, after, before] = created
    ? (['Created', d.CreatedAfter, d.CreatedBefore] as const)
    : (['LastUpdated', d.LastUpdatedAfter, d.LastUpdatedBefore] as const);
  if (after === undefined) {
    return fail(
      created
        ? 'CreatedBefore can only be set together with CreatedAfter.'
        : updated
          ? 'LastUpdatedBefore can only be set together with LastUpdatedAfter.'
          : 'Either CreatedAfter or LastUpdatedAfter is required.',
    );
  }
  const latest = now - BEFORE_MIN_AGE_MS;
  if (after > latest) {
    fail(`${name}After must be at least two minutes before the current time (${isoSeconds(now)}).`);
  }
  if (before !== undefined && before > latest) {
    fail(
      `${name}Before must be at least two minutes before the current time (${isoSeconds(now)}).`,
    );
  }
  if (before !== undefined && before < after) {
    fail(`${name}Before must be equal to or after ${name}After.`);
  }
  return { dateField: created ? 'created' : 'lastUpdated', after, before: before ?? latest };
}

/** Reads and validates a first-page getOrders query (no NextToken). */
export function readGetOrdersQuery(
  query: RawQuery,
  seller: SimSeller,
  region: Region,
  now: number,
): GetOrdersFirstPage {
  const marketplaceIds = readMarketplaces(query, seller, region);
  const d = dates(query, DATE_PARAMS);
  const window = readWindow(d, now);
  const pageSize =
    integer(query, 'MaxResultsPerPage', 1, MAX_RESULTS_PER_PAGE) ?? MAX_RESULTS_PER_PAGE;
  const filter: OrdersFilter = {
    marketplaceIds,
    ...window,
    ...withoutUndefined({
      orderStatuses: enumList(query, 'OrderStatuses', V0_ORDER_STATUSES),
      fulfillmentChannels: enumList(query, 'FulfillmentChannels', FULFILLMENT_CHANNELS),
      paymentMethods: enumList(query, 'PaymentMethods', PAYMENT_METHODS),
      buyerEmail: single(query, 'BuyerEmail'),
      sellerOrderId: single(query, 'SellerOrderId'),
      easyShipShipmentStatuses: enumList(
        query,
        'EasyShipShipmentStatuses',
        EASY_SHIP_SHIPMENT_STATUSES,
      ),
      electronicInvoiceStatuses: enumList(
        query,
        'ElectronicInvoiceStatuses',
        ELECTRONIC_INVOICE_STATUSES,
      ),
      amazonOrderIds: list(query, 'AmazonOrderIds', { maxItems: MAX_ORDER_IDS }),
      actualFulfillmentSupplySourceId: single(query, 'ActualFulfillmentSupplySourceId'),
      isIspu: boolean(query, 'IsISPU'),
      storeChainStoreId: single(query, 'StoreChainStoreId'),
      earliestDeliveryDateBefore: d.EarliestDeliveryDateBefore,
      earliestDeliveryDateAfter: d.EarliestDeliveryDateAfter,
      latestDeliveryDateBefore: d.LatestDeliveryDateBefore,
      latestDeliveryDateAfter: d.LatestDeliveryDateAfter,
    }),
  };
  checkSellerOrderIdExclusions(filter);
  return { filter, pageSize };
}

/**
 * "If `SellerOrderId` is specified, then `FulfillmentChannels`, `OrderStatuses`,
 * `PaymentMethod`, `LastUpdatedAfter`, `LastUpdatedBefore`, and `BuyerEmail` cannot be specified."
 */
function checkSellerOrderIdExclusions(filter: OrdersFilter): void {
  if (filter.sellerOrderId === undefined) return;
  const conflicts = [
    filter.fulfillmentChannels && 'FulfillmentChannels',
    filter.orderStatuses && 'OrderStatuses',
    filter.paymentMethods && 'PaymentMethods',
    filter.dateField === 'lastUpdated' && 'LastUpdatedAfter/LastUpdatedBefore',
    filter.buyerEmail !== undefined && 'BuyerEmail',
  ].filter((c): c is string => typeof c === 'string');
  if (conflicts.length > 0) {
    fail(`SellerOrderId cannot be combined with ${conflicts.join(', ')}.`);
  }
}
