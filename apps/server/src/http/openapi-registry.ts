/**
 * The OpenAPI registry: route modules declare each endpoint once — method, path, summary, the
 * zod schemas of its params, query, body and responses, and the error codes it answers — and
 * `openapi-document.ts` turns the registry into an OpenAPI 3.1 document. The schemas are the
 * ones the handlers parse with (`@spapi/shared` contracts), so the description cannot drift
 * from the validation; a test checks every route under the described prefixes is registered.
 *
 * ```ts
 * registry.register({
 *   method: 'get', path: '/api/orders/:orderId', tag: 'Orders', summary: 'One order, no PII',
 *   params: orderIdParamsSchema,
 *   responses: { 200: { description: 'The order', body: orderDetailSchema } },
 *   errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
 * });
 * ```
 */
import type { ErrorCode } from '@spapi/shared';
import type { z } from 'zod';
import type { RouteMethod } from '../access/index.js';

export interface OpenApiResponse {
  readonly description: string;
  /** JSON body; none for 204 or a redirect. */
  readonly body?: z.ZodType;
  /** Response headers worth documenting (name → description). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface OpenApiOperation {
  readonly method: RouteMethod;
  /** The full Express path, as in the route inventory (`/api/orders/:orderId`). */
  readonly path: string;
  /** Groups operations in the document (`Orders`, `Amazon connections`). */
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** A zod object: one path parameter per key. */
  readonly params?: z.ZodType;
  /** A zod object: one query parameter per key (the wire form: strings). */
  readonly query?: z.ZodType;
  /** A JSON request body. */
  readonly body?: z.ZodType;
  /** Success answers by status. */
  readonly responses: Readonly<Record<number, OpenApiResponse>>;
  /** Error codes this operation answers besides the ones every protected route may. */
  readonly errors?: readonly ErrorCode[];
}

export interface OpenApiRegistry {
  /** Declares one endpoint; a second declaration of the same method and path throws. */
  register(operation: OpenApiOperation): void;
  /** Every declared endpoint, in declaration order. */
  operations(): readonly OpenApiOperation[];
}

export const operationKey = (method: string, path: string): string =>
  `${method.toLowerCase()} ${path}`;

export function createOpenApiRegistry(): OpenApiRegistry {
  const byKey = new Map<string, OpenApiOperation>();
  return {
    register(operation) {
      const key = operationKey(operation.method, operation.path);
      if (byKey.has(key)) throw new Error(`OpenAPI: ${key} is registered twice`);
      if (!operation.path.startsWith('/')) throw new Error(`OpenAPI: ${key} is not a full path`);
      byKey.set(key, operation);
    },
    operations: () => [...byKey.values()],
  };
}
