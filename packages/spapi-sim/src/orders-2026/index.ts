import { defineOperation, type OperationDef } from '../core/operation.js';
import { getOrder } from './get-order.js';
import { searchOrders } from './search-orders.js';

/**
 * Orders API 2026-01-01. Neither operation is restricted: PII comes with the application's
 * roles and `includedData`, never with a Restricted Data Token (an RDT sent here is refused
 * with 403, as it covers no path of this API).
 */
export const orders2026Operations: OperationDef[] = [
  defineOperation({
    operationId: 'searchOrders',
    api: 'orders20260101',
    method: 'get',
    path: '/orders/2026-01-01/orders',
    restricted: false,
    handler: searchOrders,
  }),
  defineOperation({
    operationId: 'getOrder',
    api: 'orders20260101',
    method: 'get',
    path: '/orders/2026-01-01/orders/:orderId',
    restricted: false,
    handler: getOrder,
  }),
];
