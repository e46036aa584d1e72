import { beforeAll, describe, it } from 'vitest';
import {
  invalidInput,
  runCase,
  type CaseContext,
  type ConformanceCase,
} from '../helpers/conformance-runner.js';
import { DE, MINUTE_MS, US, daysBefore, iso, repeat, v0 } from '../helpers/conformance-requests.js';
import type { Query } from '../helpers/sim-client.js';
import { useSimHarness } from '../helpers/sim-harness.js';

interface Ctx extends CaseContext {
  now: number;
}

/** getOrders for the last three days in the US, plus `extra`. */
const recent =
  (extra: (ctx: Ctx) => Query = () => ({})) =>
  (ctx: Ctx) =>
    v0.getOrders({ MarketplaceIds: [US], CreatedAfter: daysBefore(ctx.now, 3), ...extra(ctx) });

/**
 * Requests getOrders must refuse with 400 InvalidInput. Where the third column names a rule,
 * Amazon's model (or its description text) forbids the request and the oracle must agree.
 */
const REFUSALS: ConformanceCase<Ctx>[] = [
  invalidInput(
    'MarketplaceIds missing',
    ({ now }) => v0.getOrders({ CreatedAfter: daysBefore(now, 3) }),
    'required',
  ),
  invalidInput(
    'more than 50 MarketplaceIds',
    recent(() => ({ MarketplaceIds: repeat(US, 51) })),
    'maxItems',
  ),
  invalidInput(
    'more than 50 AmazonOrderIds',
    recent(() => ({
      AmazonOrderIds: Array.from({ length: 51 }, (_, i) => `111-0000000-00000${10 + i}`),
    })),
    'maxItems',
  ),
  invalidInput(
    'neither CreatedAfter nor LastUpdatedAfter',
    () => v0.getOrders({ MarketplaceIds: [US] }),
    'created-or-updated-after',
  ),
  invalidInput(
    'CreatedAfter together with LastUpdatedAfter',
    recent(({ now }) => ({ LastUpdatedAfter: daysBefore(now, 3) })),
    'created-excludes-updated',
  ),
  invalidInput(
    'LastUpdatedAfter together with CreatedBefore',
    ({ now }) =>
      v0.getOrders({
        MarketplaceIds: [US],
        LastUpdatedAfter: daysBefore(now, 3),
        CreatedBefore: daysBefore(now, 1),
      }),
    'updated-excludes-created',
  ),
  invalidInput(
    'CreatedBefore less than two minutes ago',
    recent(({ now }) => ({ CreatedBefore: iso(now - MINUTE_MS) })),
    'created-before-window',
  ),
  invalidInput(
    'LastUpdatedBefore earlier than LastUpdatedAfter',
    ({ now }) =>
      v0.getOrders({
        MarketplaceIds: [US],
        LastUpdatedAfter: daysBefore(now, 3),
        LastUpdatedBefore: daysBefore(now, 4),
      }),
    'last-updated-before-window',
  ),
  invalidInput(
    'CreatedAfter not ISO 8601',
    () => v0.getOrders({ MarketplaceIds: [US], CreatedAfter: 'yesterday' }),
    'iso8601-dates',
  ),
  invalidInput(
    'MaxResultsPerPage above 100',
    recent(() => ({ MaxResultsPerPage: 101 })),
    'max-results-per-page',
  ),
  invalidInput(
    'MaxResultsPerPage of 0',
    recent(() => ({ MaxResultsPerPage: 0 })),
    'max-results-per-page',
  ),
  invalidInput(
    'MaxResultsPerPage not an integer',
    recent(() => ({ MaxResultsPerPage: 'ten' })),
    'type',
  ),
  invalidInput(
    'IsISPU not a boolean',
    recent(() => ({ IsISPU: 'maybe' })),
    'type',
  ),
  invalidInput(
    'OrderStatuses outside the listed values',
    recent(() => ({ OrderStatuses: ['Bogus'] })),
    'possible-values:OrderStatuses',
  ),
  invalidInput(
    'FulfillmentChannels outside the listed values',
    recent(() => ({ FulfillmentChannels: ['FBA'] })),
    'possible-values:FulfillmentChannels',
  ),
  invalidInput(
    'PaymentMethods outside the listed values',
    recent(() => ({ PaymentMethods: ['Cash'] })),
    'possible-values:PaymentMethods',
  ),
  invalidInput(
    'EasyShipShipmentStatuses outside the listed values',
    recent(() => ({ EasyShipShipmentStatuses: ['Shipped'] })),
    'possible-values:EasyShipShipmentStatuses',
  ),
  invalidInput(
    'ElectronicInvoiceStatuses outside the listed values',
    recent(() => ({ ElectronicInvoiceStatuses: ['Pending'] })),
    'possible-values:ElectronicInvoiceStatuses',
  ),
  invalidInput(
    'SellerOrderId with OrderStatuses',
    recent(() => ({ SellerOrderId: 'S-1', OrderStatuses: ['Unshipped'] })),
    'seller-order-id-alone',
  ),
  invalidInput(
    'a marketplace of another region',
    recent(() => ({ MarketplaceIds: [DE] })),
  ),
  invalidInput(
    'a NextToken the simulator never issued',
    recent(() => ({ NextToken: 'not-a-token' })),
  ),
];

describe('Orders v0 getOrders refuses what the model forbids', () => {
  const ctx = { h: useSimHarness() } as Ctx;
  beforeAll(() => {
    ctx.now = ctx.h.now();
  });

  it.each(REFUSALS)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });
});
