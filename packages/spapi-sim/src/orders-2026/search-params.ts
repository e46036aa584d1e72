import { invalidInput } from '../core/errors.js';
import type { Region } from '../core/regions.js';
import type { OrderStatus } from '../data/order.types.js';
import {
  checkMarketplaces,
  queryEnumList,
  queryInstant,
  queryInteger,
  queryList,
  queryString,
  type Query,
} from './query-params.js';

/** Values of the model's `includedData` enum (searchOrders and getOrder). */
export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type IncludedData = (typeof INCLUDED_DATA)[number];

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
/** `…Before` must be at least two minutes before the time of the request. */
export const BEFORE_MIN_AGE_MS = 2 * 60 * 1000;

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

export function parseIncludedData(query: Query): Set<IncludedData> {
  return new Set(queryEnumList(query, 'includedData', INCLUDED_DATA) ?? []);
}

function parseWindow(
  query: Query,
  now: number,
): Pick<SearchFilters, 'window' | 'after' | 'before'> {
  const createdAfter = queryInstant(query, 'createdAfter');
  const createdBefore = queryInstant(query, 'createdBefore');
  const lastUpdatedAfter = queryInstant(query, 'lastUpdatedAfter');
  const lastUpdatedBefore = queryInstant(query, 'lastUpdatedBefore');
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
export function parseSearchRequest(query: Query, now: number, region: Region): SearchRequest {
  const marketplaceIds = queryList(query, 'marketplaceIds', { maxItems: 50 });
  if (marketplaceIds) checkMarketplaces('marketplaceIds', marketplaceIds, region);
  const statuses = queryEnumList(query, 'fulfillmentStatuses', FULFILLMENT_STATUSES);
  const fulfilledBy = queryEnumList(query, 'fulfilledBy', FULFILLED_BY);
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
    maxResultsPerPage: queryInteger(query, 'maxResultsPerPage', 1, 100) ?? MAX_RESULTS_DEFAULT,
    includedData: parseIncludedData(query),
    paginationToken: queryString(query, 'paginationToken'),
  };
}
