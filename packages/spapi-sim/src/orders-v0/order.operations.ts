import { defineOperation, type OperationContext, type OperationResult } from '../core/operation.js';
import { toV0Order, toV0OrderAddress, toV0OrderBuyerInfo } from '../data/serialize-v0.js';
import { orderFromPath } from './order-lookup.js';
import { grantedDataElement, holdsRestrictedDataToken } from './pii-access.js';

/** getOrder: PII only for the dataElements of the covering RDT resource. */
function getOrder(ctx: OperationContext): OperationResult {
  const view = orderFromPath(ctx);
  const payload = toV0Order(view, {
    includeBuyerInfo: grantedDataElement(ctx.caller, 'buyerInfo'),
    includeShippingAddress: grantedDataElement(ctx.caller, 'shippingAddress'),
  });
  return { status: 200, body: { payload } };
}

/** getOrderAddress: the full address with an RDT for the path, the partial one without. */
function getOrderAddress(ctx: OperationContext): OperationResult {
  const view = orderFromPath(ctx);
  const includeRestricted = holdsRestrictedDataToken(ctx.caller);
  return { status: 200, body: { payload: toV0OrderAddress(view, { includeRestricted }) } };
}

/** getOrderBuyerInfo: buyer data with an RDT for the path, only AmazonOrderId without. */
function getOrderBuyerInfo(ctx: OperationContext): OperationResult {
  const view = orderFromPath(ctx);
  const includeRestricted = holdsRestrictedDataToken(ctx.caller);
  return { status: 200, body: { payload: toV0OrderBuyerInfo(view, { includeRestricted }) } };
}

export const getOrderOperation = defineOperation({
  operationId: 'getOrder',
  api: 'ordersV0',
  method: 'get',
  path: '/orders/v0/orders/:orderId',
  restricted: true,
  handler: getOrder,
});

export const getOrderBuyerInfoOperation = defineOperation({
  operationId: 'getOrderBuyerInfo',
  api: 'ordersV0',
  method: 'get',
  path: '/orders/v0/orders/:orderId/buyerInfo',
  restricted: true,
  handler: getOrderBuyerInfo,
});

export const getOrderAddressOperation = defineOperation({
  operationId: 'getOrderAddress',
  api: 'ordersV0',
  method: 'get',
  path: '/orders/v0/orders/:orderId/address',
  restricted: true,
  handler: getOrderAddress,
});
