import type { OperationDef } from '../core/operation.js';
import { getOrdersOperation } from './get-orders.operation.js';
import {
  getOrderAddressOperation,
  getOrderBuyerInfoOperation,
  getOrderOperation,
} from './order.operations.js';
import {
  getOrderItemsBuyerInfoOperation,
  getOrderItemsOperation,
} from './order-items.operations.js';

/**
 * Orders v0. All six operations are restricted: they accept an RDT, and return PII only with
 * one (see pii-access.ts for what a plain access token gets).
 */
export const ordersV0Operations: OperationDef[] = [
  getOrdersOperation,
  getOrderOperation,
  getOrderBuyerInfoOperation,
  getOrderAddressOperation,
  getOrderItemsOperation,
  getOrderItemsBuyerInfoOperation,
];
