import { z } from 'zod';
import { invalidInput } from '../core/errors.js';
import type { SimOrderView } from '../data/order.types.js';
import type { GetOrdersFirstPage, OrdersFilter } from './get-orders.query.js';
import { compareForSearch, matchesFilter, sortKey } from './orders-filter.js';
import {
  CursorSchema,
  UNDECODABLE_NEXT_TOKEN,
  openNextToken,
  sealNextToken,
  type Cursor,
} from './next-token.js';

const strings = z.array(z.string());
const FilterSchema = z.object({
  marketplaceIds: strings,
  dateField: z.enum(['created', 'lastUpdated']),
  after: z.number(),
  before: z.number(),
  orderStatuses: strings.exactOptional(),
  fulfillmentChannels: strings.exactOptional(),
  paymentMethods: strings.exactOptional(),
  buyerEmail: z.string().exactOptional(),
  sellerOrderId: z.string().exactOptional(),
  easyShipShipmentStatuses: strings.exactOptional(),
  electronicInvoiceStatuses: strings.exactOptional(),
  amazonOrderIds: strings.exactOptional(),
  actualFulfillmentSupplySourceId: z.string().exactOptional(),
  isIspu: z.boolean().exactOptional(),
  storeChainStoreId: z.string().exactOptional(),
  earliestDeliveryDateBefore: z.number().exactOptional(),
  earliestDeliveryDateAfter: z.number().exactOptional(),
  latestDeliveryDateBefore: z.number().exactOptional(),
  latestDeliveryDateAfter: z.number().exactOptional(),
}) satisfies z.ZodType<OrdersFilter>;

const PageTokenSchema = z.object({
  v: z.literal(1),
  /** The seller and application the search belongs to; another caller cannot resume it. */
  seller: z.string(),
  client: z.string(),
  /** The instant every page of this search sees the orders as of. */
  viewAt: z.number(),
  pageSize: z.number().int().min(1).max(100),
  filter: FilterSchema,
  cursor: CursorSchema,
});
type PageToken = z.output<typeof PageTokenSchema>;

/** A search in progress: what to match, as of when, and where the previous page ended. */
export interface SearchState {
  filter: OrdersFilter;
  pageSize: number;
  viewAt: number;
  cursor: Cursor | undefined;
}

export interface Caller {
  sellingPartnerId: string;
  clientId: string;
}

export function firstPage(query: GetOrdersFirstPage, now: number): SearchState {
  return { ...query, viewAt: now, cursor: undefined };
}

/** Resumes a search from a NextToken; a token of another seller or application is refused. */
export function resumeFromToken(nextToken: string, caller: Caller): SearchState {
  const token = openNextToken(nextToken, PageTokenSchema);
  if (token.seller !== caller.sellingPartnerId || token.client !== caller.clientId) {
    throw invalidInput(UNDECODABLE_NEXT_TOKEN, '');
  }
  return {
    filter: token.filter,
    pageSize: token.pageSize,
    viewAt: token.viewAt,
    cursor: token.cursor,
  };
}

export interface Page {
  orders: SimOrderView[];
  nextToken: string | undefined;
}

const isAfter = (view: SimOrderView, filter: OrdersFilter, cursor: Cursor): boolean => {
  const key = sortKey(view, filter);
  return key > cursor.key || (key === cursor.key && view.amazonOrderId > cursor.id);
};

/**
 * One page of a search. Every page sees the orders as of the search's first request and
 * resumes after the last order returned (keyset), so each matching order comes exactly once
 * however the orders change between pages.
 */
export function takePage(all: readonly SimOrderView[], search: SearchState, caller: Caller): Page {
  const { filter, cursor, pageSize } = search;
  const remaining = all
    .filter((view) => matchesFilter(view, filter) && (!cursor || isAfter(view, filter, cursor)))
    .sort(compareForSearch(filter));
  const orders = remaining.slice(0, pageSize);
  const last = orders.at(-1);
  if (remaining.length <= pageSize || !last) return { orders, nextToken: undefined };
  const token: PageToken = {
    v: 1,
    seller: caller.sellingPartnerId,
    client: caller.clientId,
    viewAt: search.viewAt,
    pageSize,
    filter,
    cursor: { key: sortKey(last, filter), id: last.amazonOrderId },
  };
  return { orders, nextToken: sealNextToken(token) };
}
