import { describe, expect, it } from 'vitest';
import { SPAPI_OPERATIONS } from '../../src/server.js';
import { errorCodes, responseViolations } from '../helpers/conformance-runner.js';
import { urlOf, type SpapiReply, type SpapiRequest } from '../helpers/sim-client.js';
import { useSimHarness, type SimHarness } from '../helpers/sim-harness.js';

/**
 * Bodies that are not JSON, sent to every mounted operation that takes a body. Amazon checks
 * the access token before it reads a body, so an unauthenticated call is a 403 whatever its
 * body; an authenticated one is a 400 InvalidInput in the model's error shape.
 */
const POST_OPERATIONS = SPAPI_OPERATIONS.filter((op) => op.method === 'post').map((op) => ({
  request: { api: op.api, operationId: op.operationId } satisfies SpapiRequest,
  name: `${op.api} ${op.operationId}`,
}));

async function postRaw(
  h: SimHarness,
  request: SpapiRequest,
  token: string | undefined,
): Promise<SpapiReply> {
  const { url } = urlOf(h.spapi(), request);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['x-amz-access-token'] = token;
  const res = await fetch(url, { method: 'POST', headers, body: '{"restrictedResources": [' });
  return { url, status: res.status, headers: res.headers, body: await res.json() };
}

describe('request bodies that are not JSON', () => {
  const h = useSimHarness();

  it.each(POST_OPERATIONS)('$name: 400 InvalidInput with a token', async ({ request }) => {
    h.resetQuotas();
    const reply = await postRaw(h, request, h.accessToken());
    expect(reply.status).toBe(400);
    expect(errorCodes(reply.body)).toEqual(['InvalidInput']);
    expect(responseViolations(request, reply)).toEqual([]);
  });

  it.each(POST_OPERATIONS)(
    '$name: 403 without a token, before the body is read',
    async ({ request }) => {
      const reply = await postRaw(h, request, undefined);
      expect(reply.status).toBe(403);
      expect(errorCodes(reply.body)).toEqual(['MissingAuthenticationToken']);
      expect(responseViolations(request, reply)).toEqual([]);
    },
  );
});
