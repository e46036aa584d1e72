/**
 * The OpenAPI description: served by the real server as valid JSON (OpenAPI 3.1), covering
 * every route of the app under the described prefixes, with the access each route's guard
 * declares; and the registry's own refusals.
 */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAccess } from '../access/index.js';
import { startAppHarness, type AppHarness } from '../../test/app-harness.js';
import { buildOpenApiDocument, toOpenApiPath } from './openapi-document.js';
import { createOpenApiRegistry } from './openapi-registry.js';

/** Every route under these prefixes must be described. */
const DESCRIBED_PREFIXES = [
  '/api/amazon/',
  '/api/orders',
  '/api/sync',
  '/api/retention',
  '/api/reports',
];

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
}

/** Every `$ref` in the document, for a dangling-reference check. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' ? [v] : refsOf(v),
  );
}

describe('GET /api/openapi.json on the real server', () => {
  let h: AppHarness;
  let doc: Doc;
  let text: string;

  beforeAll(async () => {
    h = await startAppHarness('sqlite');
    const reply = await h.call('GET', '/api/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    text = reply.text;
    doc = JSON.parse(text) as Doc;
  }, 60_000);
  afterAll(() => h.close());

  it('is an OpenAPI 3.1 document with the expected paths', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/amazon/authorize',
      '/api/amazon/callback',
      '/api/amazon/connections',
      '/api/amazon/connections/{connectionId}',
      '/api/orders',
      '/api/orders/search',
      '/api/orders/{orderId}',
      '/api/orders/{orderId}/reveal',
      '/api/reports',
      '/api/reports/{reportId}',
      '/api/reports/{reportId}/reveal',
      '/api/retention',
      '/api/sync',
      '/api/sync/events',
      '/api/sync/runs',
      '/api/sync/{connectionId}',
    ]);
    for (const ref of refsOf(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas, ref).toHaveProperty([name]);
    }
  });

  it('describes every route under the described prefixes, with its declared access', () => {
    const described = h.server.routes.filter((entry) =>
      DESCRIBED_PREFIXES.some((prefix) => entry.path.startsWith(prefix)),
    );
    expect(described.length).toBeGreaterThanOrEqual(9);
    for (const entry of described) {
      const operation = doc.paths[toOpenApiPath(entry.path)]?.[entry.method];
      expect(operation, `${entry.method} ${entry.path}`).toBeDefined();
      expect(operation?.['x-access']).toBe(describeAccess(entry.access));
      expect(operation?.security).toEqual(
        entry.access === 'public' ? [] : [{ session: [] }, { deviceToken: [] }],
      );
    }
  });

  it('carries the contracts: reveal body, query parameters, error codes', () => {
    const reveal = doc.paths['/api/orders/{orderId}/reveal']?.post as {
      parameters: { name: string; in: string; required: boolean }[];
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
      responses: Record<string, { description: string }>;
    };
    expect(reveal.parameters).toEqual([
      expect.objectContaining({ name: 'orderId', in: 'path', required: true }),
    ]);
    const body = reveal.requestBody.content['application/json'].schema as {
      required: string[];
      properties: { reason: { enum: string[] } };
    };
    expect(body.required.sort()).toEqual(['fields', 'reason']);
    expect(body.properties.reason.enum).toContain('print-label');
    expect(Object.keys(reveal.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '410', '413', '429', '500'].sort(),
    );
    expect(reveal.responses['410']?.description).toContain('RETENTION_EXPIRED');
    const list = doc.paths['/api/orders']?.get as { parameters: { name: string; in: string }[] };
    expect(list.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:status',
      'query:marketplaceId',
      'query:fulfillmentChannel',
      'query:purchasedFrom',
      'query:purchasedBefore',
      'query:amazonOrderId',
      'query:cursor',
      'query:limit',
    ]);
    // The response schemas describe plain facts only.
    for (const field of ['buyerName', 'shippingAddress', 'postalCode']) {
      expect(JSON.stringify(doc.paths['/api/orders']), field).not.toContain(`"${field}"`);
    }
  });
});

describe('the registry', () => {
  const inventory = [
    { method: 'get', path: '/api/things/:thingId', access: 'authenticated' as const },
  ];

  it('refuses a second registration of one route', () => {
    const registry = createOpenApiRegistry();
    const operation = {
      method: 'get' as const,
      path: '/api/things/:thingId',
      tag: 'Things',
      summary: 'A thing',
      params: z.strictObject({ thingId: z.uuid() }),
      responses: { 200: { description: 'The thing' } },
    };
    registry.register(operation);
    expect(() => {
      registry.register(operation);
    }).toThrow(/registered twice/);
    const doc = buildOpenApiDocument(registry, { title: 't', version: '1', inventory });
    expect(Object.keys(doc.paths as object)).toEqual(['/api/things/{thingId}']);
  });

  it('refuses an operation that is no route, or lacks a path parameter schema', () => {
    const stray = createOpenApiRegistry();
    stray.register({
      method: 'post',
      path: '/api/things/:thingId',
      tag: 'Things',
      summary: 'Not mounted',
      responses: { 204: { description: 'Done' } },
    });
    expect(() => buildOpenApiDocument(stray, { title: 't', version: '1', inventory })).toThrow(
      /post \/api\/things\/:thingId is no route/,
    );
    const unparameterised = createOpenApiRegistry();
    unparameterised.register({
      method: 'get',
      path: '/api/things/:thingId',
      tag: 'Things',
      summary: 'No params schema',
      responses: { 200: { description: 'The thing' } },
    });
    expect(() =>
      buildOpenApiDocument(unparameterised, { title: 't', version: '1', inventory }),
    ).toThrow(/no schema for :thingId/);
  });
});
