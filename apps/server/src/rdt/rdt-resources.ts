/**
 * Which restricted resources an RDT is asked for, per purpose: the generic getOrders path for
 * bulk sync, one order's paths for a reveal, one report document. Pure functions: the resource
 * list, its cache key and the id-only form the audit trail keeps.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import type { FieldOf } from '../access/index.js';
import type { RdtDataElement, RestrictedResource } from '../spapi/index.js';

export const RdtPurpose = {
  /** A sync job configured to fetch PII: bulk getOrders through the generic path. */
  ORDER_SYNC: 'order-sync',
  /** A user with the reveal permission on the order's PII fields. */
  PII_REVEAL: 'pii-reveal',
  /** Download of a restricted report document. */
  REPORT_DOCUMENT: 'report-document',
} as const;
export type RdtPurpose = (typeof RdtPurpose)[keyof typeof RdtPurpose];

/** The generic getOrders path: one token (with the items path below) for every page of a bulk sync. */
export const ORDERS_V0_GENERIC_PATH = '/orders/v0/orders';
export const BULK_ORDER_DATA_ELEMENTS: readonly RdtDataElement[] = ['buyerInfo', 'shippingAddress'];

export type OrderPiiField = FieldOf<'Order'>;

/**
 * The data element that carries each Order PII field on Orders v0. The gift message comes with
 * the order items' buyer info, so it also needs the getOrderItems path.
 */
const ELEMENT_OF_FIELD: Readonly<Partial<Record<OrderPiiField, RdtDataElement>>> = {
  buyerName: 'buyerInfo',
  buyerEmail: 'buyerInfo',
  giftMessage: 'buyerInfo',
  buyerTaxInformation: 'buyerTaxInformation',
  recipientName: 'shippingAddress',
  shippingAddress: 'shippingAddress',
  phone: 'shippingAddress',
  postalCode: 'shippingAddress',
  deliveryInstructions: 'shippingAddress',
};

/** Amazon order ids (`113-1234567-7654321`) and the simulator's; one path segment, no slash. */
const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** Report document ids (`amzn1.spdoc.1.4.na.…`): one path segment. */
const DOCUMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

function badInput(field: string): AppError {
  return new AppError(ErrorCode.VALIDATION_FAILED, {
    message: 'invalid restricted resource',
    details: { fields: [field] },
  });
}

/**
 * The generic getOrderItems path (any order of the seller): the lines' gift messages, so that
 * the same bulk token serves the items calls of every page.
 */
export const ORDER_ITEMS_V0_GENERIC_PATH = '/orders/v0/orders/{orderId}/orderItems';

export function bulkOrdersResources(): RestrictedResource[] {
  return [
    { method: 'GET', path: ORDERS_V0_GENERIC_PATH, dataElements: [...BULK_ORDER_DATA_ELEMENTS] },
    { method: 'GET', path: ORDER_ITEMS_V0_GENERIC_PATH, dataElements: ['buyerInfo'] },
  ];
}

/** The data elements that `fields` need, in the model's order; throws for a non-PII field. */
export function dataElementsFor(fields: readonly OrderPiiField[]): RdtDataElement[] {
  const needed = new Set<RdtDataElement>();
  for (const field of fields) {
    const element = ELEMENT_OF_FIELD[field];
    if (element === undefined) throw badInput('fields');
    needed.add(element);
  }
  const order: readonly RdtDataElement[] = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'];
  return order.filter((element) => needed.has(element));
}

/** getOrder for one order with the needed elements (and getOrderItems for a gift message). */
export function orderRevealResources(
  orderId: string,
  fields: readonly OrderPiiField[],
): RestrictedResource[] {
  if (!ORDER_ID.test(orderId)) throw badInput('orderId');
  if (fields.length === 0) throw badInput('fields');
  const path = `${ORDERS_V0_GENERIC_PATH}/${orderId}`;
  const resources: RestrictedResource[] = [
    { method: 'GET', path, dataElements: dataElementsFor(fields) },
  ];
  if (fields.includes('giftMessage')) {
    resources.push({ method: 'GET', path: `${path}/orderItems`, dataElements: ['buyerInfo'] });
  }
  return resources;
}

/** getReportDocument needs the specific path: `/reports/2021-06-30/documents/{documentId}`. */
export function reportDocumentResources(documentId: string): RestrictedResource[] {
  if (!DOCUMENT_ID.test(documentId)) throw badInput('documentId');
  return [{ method: 'GET', path: `/reports/2021-06-30/documents/${documentId}` }];
}

/** One cache entry per (connection, resources with their elements). */
export function cacheKeyOf(connectionId: string, resources: readonly RestrictedResource[]): string {
  const parts = resources
    .map((r) => `${r.method} ${r.path} [${[...(r.dataElements ?? [])].sort().join(',')}]`)
    .sort();
  return `${connectionId}\n${parts.join('\n')}`;
}

/**
 * A path as the audit trail can hold it (ids only: no `/`, no braces): `GET:orders:v0:orders`,
 * `GET:orders:v0:orders:_orderId_:orderItems` (a generic path's placeholder),
 * `GET:reports:2021-06-30:documents:amzn1.spdoc.1.4.na.x`.
 */
export function auditPathOf(resource: RestrictedResource): string {
  const path = resource.path.replace(/^\//, '').replace(/\{([A-Za-z]+)\}/g, '_$1_');
  return `${resource.method}:${path.replaceAll('/', ':')}`;
}

export function auditDataElementsOf(resources: readonly RestrictedResource[]): string[] {
  return [...new Set(resources.flatMap((r) => r.dataElements ?? []))].sort();
}
