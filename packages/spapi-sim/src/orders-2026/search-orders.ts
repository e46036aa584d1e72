import type { OperationContext, OperationResult } from '../core/operation.js';
import type { SimOrderView } from '../data/order.types.js';
import { to2026Order } from '../data/serialize-2026.js';
import { isoInstant } from '../data/time.js';
import { firstCursor, nextToken, resumeCursor, type SearchCursor } from './order-cursor.js';
import { piiAccessOf } from './pii-access.js';
import { parseSearchRequest, type SearchFilters } from './search-params.js';

interface Keyed {
  view: SimOrderView;
  key: number;
}

function windowKey(view: SimOrderView, filters: SearchFilters): number {
  return filters.window === 'created' ? view.purchaseDate : view.lastUpdateDate;
}

function matches(view: SimOrderView, filters: SearchFilters, cursor: SearchCursor): boolean {
  const key = windowKey(view, filters);
  return (
    view.purchaseDate <= cursor.snapshotAt &&
    key >= filters.after &&
    key <= cursor.bound &&
    (filters.marketplaceIds === null || filters.marketplaceIds.includes(view.marketplaceId)) &&
    (filters.statuses === null || filters.statuses.includes(view.status)) &&
    (filters.channels === null || filters.channels.includes(view.fulfillmentChannel))
  );
}

function byKeyThenId(a: Keyed, b: Keyed): number {
  if (a.key !== b.key) return a.key - b.key;
  const x = a.view.amazonOrderId;
  const y = b.view.amazonOrderId;
  return x < y ? -1 : x > y ? 1 : 0;
}

function isAfter(item: Keyed, last: NonNullable<SearchCursor['last']>): boolean {
  return item.key > last.key || (item.key === last.key && item.view.amazonOrderId > last.orderId);
}

/**
 * `GET /orders/2026-01-01/orders`. Orders come sorted by the window's timestamp (createdTime
 * or lastUpdatedTime), then orderId; items are always inline; `includedData` sections are
 * added by the serializer, BUYER/RECIPIENT only when the application holds the role.
 */
export function searchOrders({
  req,
  state,
  caller,
  now,
  region,
}: OperationContext): OperationResult {
  const request = parseSearchRequest(req.query, now, region);
  const { filters } = request;
  const seller = caller.sellingPartnerId;
  const cursor =
    request.paginationToken === undefined
      ? firstCursor(filters, now)
      : resumeCursor(request.paginationToken, seller, filters, now);

  const found: Keyed[] = state.orders
    .list(seller, cursor.snapshotAt)
    .filter((view) => matches(view, filters, cursor))
    .map((view) => ({ view, key: windowKey(view, filters) }))
    .sort(byKeyThenId);
  const { last } = cursor;
  const start = last === null ? 0 : found.findIndex((item) => isAfter(item, last));
  const from = start === -1 ? found.length : start;
  const page = found.slice(from, from + request.maxResultsPerPage);
  const lastOnPage = page.at(-1);
  const more = from + page.length < found.length && lastOnPage !== undefined;

  const access = piiAccessOf(caller.application);
  const options = { includedData: request.includedData, ...access };
  const boundName = filters.window === 'created' ? 'createdBefore' : 'lastUpdatedBefore';
  return {
    status: 200,
    body: {
      orders: page.map(({ view }) => to2026Order(view, options)),
      ...(more
        ? {
            pagination: {
              nextToken: nextToken(cursor, seller, filters, {
                key: lastOnPage.key,
                orderId: lastOnPage.view.amazonOrderId,
              }),
            },
          }
        : {}),
      [boundName]: isoInstant(cursor.bound),
    },
  };
}
