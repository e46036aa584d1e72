import { describe, expect, it } from 'vitest';
import { queryFromSearchParams, createModelValidator } from '@spapi/spapi-models';
import { resolveOperation } from '../operations/operations.js';
import { buildRequest, encodeQuery, fillPath, joinUrl } from './spapi-request.js';

describe('request building', () => {
  it("percent-encodes NextToken's +, / and = and joins arrays with commas", () => {
    const token = 'ab+cd/ef==';
    expect(encodeQuery({ NextToken: token })).toBe('NextToken=ab%2Bcd%2Fef%3D%3D');
    expect(
      encodeQuery({ MarketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], MaxResultsPerPage: 10 }),
    ).toBe('MarketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&MaxResultsPerPage=10');
    expect(encodeQuery({ a: undefined, b: false, c: 'x y' })).toBe('b=false&c=x%20y');
    expect(new URLSearchParams(encodeQuery({ NextToken: token })).get('NextToken')).toBe(token);
  });

  it('fills path templates with encoded values and refuses missing ones', () => {
    expect(fillPath('/orders/v0/orders/{orderId}/address', { orderId: '902-1/2' })).toBe(
      '/orders/v0/orders/902-1%2F2/address',
    );
    expect(() => fillPath('/orders/v0/orders/{orderId}', {})).toThrow(
      'missing path parameter orderId',
    );
    expect(() => fillPath('/orders/v0/orders/{orderId}', { orderId: '' })).toThrow(TypeError);
    expect(() => encodeQuery({ nested: { a: 1 } })).toThrow(TypeError);
  });

  it('joins base URLs with one slash', () => {
    expect(joinUrl('https://sellingpartnerapi-na.amazon.com/', '/orders/v0/orders')).toBe(
      'https://sellingpartnerapi-na.amazon.com/orders/v0/orders',
    );
  });

  it('builds requests that the model accepts', () => {
    const oracle = createModelValidator();
    const getOrders = buildRequest(resolveOperation('ordersV0.getOrders'), {
      query: {
        MarketplaceIds: ['ATVPDKIKX0DER'],
        CreatedAfter: '2026-01-01T00:00:00Z',
        MaxResultsPerPage: 50,
      },
    });
    const query = queryFromSearchParams(new URL(`https://x${getOrders.target}`).searchParams);
    expect(oracle.validateRequest('ordersV0', 'getOrders', { query }).errors).toEqual([]);

    const search = buildRequest(resolveOperation('orders20260101.searchOrders'), {
      query: {
        createdAfter: '2026-01-01T00:00:00Z',
        marketplaceIds: ['ATVPDKIKX0DER'],
        includedData: ['BUYER', 'RECIPIENT'],
      },
    });
    const searchQuery = queryFromSearchParams(new URL(`https://x${search.target}`).searchParams);
    expect(
      oracle.validateRequest('orders20260101', 'searchOrders', { query: searchQuery }).errors,
    ).toEqual([]);

    const rdt = buildRequest(resolveOperation('tokens20210301.createRestrictedDataToken'), {
      body: {
        restrictedResources: [
          { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] },
        ],
      },
    });
    expect(rdt.target).toBe('/tokens/2021-03-01/restrictedDataToken');
    const body: unknown = JSON.parse(rdt.body ?? 'null');
    expect(
      oracle.validateRequest('tokens20210301', 'createRestrictedDataToken', { body }).errors,
    ).toEqual([]);
  });
});
