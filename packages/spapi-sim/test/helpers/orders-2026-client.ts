import { expect } from 'vitest';
import type { Order2026 } from '../../src/data/serialize-2026.types.js';
import { expectConforms } from './conformance-runner.js';
import { firstError, type Query, type SpapiReply } from './sim-client.js';
import type { SimHarness } from './sim-harness.js';

/** The model's `SearchOrdersResponse`, as the tests read it. */
export interface SearchBody {
  orders: Order2026[];
  pagination?: { nextToken?: string };
  createdBefore?: string;
  lastUpdatedBefore?: string;
}

export const SEARCH_ORDERS_PATH = '/orders/2026-01-01/orders';

/** searchOrders on the NA listener; `query` lists are sent as Amazon's csv. */
export async function searchOrders(
  h: SimHarness,
  token: string,
  query: Query,
): Promise<{ result: SpapiReply; body: SearchBody }> {
  const result = await h.request(SEARCH_ORDERS_PATH, token, { query });
  return { result, body: result.body as SearchBody };
}

/** Follows `pagination.nextToken` to the end; returns every page. */
export async function searchAllPages(
  h: SimHarness,
  token: string | (() => string),
  query: Query,
  between?: () => void,
): Promise<SearchBody[]> {
  const pages: SearchBody[] = [];
  let next: string | undefined;
  do {
    const { result, body } = await searchOrders(
      h,
      typeof token === 'string' ? token : token(),
      next === undefined ? query : { ...query, paginationToken: next },
    );
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expectConforms('orders20260101', 'searchOrders', result);
    pages.push(body);
    next = body.pagination?.nextToken;
    between?.();
  } while (next !== undefined && pages.length < 100);
  return pages;
}

export function expectInvalidInput(result: SpapiReply): void {
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  expectConforms('orders20260101', 'searchOrders', result);
  expect(firstError(result).code).toBe('InvalidInput');
}
