/**
 * The SP-API operations the product calls, named `<api>.<operationId>` after Amazon's models.
 * The table says which model an operation lives in and whether it takes a Restricted Data
 * Token; method, path template and default usage plan are read from the model itself
 * (`resolveOperation`), so they cannot drift from Amazon's definition. The type map gives each
 * operation its request and response types (transcribed from the same models).
 */
import { findOperation, usagePlanOf, type ApiName, type UsagePlan } from '@spapi/spapi-models';
import type {
  GetOrder2026Query,
  GetOrder2026Response,
  SearchOrdersQuery,
  SearchOrdersResponse,
} from './orders-2026.types.js';
import type {
  GetOrderAddressResponse,
  GetOrderBuyerInfoResponse,
  GetOrderItemsBuyerInfoResponse,
  GetOrderItemsResponse,
  GetOrderResponse,
  GetOrdersQuery,
  GetOrdersResponse,
  NextTokenQuery,
  OrderPath,
} from './orders-v0.types.js';
import type {
  CreateReportResponse,
  CreateReportSpecification,
  CreateRestrictedDataTokenRequest,
  CreateRestrictedDataTokenResponse,
  GetReportDocumentQuery,
  GetReportsQuery,
  GetReportsResponse,
  Report,
  ReportDocument,
} from './tokens-reports.types.js';

interface Operation<Request, Response> {
  readonly request: Request;
  readonly response: Response;
}

/** Request and response types per operation. */
export interface SpapiOperationTypes {
  'ordersV0.getOrders': Operation<{ query: GetOrdersQuery }, GetOrdersResponse>;
  'ordersV0.getOrder': Operation<{ path: OrderPath }, GetOrderResponse>;
  'ordersV0.getOrderBuyerInfo': Operation<{ path: OrderPath }, GetOrderBuyerInfoResponse>;
  'ordersV0.getOrderAddress': Operation<{ path: OrderPath }, GetOrderAddressResponse>;
  'ordersV0.getOrderItems': Operation<
    { path: OrderPath; query?: NextTokenQuery },
    GetOrderItemsResponse
  >;
  'ordersV0.getOrderItemsBuyerInfo': Operation<
    { path: OrderPath; query?: NextTokenQuery },
    GetOrderItemsBuyerInfoResponse
  >;
  'orders20260101.searchOrders': Operation<{ query: SearchOrdersQuery }, SearchOrdersResponse>;
  'orders20260101.getOrder': Operation<
    { path: OrderPath; query?: GetOrder2026Query },
    GetOrder2026Response
  >;
  'tokens20210301.createRestrictedDataToken': Operation<
    { body: CreateRestrictedDataTokenRequest },
    CreateRestrictedDataTokenResponse
  >;
  'reports20210630.createReport': Operation<
    { body: CreateReportSpecification },
    CreateReportResponse
  >;
  'reports20210630.getReports': Operation<{ query: GetReportsQuery }, GetReportsResponse>;
  'reports20210630.getReport': Operation<{ path: { reportId: string } }, Report>;
  'reports20210630.getReportDocument': Operation<
    { path: { reportDocumentId: string }; query?: GetReportDocumentQuery },
    ReportDocument
  >;
}

export type OperationName = keyof SpapiOperationTypes;
export type RequestOf<N extends OperationName> = SpapiOperationTypes[N]['request'];
export type ResponseOf<N extends OperationName> = SpapiOperationTypes[N]['response'];

export interface OperationSpec {
  readonly api: ApiName;
  readonly operationId: string;
  /** Accepts a Restricted Data Token in place of the LWA access token. */
  readonly takesRdt: boolean;
}

export const SPAPI_OPERATIONS = {
  'ordersV0.getOrders': { api: 'ordersV0', operationId: 'getOrders', takesRdt: true },
  'ordersV0.getOrder': { api: 'ordersV0', operationId: 'getOrder', takesRdt: true },
  'ordersV0.getOrderBuyerInfo': {
    api: 'ordersV0',
    operationId: 'getOrderBuyerInfo',
    takesRdt: true,
  },
  'ordersV0.getOrderAddress': { api: 'ordersV0', operationId: 'getOrderAddress', takesRdt: true },
  'ordersV0.getOrderItems': { api: 'ordersV0', operationId: 'getOrderItems', takesRdt: true },
  'ordersV0.getOrderItemsBuyerInfo': {
    api: 'ordersV0',
    operationId: 'getOrderItemsBuyerInfo',
    takesRdt: true,
  },
  'orders20260101.searchOrders': {
    api: 'orders20260101',
    operationId: 'searchOrders',
    takesRdt: false,
  },
  'orders20260101.getOrder': { api: 'orders20260101', operationId: 'getOrder', takesRdt: false },
  'tokens20210301.createRestrictedDataToken': {
    api: 'tokens20210301',
    operationId: 'createRestrictedDataToken',
    takesRdt: false,
  },
  'reports20210630.createReport': {
    api: 'reports20210630',
    operationId: 'createReport',
    takesRdt: false,
  },
  'reports20210630.getReports': {
    api: 'reports20210630',
    operationId: 'getReports',
    takesRdt: false,
  },
  'reports20210630.getReport': {
    api: 'reports20210630',
    operationId: 'getReport',
    takesRdt: false,
  },
  'reports20210630.getReportDocument': {
    api: 'reports20210630',
    operationId: 'getReportDocument',
    takesRdt: true,
  },
} as const satisfies Record<OperationName, OperationSpec>;

export const OPERATION_NAMES = Object.keys(SPAPI_OPERATIONS) as readonly OperationName[];

export function isOperationName(value: string): value is OperationName {
  return Object.hasOwn(SPAPI_OPERATIONS, value);
}

export interface ResolvedOperation extends OperationSpec {
  readonly name: OperationName;
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The model's template, e.g. `/orders/v0/orders/{orderId}/address`. */
  readonly pathTemplate: string;
  /** The default usage plan from the model's description table. */
  readonly plan: UsagePlan;
}

const resolved = new Map<OperationName, ResolvedOperation>();

/** Method, path template and usage plan of an operation, read from Amazon's model (cached). */
export function resolveOperation(name: OperationName): ResolvedOperation {
  const cached = resolved.get(name);
  if (cached) return cached;
  const spec: OperationSpec = SPAPI_OPERATIONS[name];
  const model = findOperation(spec.api, spec.operationId);
  const operation: ResolvedOperation = {
    ...spec,
    name,
    method: model.method,
    pathTemplate: model.path,
    plan: usagePlanOf(spec.api, spec.operationId),
  };
  resolved.set(name, operation);
  return operation;
}
