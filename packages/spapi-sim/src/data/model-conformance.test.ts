import { describe, expect, it } from 'vitest';
import { responseIssues, undeclaredProperties } from './model-conformance.testkit.js';

describe('model conformance checks (self-test)', () => {
  it('report schema violations', () => {
    const bad = {
      payload: {
        AmazonOrderId: '111-1111111-1111111',
        PurchaseDate: 'x',
        LastUpdateDate: 'x',
        OrderStatus: 'Bogus',
      },
    };
    expect(responseIssues('ordersV0', 'getOrder', bad).join('\n')).toContain('OrderStatus');
    expect(
      responseIssues('orders20260101', 'getOrder', { order: { orderId: 'x' } }).length,
    ).toBeGreaterThan(0);
  });

  it('report properties the model does not declare, at any depth', () => {
    const body = {
      payload: { AmazonOrderId: 'x', ShippingAddress: { City: 'Y', Zip: '1' }, Extra: 1 },
    };
    expect(undeclaredProperties('ordersV0', 'GetOrderResponse', body).sort()).toEqual([
      '/payload/Extra',
      '/payload/ShippingAddress/Zip',
    ]);
    const search = { orders: [{ orderItems: [{ product: { asin: 'B0', colour: 'red' } }] }] };
    expect(undeclaredProperties('orders20260101', 'SearchOrdersResponse', search)).toEqual([
      '/orders/0/orderItems/0/product/colour',
    ]);
  });
});
