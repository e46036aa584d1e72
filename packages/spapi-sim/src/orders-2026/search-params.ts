import { BEFORE_MIN_AGE_MS } from '../core/date-time.js';
import { invalidInput } from '../core/errors.js';
import { checkMarketplaces, modelQuery, queryDateTime, type RawQuery } from '../core/query.js';
import type { Region } from '../core/regions.js';
import type { OrderStatus } from '../data/order.types.js';
import { INCLUDED_DATA, type IncludedData } from '../data/serialize-2026.js';

/** The model's `FulfillmentStatus` enum and the simulator status each one selects. */
export const FULFILLMENT_STATUS_MAP = {
  PENDING_AVAILABILITY: null, // pre-orders; the simulator has none
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: null, // Amazon-fulfilled non-retail orders; the simulator has none
} as const satisfies Record<string, OrderStatus | null>;
type FulfillmentStatus = keyof typeof FULFILLMENT_STATUS_MAP;
const FULFILLMENT_STATUSES = Object.keys(FULFILLMENT_STATUS_MAP) as FulfillmentStatus[];

export const FULFILLED_BY_MAP = { MERCHANT: 'MFN', AMAZON: 'AFN' } as const;
type FulfilledBy = keyof typeof FULFILLED_BY_MAP;
const FULFILLED_BY = Object.keys(FULFILLED_BY_MAP) as FulfilledBy[];

export const MAX_RESULTS_DEFAULT = 100;

/** The filters that define a search; a pagination token is bound to them. */
export interface SearchFilters {
  /** Which timestamp the window applies to. */
  window: 'created' | 'lastUpdated';
  after: number;
  /** The caller's `…Before`, when given. */
  before: number | null;
  marketplaceIds: string[] | null;
  statuses: OrderStatus[] | null;
  channels: ('MFN' | 'AFN')[] | null;
}

export interface SearchRequest {
  filters: SearchFilters;
  maxResultsPerPage: number;
  includedData: Set<IncludedData>;
  paginationToken: string | undefined;
}

export function parseIncludedData(query: RawQuery): Set<IncludedData> {
  return new Set(modelQuery.enumList(query, 'includedData', INCLUDED_DATA) ?? []);
}

function parseWindow(
  query: RawQuery,
  now: number,
): Pick<SearchFilters, 'window' | 'after' | 'before'> {
  const createdAfter = queryDateTime(query, 'createdAfter');
  const createdBefore = queryDateTime(query, 'createdBefore');
  const lastUpdatedAfter = queryDateTime(query, 'lastUpdatedAfter');
  const lastUpdatedBefore = queryDateTime(query, 'lastUpdatedBefore');
  if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
    throw invalidInput('Exactly one of createdAfter and lastUpdatedAfter must be provided.');
  }
  const created = createdAfter !== undefined;
  if (created && lastUpdatedBefore !== undefined) {
    throw invalidInput('lastUpdatedBefore cannot be provided together with createdAfter.');
  }
  if (!created && createdBefore !== undefined) {
    throw invalidInput('createdBefore cannot be provided together with lastUpdatedAfter.');
  }
  const window = created ? 'created' : 'lastUpdated';
  const after = createdAfter ?? lastUpdatedAfter ?? 0;
  const before = (created ? createdBefore : lastUpdatedBefore) ?? null;
  if (before !== null) {
    const name = `${window}Before`;
    if (before < after) throw invalidInput(`${name} must be equal to or after ${window}After.`);
    if (before > now - BEFORE_MIN_AGE_MS) {
      throw invalidInput(`${name} must be at least two minutes before the time of the request.`);
    }
  }
  return { window, after, before };
}

/** Validates a searchOrders query against the model's rules; throws 400 InvalidInput. */
export function parseSearchRequest(query: RawQuery, now: number, region: Region): SearchRequest {
  const marketplaceIds = modelQuery.list(query, 'marketplaceIds', { maxItems: 50 });
  if (marketplaceIds) checkMarketplaces('marketplaceIds', marketplaceIds, region);
  const statuses = modelQuery.enumList(query, 'fulfillmentStatuses', FULFILLMENT_STATUSES);
  const fulfilledBy = modelQuery.enumList(query, 'fulfilledBy', FULFILLED_BY);
  return {
    filters: {
      ...parseWindow(query, now),
      marketplaceIds: marketplaceIds ? [...marketplaceIds].sort() : null,
      statuses: statuses
        ? [...new Set(statuses.map((s) => FULFILLMENT_STATUS_MAP[s]))]
            .filter((s): s is OrderStatus => s !== null)
            .sort()
        : null,
      channels: fulfilledBy ? fulfilledBy.map((f) => FULFILLED_BY_MAP[f]).sort() : null,
    },
    maxResultsPerPage:
      modelQuery.integer(query, 'maxResultsPerPage', 1, 100) ?? MAX_RESULTS_DEFAULT,
    includedData: parseIncludedData(query),
    paginationToken: modelQuery.single(query, 'paginationToken'),
  };
}
