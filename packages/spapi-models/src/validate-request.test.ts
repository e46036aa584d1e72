import { describe, expect, it } from 'vitest';
import { parameterLimitsOf, queryFromSearchParams } from './parameters.js';
import { createModelValidator, type RequestParts } from './validator.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const model = createModelValidator();
const described = createModelValidator({ descriptionRules: true, now: () => NOW });

const rulesOf = (result: { errors: { at: string; rule: string }[] }): string[] =>
  result.errors.map((e) => `${e.at} ${e.rule}`);

describe('getOrders (Orders v0)', () => {
  const check = (query: RequestParts['query'], validator = model) =>
    validator.validateRequest('ordersV0', 'getOrders', { query });

  it('accepts csv strings, repeated keys and typed values', () => {
    const csv = queryFromSearchParams(
      new URLSearchParams(
        'CreatedAfter=2026-01-01T00:00:00Z&MarketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&MaxResultsPerPage=100&IsISPU=false',
      ),
    );
    expect(check(csv)).toEqual({ valid: true, errors: [] });
    const repeated = queryFromSearchParams(
      new URLSearchParams('CreatedAfter=x&MarketplaceIds=A&MarketplaceIds=B'),
    );
    expect(repeated.MarketplaceIds).toEqual(['A', 'B']);
    expect(check(repeated).valid).toBe(true);
    expect(
      check({ CreatedAfter: 'x', MarketplaceIds: ['A'], MaxResultsPerPage: 20, IsISPU: true })
        .valid,
    ).toBe(true);
  });

  it('rejects what the model states: required, maxItems, types, one value per scalar', () => {
    expect(rulesOf(check({ CreatedAfter: '2026-01-01T00:00:00Z' }))).toEqual([
      'query.MarketplaceIds required',
    ]);
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `M${i}`).join(',');
    expect(rulesOf(check({ MarketplaceIds: fiftyOne }))).toEqual(['query.MarketplaceIds maxItems']);
    expect(rulesOf(check({ MarketplaceIds: 'A', AmazonOrderIds: fiftyOne }))).toEqual([
      'query.AmazonOrderIds maxItems',
    ]);
    const result = check({
      MarketplaceIds: 'A',
      MaxResultsPerPage: '10.5',
      IsISPU: 'yes',
      CreatedAfter: ['a', 'b'],
    });
    expect(result.errors).toEqual([
      {
        at: 'query.CreatedAfter',
        rule: 'type',
        message: 'expected one value, got 2',
        source: 'model',
      },
      {
        at: 'query.MaxResultsPerPage',
        rule: 'type',
        message: 'expected an integer, got "10.5"',
        source: 'model',
      },
      {
        at: 'query.IsISPU',
        rule: 'type',
        message: 'expected true or false, got "yes"',
        source: 'model',
      },
    ]);
  });

  it('names parameters the model does not have, with a hint for a casing mix-up', () => {
    const result = check({ MarketplaceIds: 'A', marketplaceIds: 'A', foo: '1' });
    expect(result.errors.map((e) => e.message)).toEqual([
      'is not a query parameter of ordersV0.getOrders (did you mean MarketplaceIds?)',
      'is not a query parameter of ordersV0.getOrders',
    ]);
    const lenient = createModelValidator({ unknownParameters: 'ignore' });
    expect(
      lenient.validateRequest('ordersV0', 'getOrders', { query: { MarketplaceIds: 'A', foo: '1' } })
        .valid,
    ).toBe(true);
  });

  it('has no model maximum for MaxResultsPerPage: 101 fails only the description rule', () => {
    expect(
      parameterLimitsOf('ordersV0', 'getOrders').filter((l) => l.parameter === 'MaxResultsPerPage'),
    ).toEqual([]);
    const query = {
      CreatedAfter: '2026-01-01T00:00:00Z',
      MarketplaceIds: 'A',
      MaxResultsPerPage: '101',
    };
    expect(check(query).valid).toBe(true);
    expect(check(query, described).errors).toEqual([
      {
        at: 'query.MaxResultsPerPage',
        rule: 'max-results-per-page',
        message: 'must be between 1 and 100',
        source: 'description',
      },
    ]);
  });

  it('applies the description-only rules on dates and filters', () => {
    const base = { MarketplaceIds: 'A' };
    expect(rulesOf(check(base, described))).toEqual([
      'query.CreatedAfter created-or-updated-after',
    ]);
    expect(
      rulesOf(
        check({ ...base, CreatedAfter: '2026-01-01', LastUpdatedAfter: '2026-01-01' }, described),
      ),
    ).toEqual([
      'query.CreatedAfter created-or-updated-after',
      'query.LastUpdatedAfter created-excludes-updated',
      'query.CreatedAfter updated-excludes-created',
    ]);
    const oneMinuteAgo = new Date(NOW.getTime() - 60_000).toISOString();
    expect(
      rulesOf(
        check(
          { ...base, CreatedAfter: '2026-01-01T00:00:00Z', CreatedBefore: oneMinuteAgo },
          described,
        ),
      ),
    ).toEqual(['query.CreatedBefore created-before-window']);
    expect(
      rulesOf(
        check({ ...base, CreatedAfter: '2026-02-01', CreatedBefore: '2026-01-01' }, described),
      ),
    ).toEqual(['query.CreatedBefore created-before-window']);
    expect(
      rulesOf(
        check(
          { ...base, CreatedAfter: '2026-01-01', OrderStatuses: 'Unshipped,Shipped,Lost' },
          described,
        ),
      ),
    ).toEqual(['query.OrderStatuses/2 possible-values:OrderStatuses']);
    expect(
      rulesOf(
        check(
          { ...base, CreatedAfter: '2026-01-01', SellerOrderId: 'S1', BuyerEmail: 'b@example.com' },
          described,
        ),
      ),
    ).toEqual(['query.BuyerEmail seller-order-id-alone']);
    // Amazon's own sandbox case: accepted by the model, not by the description (ISO 8601).
    expect(check({ ...base, CreatedAfter: 'TEST_CASE_200' }).valid).toBe(true);
    expect(rulesOf(check({ ...base, CreatedAfter: 'TEST_CASE_200' }, described))).toEqual([
      'query.CreatedAfter iso8601-dates',
    ]);
  });
});

