import { describe, expect, it } from 'vitest';
import { listSandboxCases, usagePlanOf } from '@spapi/spapi-models';
import type { OperationDef } from '../../src/core/operation.js';
import { SPAPI_OPERATIONS } from '../../src/server.js';
import {
  errorCodes,
  expectAmazonHeaders,
  responseViolations,
  runCase,
  type CaseContext,
  type ConformanceCase,
} from '../helpers/conformance-runner.js';
import { replayOf } from '../helpers/conformance-requests.js';
import { urlOf, type SpapiRequest } from '../helpers/sim-client.js';
import { PLAIN_APP, SELLER_EU, useSimHarness } from '../helpers/sim-harness.js';

/**
 * Every mounted operation, whatever its handler does, refuses a call without a usable token
 * (403) and one beyond its usage plan's burst (429), in the model's error shape and without
 * `x-amzn-RateLimit-Limit`.
 */

/** A well-formed request for the operation: the request of its first 2xx sandbox case. */
function sampleRequest(op: OperationDef): SpapiRequest {
  const sandboxCase = listSandboxCases(op.api).find(
    (c) => c.operationId === op.operationId && c.status < 300,
  );
  if (!sandboxCase) throw new Error(`No 2xx sandbox case for ${op.operationId}`);
  return replayOf(sandboxCase);
}

/** The path as it goes over the wire (and as an RDT resource names it). */
const pathOf = (ctx: CaseContext, request: SpapiRequest): string =>
  urlOf(ctx.h.spapi(), request).url.pathname;

function authCases(op: OperationDef): ConformanceCase<CaseContext>[] {
  const request = (): SpapiRequest => sampleRequest(op);
  const name = (what: string): string => `${op.api} ${op.operationId}: ${what}`;
  return [
    {
      name: name('no x-amz-access-token'),
      request,
      token: () => undefined,
      status: 403,
      code: 'MissingAuthenticationToken',
    },
    {
      name: name('an unknown token'),
      request,
      token: () => 'Atza|not-a-token',
      status: 403,
      code: 'Unauthorized',
    },
    {
      name: name('an expired access token'),
      request,
      token: ({ h }) => h.accessToken({ expiresInSeconds: -1 }),
      status: 403,
      code: 'Unauthorized',
    },
    {
      name: name('a token of a seller in another region'),
      request,
      token: ({ h }) => h.accessToken({ seller: SELLER_EU }),
      status: 403,
      code: 'Unauthorized',
    },
    {
      name: name('a grantless token'),
      request,
      token: ({ h }) => h.grantlessToken(),
      status: 403,
      code: 'Unauthorized',
    },
    {
      name: name('an RDT for this very path, minted in another region'),
      request,
      token: (ctx) =>
        ctx.h.storedRestrictedDataToken(
          [{ method: op.method.toUpperCase(), path: pathOf(ctx, request()) }],
          { seller: SELLER_EU },
        ),
      status: 403,
      code: 'Unauthorized',
    },
    {
      name: name('an expired RDT for this very path'),
      request,
      token: (ctx) =>
        ctx.h.storedRestrictedDataToken(
          [{ method: op.method.toUpperCase(), path: pathOf(ctx, request()) }],
          {
            expiresInSeconds: -1,
          },
        ),
      status: 403,
      code: 'Unauthorized',
    },
  ];
}

describe('every mounted operation refuses unusable tokens as the model documents', () => {
  const ctx = { h: useSimHarness() } as CaseContext;

  it.each(SPAPI_OPERATIONS.flatMap(authCases))('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it.each(SPAPI_OPERATIONS.map((op) => ({ op, name: `${op.api} ${op.operationId}` })))(
    '$name: 429 QuotaExceeded after the burst, per seller and application',
    async ({ op }) => {
      const { h } = ctx;
      h.resetQuotas();
      const { burst } = usagePlanOf(op.api, op.operationId);
      const request = sampleRequest(op);
      const token = h.accessToken();
      const replies = await Promise.all(
        Array.from({ length: burst + 1 }, () => h.call(request, token)),
      );
      const throttled = replies.filter((reply) => reply.status === 429);
      expect(throttled).toHaveLength(1);
      for (const reply of replies) {
        expect(responseViolations(request, reply), `${op.operationId} ${reply.status}`).toEqual([]);
        expectAmazonHeaders(request, reply);
      }
      expect(errorCodes(throttled[0]?.body)).toEqual(['QuotaExceeded']);
      const otherApp = await h.call(request, h.accessToken({ app: PLAIN_APP }));
      expect(otherApp.status).not.toBe(429);
    },
  );
});
