import { describe, expect, it } from 'vitest';
import { findOperation } from './operations.js';
import { createModelValidator } from './validator.js';

const validator = createModelValidator();

function exampleOf(api: 'ordersV0' | 'orders20260101', operationId: string): unknown {
  const examples = findOperation(api, operationId).operation.responses['200']?.examples;
  return structuredClone(examples?.['application/json']);
}

interface V0Orders {
  payload: { Orders: Record<string, unknown>[] };
}
interface V1Orders {
  orders: Record<string, unknown>[];
}

describe('validateResponse', () => {
  it('accepts the getOrders example and Amazon’s error shape', () => {
    expect(
      validator.validateResponse('ordersV0', 'getOrders', 200, exampleOf('ordersV0', 'getOrders'))
        .valid,
    ).toBe(true);
    const error = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota.' }] };
    expect(validator.validateResponse('ordersV0', 'getOrders', 429, error).valid).toBe(true);
    expect(
      validator.validateResponse('tokens20210301', 'createRestrictedDataToken', '403', error).valid,
    ).toBe(true);
  });

  it('rejects an unknown enum value, a missing required field and a wrong type, with paths', () => {
    const body = exampleOf('ordersV0', 'getOrders') as V0Orders;
    const order = body.payload.Orders[0]!;
    order.OrderStatus = 'Lost';
    delete order.AmazonOrderId;
    order.NumberOfItemsShipped = '0';
    const result = validator.validateResponse('ordersV0', 'getOrders', 200, body);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ at: 'response/payload/Orders/0/OrderStatus', rule: 'enum' }),
        expect.objectContaining({
          at: 'response/payload/Orders/0/AmazonOrderId',
          rule: 'required',
        }),
        expect.objectContaining({
          at: 'response/payload/Orders/0/NumberOfItemsShipped',
          rule: 'type',
        }),
      ]),
    );
    expect(result.errors.find((e) => e.rule === 'enum')?.message).toContain('"Pending"');
  });

  it('rejects an error body without a message and a non-object body', () => {
    const result = validator.validateResponse('ordersV0', 'getOrder', 404, {
      errors: [{ code: 'NotFound' }],
    });
    expect(result.errors).toEqual([
      {
        at: 'response/errors/0/message',
        rule: 'required',
        message: 'is required',
        source: 'model',
      },
    ]);
    expect(validator.validateResponse('ordersV0', 'getOrder', 200, 'ok').valid).toBe(false);
  });

  it('checks date-time strictly (RFC 3339) by default, ISO 8601 on request', () => {
    const body = exampleOf('orders20260101', 'searchOrders') as V1Orders;
    body.orders[0]!.createdTime = '2025-01-01T10:00';
    const strict = validator.validateResponse('orders20260101', 'searchOrders', 200, body);
    expect(strict.errors).toEqual([
      expect.objectContaining({ at: 'response/orders/0/createdTime', rule: 'format' }),
    ]);
    const lenient = createModelValidator({ dateTime: 'iso8601' });
    expect(lenient.validateResponse('orders20260101', 'searchOrders', 200, body).valid).toBe(true);
    body.orders[0]!.createdTime = 'yesterday';
    expect(lenient.validateResponse('orders20260101', 'searchOrders', 200, body).valid).toBe(false);
  });

  it('fails an undocumented status, naming the documented ones', () => {
    const result = validator.validateResponse('ordersV0', 'getOrders', 418, {});
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ at: 'status', rule: 'undocumented-status' });
    expect(result.errors[0]?.message).toContain('documented: 200, 400, 403, 404, 429, 500, 503');
    // getOrders documents no 401 (Reports does): a 401 from a v0 stand-in is non-conformant.
    expect(validator.validateResponse('ordersV0', 'getOrders', 401, { errors: [] }).valid).toBe(
      false,
    );
    expect(
      validator.validateResponse('reports20210630', 'getReports', 401, { errors: [] }).valid,
    ).toBe(true);
  });

  it('wants no body where the model documents none', () => {
    expect(validator.validateResponse('ordersV0', 'confirmShipment', 204, undefined).valid).toBe(
      true,
    );
    expect(
      validator.validateResponse('ordersV0', 'confirmShipment', 204, { ok: true }),
    ).toMatchObject({
      valid: false,
      errors: [{ rule: 'no-body' }],
    });
  });

  it('throws for an operation the model does not have', () => {
    expect(() => validator.validateResponse('ordersV0', 'searchOrders', 200, {})).toThrow(
      /not in model/,
    );
  });
});
