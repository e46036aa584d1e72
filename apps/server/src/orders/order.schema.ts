/**
 * The HTTP layer's view of the orders contracts (`@spapi/shared`, `contracts/orders.ts`): which
 * schema parses which input, and how a parsed list query becomes the store's query.
 */
import type { OrderListQueryParsed, OrderSearchBody } from '@spapi/shared';
import type { OrderListQuery } from './order.repository.js';

export {
  orderDetailSchema,
  orderIdParamsSchema,
  orderListQuerySchema,
  orderListResponseSchema,
  orderSearchBodySchema,
  orderSummarySchema,
  revealRequestSchema,
  revealResponseSchema,
} from '@spapi/shared';

type ListFilters = Omit<OrderListQueryParsed, 'status'> & { readonly status?: readonly string[] };

/** The store's query from a parsed list query or search body (the postal code stays out). */
export function toStoreQuery(parsed: ListFilters | Omit<OrderSearchBody, 'postalCode'>) {
  const query: { -readonly [K in keyof OrderListQuery]: OrderListQuery[K] } = {};
  if (parsed.status !== undefined) query.status = parsed.status;
  if (parsed.marketplaceId !== undefined) query.marketplaceId = parsed.marketplaceId;
  if (parsed.fulfillmentChannel !== undefined) {
    query.fulfillmentChannel = parsed.fulfillmentChannel;
  }
  if (parsed.purchasedFrom !== undefined) query.purchasedFrom = parsed.purchasedFrom;
  if (parsed.purchasedBefore !== undefined) query.purchasedBefore = parsed.purchasedBefore;
  if ('amazonOrderId' in parsed && parsed.amazonOrderId !== undefined) {
    query.amazonOrderId = parsed.amazonOrderId;
  }
  if (parsed.cursor !== undefined) query.cursor = parsed.cursor;
  if (parsed.limit !== undefined) query.limit = parsed.limit;
  return query;
}
