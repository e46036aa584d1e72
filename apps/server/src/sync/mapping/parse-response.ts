/**
 * Validates SP-API order response bodies before the sync reads them. The client types bodies
 * from the model at compile time only; these functions check them at run time and return what
 * the sync needs, dates in epoch ms.
 *
 * A body that does not match throws `AppError(SPAPI_ERROR)` naming the operation and, per
 * problem, the JSON path and the zod issue code. Never a received value: a malformed body can
 * be full of buyer PII. The zod error is not attached as a cause for the same reason.
 */
import { AppError, ErrorCode, type ErrorIssue } from '@spapi/shared';
import type { z } from 'zod';
import {
  GetOrderItemsBodySchema,
  GetOrdersBodySchema,
  type ParsedOrderItemV0,
  type ParsedOrderV0,
} from './orders-v0.schema.js';
import { SearchOrdersBodySchema, type ParsedOrder2026 } from './orders-2026.schema.js';

export interface OrdersPage<Order> {
  readonly orders: readonly Order[];
  readonly nextToken: string | null;
  /** The `…Before` bound Amazon used (epoch ms): where the next incremental sync starts. */
  readonly lastUpdatedBefore: number | null;
  readonly createdBefore: number | null;
}

export type GetOrdersPage = OrdersPage<ParsedOrderV0>;
export type SearchOrdersPage = OrdersPage<ParsedOrder2026>;

export interface OrderItemsPage {
  readonly amazonOrderId: string;
  readonly items: readonly ParsedOrderItemV0[];
  readonly nextToken: string | null;
}

/** Issues listed in the message; `details.issues` holds up to MAX_ISSUES. */
const ISSUES_IN_MESSAGE = 5;
const MAX_ISSUES = 50;

function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? '?' : String(key))).join('.'),
    code: issue.code,
  }));
}

/** The error for a body that does not match: operation, paths and codes only. */
export function malformedResponse(operation: string, error: z.ZodError): AppError {
  const issues = issuesOf(error);
  const listed = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map((issue) => `${issue.path === '' ? '(body)' : issue.path} (${issue.code})`)
    .join(', ');
  const more = error.issues.length > ISSUES_IN_MESSAGE ? ` and more` : '';
  return new AppError(ErrorCode.SPAPI_ERROR, {
    message: `${operation} answered a body that does not match the model: ${listed}${more}`,
    details: { issues, ids: { operation } },
  });
}

function parseWith<S extends z.ZodType>(operation: string, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw malformedResponse(operation, result.error);
  return result.data;
}

/** Orders v0 `getOrders`: the orders of one page, the next token and the bound used. */
export function parseGetOrders(body: unknown): GetOrdersPage {
  const { payload } = parseWith('getOrders', GetOrdersBodySchema, body);
  return {
    orders: payload.Orders,
    nextToken: payload.NextToken ?? null,
    lastUpdatedBefore: payload.LastUpdatedBefore ?? null,
    createdBefore: payload.CreatedBefore ?? null,
  };
}

/** Orders v0 `getOrderItems`: one page of one order's items. */
export function parseGetOrderItems(body: unknown): OrderItemsPage {
  const { payload } = parseWith('getOrderItems', GetOrderItemsBodySchema, body);
  return {
    amazonOrderId: payload.AmazonOrderId,
    items: payload.OrderItems,
    nextToken: payload.NextToken ?? null,
  };
}

/** Orders 2026-01-01 `searchOrders`: one page of orders, items inline. */
export function parseSearchOrders(body: unknown): SearchOrdersPage {
  const parsed = parseWith('searchOrders', SearchOrdersBodySchema, body);
  return {
    orders: parsed.orders,
    nextToken: parsed.pagination?.nextToken ?? null,
    lastUpdatedBefore: parsed.lastUpdatedBefore ?? null,
    createdBefore: parsed.createdBefore ?? null,
  };
}