describe('searchOrders (Orders 2026-01-01)', () => {
  const check = (query: RequestParts['query'], validator = model) =>
    validator.validateRequest('orders20260101', 'searchOrders', { query });

  it('accepts a request with includedData', () => {
    const query = {
      createdAfter: '2026-01-01T00:00:00Z',
      marketplaceIds: 'ATVPDKIKX0DER',
      includedData: 'BUYER,RECIPIENT',
      maxResultsPerPage: '50',
    };
    expect(check(query, described)).toEqual({ valid: true, errors: [] });
  });

  it('rejects a non-RFC 3339 date, an unknown includedData value and v0 names', () => {
    const result = check({
      createdAfter: 'TEST_CASE_400',
      includedData: ['BUYER', 'BUYERS'],
      MaxResultsPerPage: '5',
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ at: 'query.createdAfter', rule: 'format' }),
      expect.objectContaining({ at: 'query.includedData/1', rule: 'enum' }),
      expect.objectContaining({ at: 'query.MaxResultsPerPage', rule: 'unknown-parameter' }),
    ]);
    expect(result.errors[1]?.message).toContain('"RECIPIENT"');
  });

  it('leaves maxResultsPerPage 1..100 and createdAfter xor lastUpdatedAfter to the description', () => {
    expect(check({ maxResultsPerPage: '0' }).valid).toBe(true);
    expect(rulesOf(check({ maxResultsPerPage: '0' }, described))).toEqual([
      'query.createdAfter created-or-updated-after',
      'query.maxResultsPerPage max-results-per-page',
    ]);
  });
});

