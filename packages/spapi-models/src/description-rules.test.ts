import { describe, expect, it } from 'vitest';
import { descriptionRulesOf, possibleValuesRules } from './description-rules.js';
import { isIso8601 } from './description-checks.js';
import { loadModel, type ApiName } from './models.js';

function descriptionsOf(api: ApiName): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'description' && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(loadModel(api));
  return out;
}

const OPERATIONS: [ApiName, string][] = [
  ['ordersV0', 'getOrders'],
  ['orders20260101', 'searchOrders'],
  ['tokens20210301', 'createRestrictedDataToken'],
  ['reports20210630', 'createReport'],
];

describe('description rules', () => {
  it.each(OPERATIONS)('quotes %s %s verbatim from the vendored model', (api, operationId) => {
    const descriptions = descriptionsOf(api);
    const rules = descriptionRulesOf(api, operationId);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(
        descriptions.some((d) => d.includes(rule.quote)),
        rule.id,
      ).toBe(true);
    }
  });

  it('reads the enumerations that only getOrders’ descriptions list', () => {
    const rules = possibleValuesRules('ordersV0').filter((r) => r.operationId === 'getOrders');
    expect(rules.map((r) => r.id)).toEqual([
      'possible-values:OrderStatuses',
      'possible-values:FulfillmentChannels',
      'possible-values:PaymentMethods',
      'possible-values:EasyShipShipmentStatuses',
      'possible-values:ElectronicInvoiceStatuses',
    ]);
    const check = (name: string, value: string[]) =>
      rules
        .flatMap((r) => r.check({ params: { [name]: value }, body: undefined, now: new Date() }))
        .map((v) => v.at);
    expect(check('FulfillmentChannels', ['AFN', 'MFN'])).toEqual([]);
    expect(check('PaymentMethods', ['COD', 'CVS', 'Other', 'Card'])).toEqual([
      'query.PaymentMethods/3',
    ]);
    expect(check('OrderStatuses', ['PendingAvailability', 'InvoiceUnconfirmed'])).toEqual([]);
  });

  it('has no possible-values rules where the model has a real enum', () => {
    expect(possibleValuesRules('orders20260101')).toEqual([]);
    expect(possibleValuesRules('reports20210630')).toEqual([]);
  });

  it('reads ISO 8601 dates and date-times', () => {
    expect(
      ['2026-01-01', '2026-01-01T10:00Z', '2026-01-01T10:00:00.000+01:00'].map(isIso8601),
    ).toEqual([true, true, true]);
    expect(['2026-13-01', 'TEST_CASE_200', '01/02/2026'].map(isIso8601)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
