// Proves the converter on Amazon's own data: every example and every static sandbox response
// in the vendored models validates against the response schema of its own status code.
import { describe, expect, it } from 'vitest';
import { MODEL_FILES, type ApiName } from './models.js';
import { findOperation, listOperations } from './operations.js';
import { listSandboxCases } from './sandbox.js';
import { createModelValidator } from './validator.js';

const validator = createModelValidator();
const APIS = Object.keys(MODEL_FILES) as ApiName[];

// Defects in Amazon's models, kept visible: each must keep failing, so a model update that
// fixes one makes this test fail and the entry is removed.
const KNOWN_BAD_EXAMPLES = new Set([
  // The example's `payload` is a single OrderItemBuyerInfo; the schema says
  // OrderItemsBuyerInfoList ({ AmazonOrderId, OrderItems: [...] }). The sandbox case is right.
  'ordersV0 getOrderItemsBuyerInfo 200 application/json',
]);

const examples = APIS.flatMap((api) =>
  listOperations(api).flatMap(({ operationId, operation }) =>
    Object.entries(operation.responses).flatMap(([status, response]) =>
      Object.entries(response.examples ?? {}).map(([name, body]) => ({
        api,
        operationId,
        status,
        name,
        body,
      })),
    ),
  ),
);

describe('response examples in the models', () => {
  it('finds examples in the order models', () => {
    expect(examples.filter((e) => e.api === 'ordersV0').length).toBeGreaterThanOrEqual(6);
    expect(examples.filter((e) => e.api === 'orders20260101').length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((e) => [`${e.api} ${e.operationId} ${e.status} ${e.name}`, e] as const))(
    '%s',
    (label, { api, operationId, status, body }) => {
      const result = validator.validateResponse(api, operationId, status, body);
      if (KNOWN_BAD_EXAMPLES.has(label)) expect(result.valid).toBe(false);
      else expect(result).toEqual({ valid: true, errors: [] });
    },
  );
});

describe('static sandbox responses in the models', () => {
  const cases = listSandboxCases().filter((c) => c.kind === 'static');

  it('covers the four order, token and report models', () => {
    const apis = new Set(cases.map((c) => c.api));
    for (const api of ['ordersV0', 'orders20260101', 'tokens20210301', 'reports20210630']) {
      expect(apis).toContain(api);
    }
  });

  it.each(cases.map((c, i) => [`${c.api} ${c.operationId} ${c.status} #${i}`, c] as const))(
    '%s',
    (_label, { api, operationId, status, response }) => {
      // Bodiless responses (204, Reports' cancel 200) have `{}` or nothing as their case.
      const hasSchema = findOperation(api, operationId).operation.responses[status]?.schema;
      if (hasSchema === undefined) expect(response ?? {}).toEqual({});
      const body = hasSchema === undefined ? undefined : response;
      expect(validator.validateResponse(api, operationId, status, body)).toEqual({
        valid: true,
        errors: [],
      });
    },
  );

  it('gives every error case an error body, except two misfiled Orders v0 cases', () => {
    const withoutErrors = cases
      .filter((c) => c.status >= 400 && !hasErrors(c.response))
      .map((c) => `${c.api} ${c.operationId} ${c.status}`);
    // Two updateVerificationStatus requests (an Approved-alternative rejection and a Pending
    // interim status) sit under 400 with an empty response: they read like 204 cases.
    expect(withoutErrors).toEqual([
      'ordersV0 updateVerificationStatus 400',
      'ordersV0 updateVerificationStatus 400',
    ]);
  });
});

function hasErrors(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'errors' in value;
}