describe('createRestrictedDataToken (Tokens 2021-03-01)', () => {
  const check = (body: unknown, validator = model) =>
    validator.validateRequest('tokens20210301', 'createRestrictedDataToken', { body });
  const resource = {
    method: 'GET',
    path: '/orders/v0/orders',
    dataElements: ['buyerInfo', 'shippingAddress'],
  };

  it('accepts a bulk getOrders RDT request', () => {
    expect(check({ restrictedResources: [resource] }, described)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('rejects a missing body, missing resources, an unknown method and a missing path', () => {
    expect(rulesOf(check(undefined))).toEqual(['body required']);
    expect(rulesOf(check({}))).toEqual(['body/restrictedResources required']);
    expect(rulesOf(check({ restrictedResources: [{ method: 'PATCH' }] }))).toEqual([
      'body/restrictedResources/0/path required',
      'body/restrictedResources/0/method enum',
    ]);
  });

  it('leaves the 50-resource maximum and the dataElements values to the description', () => {
    const many = { restrictedResources: Array.from({ length: 51 }, () => resource) };
    expect(check(many).valid).toBe(true);
    expect(rulesOf(check(many, described))).toEqual([
      'body/restrictedResources max-restricted-resources',
    ]);
    const typo = { restrictedResources: [{ ...resource, dataElements: ['buyerinfo'] }] };
    expect(rulesOf(check(typo, described))).toEqual([
      'body/restrictedResources/0/dataElements/0 data-elements',
    ]);
  });
});

describe('createReport (Reports 2021-06-30)', () => {
  const check = (body: unknown, validator = model) =>
    validator.validateRequest('reports20210630', 'createReport', { body });
  const spec = {
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    marketplaceIds: ['ATVPDKIKX0DER'],
    dataStartTime: '2026-02-01T00:00:00Z',
  };

  it('accepts a report specification', () => {
    expect(check(spec, described)).toEqual({ valid: true, errors: [] });
  });

  it('rejects what the model states: marketplaceIds 1..25, date-time, string report options', () => {
    expect(rulesOf(check({ ...spec, marketplaceIds: [] }))).toEqual([
      'body/marketplaceIds minItems',
    ]);
    const many = Array.from({ length: 26 }, (_, i) => `M${i}`);
    expect(rulesOf(check({ ...spec, marketplaceIds: many }))).toEqual([
      'body/marketplaceIds maxItems',
    ]);
    expect(rulesOf(check({ ...spec, dataStartTime: '2026-02-01' }))).toEqual([
      'body/dataStartTime format',
    ]);
    expect(rulesOf(check({ ...spec, reportOptions: { days: 3 } }))).toEqual([
      'body/reportOptions/days type',
    ]);
  });

  it('rejects a future dataStartTime only by the description', () => {
    const future = { ...spec, dataStartTime: '2026-03-02T00:00:00Z' };
    expect(check(future).valid).toBe(true);
    expect(rulesOf(check(future, described))).toEqual(['body/dataStartTime data-time-not-future']);
  });

  it('applies model bounds on query parameters (getReports pageSize 1..100)', () => {
    expect(parameterLimitsOf('reports20210630', 'getReports')).toContainEqual({
      parameter: 'pageSize',
      in: 'query',
      keyword: 'maximum',
      value: 100,
    });
    const result = model.validateRequest('reports20210630', 'getReports', {
      query: { pageSize: '101' },
    });
    expect(result.errors).toEqual([
      { at: 'query.pageSize', rule: 'maximum', message: 'must be <= 100', source: 'model' },
    ]);
  });
});

describe('path parameters and bodies', () => {
  it('requires path parameters and refuses a body where the model takes none', () => {
    expect(rulesOf(model.validateRequest('ordersV0', 'getOrder', {}))).toEqual([
      'path.orderId required',
    ]);
    expect(
      rulesOf(
        model.validateRequest('ordersV0', 'getOrder', { path: { orderId: '1' }, body: { a: 1 } }),
      ),
    ).toEqual(['body no-body']);
    expect(
      model.validateRequest('ordersV0', 'getOrder', { path: { orderId: '902-3159896-1390916' } })
        .valid,
    ).toBe(true);
  });
});
