import { defineOperation, type OperationContext, type OperationResult } from '../core/operation.js';
import { toV0OrderItemsBuyerInfo, toV0OrderItemsList } from '../data/serialize-v0.js';
import { orderFromPath, refuseItemsNextToken } from './order-lookup.js';
import { grantedDataElement, holdsRestrictedDataToken } from './pii-access.js';

/** getOrderItems: item `BuyerInfo` (gift message) only with the `buyerInfo` data element. */
function getOrderItems(ctx: OperationContext): OperationResult {
  refuseItemsNextToken(ctx);
  const view = orderFromPath(ctx);
  const includeBuyerInfo = grantedDataElement(ctx.caller, 'buyerInfo');
  return { status: 200, body: { payload: toV0OrderItemsList(view, { includeBuyerInfo }) } };
}

/** getOrderItemsBuyerInfo: gift data with an RDT for the path, only the item ids without. */
function getOrderItemsBuyerInfo(ctx: OperationContext): OperationResult {
  refuseItemsNextToken(ctx);
  const view = orderFromPath(ctx);
  const includeRestricted = holdsRestrictedDataToken(ctx.caller);
  return { status: 200, body: { payload: toV0OrderItemsBuyerInfo(view, { includeRestricted }) } };
}

export const getOrderItemsOperation = defineOperation({
  operationId: 'getOrderItems',
  api: 'ordersV0',
  method: 'get',
  path: '/orders/v0/orders/:orderId/orderItems',
  restricted: true,
  handler: getOrderItems,
});

export const getOrderItemsBuyerInfoOperation = defineOperation({
  operationId: 'getOrderItemsBuyerInfo',
  api: 'ordersV0',
  method: 'get',
  path: '/orders/v0/orders/:orderId/orderItems/buyerInfo',
  restricted: true,
  handler: getOrderItemsBuyerInfo,
});
