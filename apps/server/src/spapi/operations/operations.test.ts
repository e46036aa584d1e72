import { describe, expect, it } from 'vitest';
import { listOperations } from '@spapi/spapi-models';
import {
  isOperationName,
  OPERATION_NAMES,
  resolveOperation,
  SPAPI_OPERATIONS,
} from './operations.js';

describe('operations from the models', () => {
  it('every operation exists in its model, with the method and path the model gives', () => {
    for (const name of OPERATION_NAMES) {
      const op = resolveOperation(name);
      const model = listOperations(op.api).find((o) => o.operationId === op.operationId);
      expect(model, name).toBeDefined();
      expect(op.method).toBe(model?.method);
      expect(op.pathTemplate).toBe(model?.path);
      expect(name).toBe(`${op.api}.${op.operationId}`);
    }
    expect(resolveOperation('ordersV0.getOrderAddress')).toMatchObject({
      method: 'get',
      pathTemplate: '/orders/v0/orders/{orderId}/address',
    });
    expect(resolveOperation('tokens20210301.createRestrictedDataToken').method).toBe('post');
  });

  it("seeds usage plans from the models' tables (the values the brief quotes)", () => {
    const plan = (name: Parameters<typeof resolveOperation>[0]) => resolveOperation(name).plan;
    expect(plan('ordersV0.getOrders')).toEqual({ rate: 0.0167, burst: 20 });
    for (const name of [
      'getOrder',
      'getOrderAddress',
      'getOrderBuyerInfo',
      'getOrderItems',
      'getOrderItemsBuyerInfo',
    ]) {
      expect(plan(`ordersV0.${name}` as Parameters<typeof resolveOperation>[0])).toEqual({
        rate: 0.5,
        burst: 30,
      });
    }
    expect(plan('orders20260101.searchOrders')).toEqual({ rate: 0.0056, burst: 20 });
    expect(plan('orders20260101.getOrder')).toEqual({ rate: 0.5, burst: 30 });
    expect(plan('tokens20210301.createRestrictedDataToken')).toEqual({ rate: 1, burst: 10 });
  });

  it('only Orders v0 and report documents take an RDT', () => {
    const takesRdt = OPERATION_NAMES.filter((name) => SPAPI_OPERATIONS[name].takesRdt);
    expect(
      takesRdt.every(
        (name) => name.startsWith('ordersV0.') || name === 'reports20210630.getReportDocument',
      ),
    ).toBe(true);
    expect(isOperationName('ordersV0.getOrders')).toBe(true);
    expect(isOperationName('ordersV0.confirmShipment')).toBe(false);
  });
});
