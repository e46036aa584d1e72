// Rules that Amazon's models state only in prose (`description`), not as schema keywords.
// Amazon enforces them in production (they are the usual causes of 400 InvalidInput), but a
// schema-driven validator cannot see them. Each rule quotes the model text it comes from; a
// test checks every quote is still in the vendored model, so a model update that changes
// the rule shows up. The static sandbox does not enforce them: its own getOrders cases send
// `CreatedAfter=TEST_CASE_200`, which is no ISO 8601 date.
import * as check from './description-checks.js';
import type { Check } from './description-checks.js';
import type { ApiName } from './models.js';
import { listOperations } from './operations.js';

export type { DescribedRequest, Violation } from './description-checks.js';

export interface DescriptionRule {
  api: ApiName;
  operationId: string;
  id: string;
  /** Verbatim text of the model that states the rule. */
  quote: string;
  check: Check;
}

type Entry = [id: string, quote: string, check: Check];

const GET_ORDERS_DATES = [
  'CreatedAfter',
  'CreatedBefore',
  'LastUpdatedAfter',
  'LastUpdatedBefore',
  'EarliestDeliveryDateBefore',
  'EarliestDeliveryDateAfter',
  'LatestDeliveryDateBefore',
  'LatestDeliveryDateAfter',
];

const HAND_WRITTEN: Partial<Record<ApiName, Record<string, Entry[]>>> = {
  ordersV0: {
    getOrders: [
      [
        'created-or-updated-after',
        'Either the `CreatedAfter` parameter or the `LastUpdatedAfter` parameter is required. Both cannot be empty.',
        check.exactlyOne('CreatedAfter', 'LastUpdatedAfter'),
      ],
      [
        'created-excludes-updated',
        '`LastUpdatedAfter` and `LastUpdatedBefore` cannot be set when `CreatedAfter` is set.',
        check.notTogether(['CreatedAfter'], ['LastUpdatedAfter', 'LastUpdatedBefore']),
      ],
      [
        'updated-excludes-created',
        '`CreatedAfter` or `CreatedBefore` cannot be set when `LastUpdatedAfter` is set.',
        check.notTogether(['LastUpdatedAfter'], ['CreatedAfter', 'CreatedBefore']),
      ],
      [
        'created-before-window',
        'If specified, `CreatedBefore` must be equal to or after the `CreatedAfter` date and at least two minutes before current time.',
        check.beforeWindow('CreatedBefore', 'CreatedAfter'),
      ],
      [
        'last-updated-before-window',
        'But if specified, `LastUpdatedBefore` must be equal to or after the `LastUpdatedAfter` date and at least two minutes before current time.',
        check.beforeWindow('LastUpdatedBefore', 'LastUpdatedAfter'),
      ],
      [
        'iso8601-dates',
        'The date must be in [ISO 8601](https://developer-docs.amazon.com/sp-api/docs/iso-8601) format.',
        check.iso8601(GET_ORDERS_DATES),
      ],
      [
        'max-results-per-page',
        'Value must be 1 - 100.',
        check.between('MaxResultsPerPage', 1, 100),
      ],
      [
        // The description names `PaymentMethod`; the parameter is `PaymentMethods`.
        'seller-order-id-alone',
        'If `SellerOrderId` is specified, then `FulfillmentChannels`, `OrderStatuses`, `PaymentMethod`, `LastUpdatedAfter`, `LastUpdatedBefore`, and `BuyerEmail` cannot be specified.',
        check.notTogether(
          ['SellerOrderId'],
          [
            'FulfillmentChannels',
            'OrderStatuses',
            'PaymentMethods',
            'LastUpdatedAfter',
            'LastUpdatedBefore',
            'BuyerEmail',
          ],
        ),
      ],
    ],
  },
  orders20260101: {
    searchOrders: [
      [
        'created-or-updated-after',
        'You must provide exactly one of `createdAfter` and `lastUpdatedAfter` in your request.',
        check.exactlyOne('createdAfter', 'lastUpdatedAfter'),
      ],
      [
        'created-excludes-updated',
        'If `createdBefore` is provided, neither `lastUpdatedAfter` nor `lastUpdatedBefore` may be provided.',
        check.notTogether(
          ['createdAfter', 'createdBefore'],
          ['lastUpdatedAfter', 'lastUpdatedBefore'],
        ),
      ],
      [
        'created-before-window',
        'if provided must be equal to or after the `createdAfter` date and at least two minutes before the time of the request.',
        check.beforeWindow('createdBefore', 'createdAfter'),
      ],
      [
        'last-updated-before-window',
        'if provided must be equal to or after the `lastUpdatedAfter` date and at least two minutes before the time of the request.',
        check.beforeWindow('lastUpdatedBefore', 'lastUpdatedAfter'),
      ],
      [
        'max-results-per-page',
        'The value must be between 1 and 100.',
        check.between('maxResultsPerPage', 1, 100),
      ],
    ],
  },
  tokens20210301: {
    createRestrictedDataToken: [
      [
        'max-restricted-resources',
        'A list of restricted resources.\nMaximum: 50',
        check.maxRestrictedResources(50),
      ],
      [
        // "include" reads as open-ended; these three are the ones Amazon documents.
        'data-elements',
        'Possible values include:\n- **buyerInfo**.',
        check.dataElementsOneOf(['buyerInfo', 'shippingAddress', 'buyerTaxInformation']),
      ],
    ],
  },
  reports20210630: {
    createReport: [
      [
        'data-time-not-future',
        'The value must be prior to or equal to the current date and time.',
        check.notInFuture(['dataStartTime', 'dataEndTime']),
      ],
    ],
  },
};

/**
 * Enumerations that only a parameter's description lists: `**Possible values**` followed by
 * `` `Value` (meaning) `` entries (getOrders' OrderStatuses, FulfillmentChannels, ...).
 */
export function possibleValuesRules(api: ApiName): DescriptionRule[] {
  return listOperations(api).flatMap(({ operationId, parameters }) =>
    parameters.flatMap((param): DescriptionRule[] => {
      const text = param.description ?? '';
      const start = text.indexOf('**Possible values');
      if (start < 0 || param.enum || param.items?.enum) return [];
      const values = [...text.slice(start).matchAll(/`([^`]+)` \(/g)].map((m) => m[1] ?? '');
      if (values.length === 0) return [];
      const quote = text.slice(start);
      const id = `possible-values:${param.name}`;
      return [{ api, operationId, id, quote, check: check.oneOfValues(param.name, values) }];
    }),
  );
}

/** Every description rule of an operation (hand-written ones, then possible values). */
export function descriptionRulesOf(api: ApiName, operationId: string): DescriptionRule[] {
  const entries = HAND_WRITTEN[api]?.[operationId] ?? [];
  return [
    ...entries.map(([id, quote, fn]): DescriptionRule => ({
      api,
      operationId,
      id,
      quote,
      check: fn,
    })),
    ...possibleValuesRules(api).filter((rule) => rule.operationId === operationId),
  ];
}
