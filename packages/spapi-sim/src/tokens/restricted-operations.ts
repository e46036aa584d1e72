import { PII_ROLES, ROLES_FOR_DATA_ELEMENT, isPlaceholder } from '../core/restricted-data.js';

/**
 * The restricted operations the simulated Amazon serves, as the Tokens API use case guide lists
 * them: which paths an RDT resource may name, whether `dataElements` apply, and the roles an
 * application needs for each (the role table is in core/restricted-data.ts).
 */
export const RDT_METHODS = ['GET', 'PUT', 'POST', 'DELETE'] as const;
export type RdtMethod = (typeof RDT_METHODS)[number];

export interface RestrictedOperation {
  operationId: string;
  method: RdtMethod;
  /** Path template; a `{name}` segment is an identifier. */
  template: string;
  /** Whether a generic path (the literal `{name}` placeholder) may be requested. */
  allowsGenericPath: boolean;
  /** `dataElements` are meaningful (and allowed) only for these operations. */
  acceptsDataElements: boolean;
  /** Roles any one of which the application needs for the resource itself. */
  roles: readonly string[];
}

const ANY_PII_ROLE: readonly string[] = PII_ROLES;

export const RESTRICTED_OPERATIONS: readonly RestrictedOperation[] = [
  op('getOrders', '/orders/v0/orders', { acceptsDataElements: true }),
  op('getOrder', '/orders/v0/orders/{orderId}', { acceptsDataElements: true }),
  op('getOrderItems', '/orders/v0/orders/{orderId}/orderItems', { acceptsDataElements: true }),
  op('getOrderAddress', '/orders/v0/orders/{orderId}/address', {
    roles: ROLES_FOR_DATA_ELEMENT.shippingAddress,
  }),
  op('getOrderBuyerInfo', '/orders/v0/orders/{orderId}/buyerInfo', {
    roles: ROLES_FOR_DATA_ELEMENT.buyerInfo,
  }),
  op('getOrderItemsBuyerInfo', '/orders/v0/orders/{orderId}/orderItems/buyerInfo', {
    roles: ROLES_FOR_DATA_ELEMENT.buyerInfo,
  }),
  op('getOrderRegulatedInfo', '/orders/v0/orders/{orderId}/regulatedInfo', {
    roles: ROLES_FOR_DATA_ELEMENT.shippingAddress,
  }),
  // Amazon: "the specified restricted resource can contain only a specific path, not a generic path".
  op('getReportDocument', '/reports/2021-06-30/documents/{reportDocumentId}', {
    allowsGenericPath: false,
  }),
];

function op(
  operationId: string,
  template: string,
  options: Partial<
    Pick<RestrictedOperation, 'allowsGenericPath' | 'acceptsDataElements' | 'roles'>
  >,
): RestrictedOperation {
  return {
    operationId,
    method: 'GET',
    template,
    allowsGenericPath: options.allowsGenericPath ?? true,
    acceptsDataElements: options.acceptsDataElements ?? false,
    roles: options.roles ?? ANY_PII_ROLE,
  };
}

export interface PathMatch {
  operation: RestrictedOperation;
  /** The resource names a literal `{placeholder}` instead of an identifier. */
  generic: boolean;
}

/**
 * Which restricted operation a resource path names. Amazon accepts a path with one trailing
 * slash when the token is created (and then the token covers nothing: the call gets 403), so
 * the trailing slash is ignored here and kept in the stored resource.
 */
export function matchRestrictedOperation(method: string, path: string): PathMatch | undefined {
  if (!path.startsWith('/') || /[?#\s]/.test(path)) return undefined;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const got = trimmed.split('/');
  for (const operation of RESTRICTED_OPERATIONS) {
    if (operation.method !== method) continue;
    const want = operation.template.split('/');
    if (want.length !== got.length) continue;
    let generic = false;
    const matches = want.every((segment, i) => {
      const actual = got[i] ?? '';
      if (!isPlaceholder(segment)) return segment === actual;
      if (isPlaceholder(actual)) generic = true;
      return actual.length > 0;
    });
    if (matches) return { operation, generic };
  }
  return undefined;
}
