import { createModelValidator } from '@spapi/spapi-models';
import { expect } from 'vitest';
import type { Order2026 } from '../../src/data/serialize-2026.types.js';
import { call, type CallResult } from './orders-2026-harness.js';

/** The model's `SearchOrdersResponse`, as the tests read it. */
export interface SearchBody {
  orders: Order2026[];
  pagination?: { nextToken?: string };
  createdBefore?: string;
  lastUpdatedBefore?: string;
}

export interface ErrorBody {
  errors: { code: string; message: string; details?: string }[];
}

export const model = createModelValidator({ descriptionRules: true });

/** Asserts the body is what the model documents for this operation and status. */
export function expectConforms(
  api: 'orders20260101' | 'reports20210630',
  operationId: string,
  result: CallResult,
): void {
  const verdict = model.validateResponse(api, operationId, result.status, result.body);
  expect(verdict.errors, JSON.stringify(verdict.errors)).toEqual([]);
}

export async function searchOrders(
  base: string,
  token: string,
  query: Record<string, string | string[]>,
): Promise<{ result: CallResult; body: SearchBody }> {
  const result = await call(base, '/orders/2026-01-01/orders', token, { query });
  return { result, body: result.body as SearchBody };
}

/** Follows `pagination.nextToken` to the end; returns every page. */
export async function searchAllPages(
  base: string,
  token: string | (() => string),
  query: Record<string, string | string[]>,
  between?: () => void,
): Promise<SearchBody[]> {
  const pages: SearchBody[] = [];
  let next: string | undefined;
  do {
    const { result, body } = await searchOrders(
      base,
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

export function expectInvalidInput(result: CallResult): void {
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  expectConforms('orders20260101', 'searchOrders', result);
  const { errors } = result.body as ErrorBody;
  expect(errors[0]?.code).toBe('InvalidInput');
}
