import { describe, expect, it } from 'vitest';
import { findCoveringResource, resourceCovers } from '../../src/core/restricted-data.js';
import { matchRestrictedOperation } from '../../src/tokens/restricted-operations.js';

describe('matchRestrictedOperation', () => {
  it.each([
    ['GET', '/orders/v0/orders', 'getOrders', false],
    ['GET', '/orders/v0/orders/', 'getOrders', false],
    ['GET', '/orders/v0/orders/{orderId}', 'getOrder', true],
    ['GET', '/orders/v0/orders/111-1234567-1234567', 'getOrder', false],
    ['GET', '/orders/v0/orders/{orderId}/orderItems', 'getOrderItems', true],
    ['GET', '/orders/v0/orders/{orderId}/orderItems/buyerInfo', 'getOrderItemsBuyerInfo', true],
    ['GET', '/orders/v0/orders/{orderId}/buyerInfo', 'getOrderBuyerInfo', true],
    ['GET', '/orders/v0/orders/{orderId}/address', 'getOrderAddress', true],
    ['GET', '/orders/v0/orders/{orderId}/regulatedInfo', 'getOrderRegulatedInfo', true],
    ['GET', '/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.x', 'getReportDocument', false],
  ])('%s %s is %s (generic: %s)', (method, path, operationId, generic) => {
    expect(matchRestrictedOperation(method, path)).toMatchObject({
      operation: { operationId },
      generic,
    });
  });

  it.each([
    ['POST', '/orders/v0/orders'],
    ['GET', 'getOrders'],
    ['GET', '/orders/v0/orders//address'],
    ['GET', '/orders/v0/orders/{orderId}/shipment'],
    ['GET', '/reports/2020-09-04/documents/amzn1.spdoc.1.4.na.x'],
    ['GET', '/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER'],
  ])('%s %s is not a restricted operation', (method, path) => {
    expect(matchRestrictedOperation(method, path)).toBeUndefined();
  });
});

describe('RDT coverage', () => {
  it('covers the exact path and generic placeholders, never a trailing-slash variant', () => {
    const generic = { method: 'GET', path: '/orders/v0/orders/{orderId}/address' };
    expect(resourceCovers(generic, 'GET', '/orders/v0/orders/111-1234567-1234567/address')).toBe(
      true,
    );
    expect(resourceCovers(generic, 'GET', '/orders/v0/orders/111-1234567-1234567/address/')).toBe(
      false,
    );
    expect(
      resourceCovers({ method: 'GET', path: '/orders/v0/orders/' }, 'GET', '/orders/v0/orders'),
    ).toBe(false);
    expect(
      resourceCovers({ method: 'GET', path: '/orders/v0/orders' }, 'POST', '/orders/v0/orders'),
    ).toBe(false);
    expect(
      findCoveringResource(
        [generic, { method: 'GET', path: '/orders/v0/orders' }],
        'GET',
        '/orders/v0/orders',
      )?.path,
    ).toBe('/orders/v0/orders');
  });
});

describe('several resources covering one request', () => {
  it('grant the union of their dataElements', () => {
    const covering = findCoveringResource(
      [
        { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] },
        { method: 'GET', path: '/orders/v0/orders/', dataElements: ['shippingAddress'] },
        {
          method: 'GET',
          path: '/orders/v0/orders',
          dataElements: ['buyerTaxInformation', 'buyerInfo'],
        },
      ],
      'GET',
      '/orders/v0/orders',
    );
    expect(covering?.dataElements).toEqual(['buyerInfo', 'buyerTaxInformation']);
  });
});
