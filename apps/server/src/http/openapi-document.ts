/**
 * Builds the OpenAPI 3.1 document from the registry (`openapi-registry.ts`) and the app's route
 * inventory: schemas come from zod (`z.toJSONSchema`, JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1); who may call each operation comes from the route's own guard declaration
 * (`x-access`, security, and the 401/403/404 it can answer), so the document states what the
 * server enforces rather than what someone wrote down.
 */
import { ERROR_HTTP_STATUS, errorResponseBodySchema, type ErrorCode } from '@spapi/shared';
import { z } from 'zod';
import { describeAccess, type InventoryEntry, type RouteAccess } from '../access/index.js';
import { SESSION_COOKIE } from '../identity/index.js';
import { operationKey, type OpenApiOperation, type OpenApiRegistry } from './openapi-registry.js';

type JsonObject = Record<string, unknown>;

export interface OpenApiDocumentOptions {
  readonly title: string;
  readonly version: string;
  /** The app's routes (`assertEveryRouteDeclared(app)`): access is read from here. */
  readonly inventory: readonly InventoryEntry[];
}

const ERROR_REF = '#/components/schemas/ErrorResponse';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  delete converted.$schema;
  return converted;
}

/** `/api/orders/:orderId` → `/api/orders/{orderId}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonObject[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** The error codes an operation can answer: its own plus those its access and input imply. */
function errorCodesOf(operation: OpenApiOperation, access: RouteAccess): Set<ErrorCode> {
  const codes = new Set<ErrorCode>(operation.errors ?? []);
  codes.add('RATE_LIMITED');
  codes.add('INTERNAL');
  if (access !== 'public') codes.add('UNAUTHENTICATED');
  if (typeof access === 'object') codes.add('FORBIDDEN');
  if (typeof access === 'object' && access.resolve !== undefined) codes.add('NOT_FOUND');
  if (operation.params !== undefined || operation.query !== undefined) {
    codes.add('VALIDATION_FAILED');
  }
  if (operation.body !== undefined) {
    codes.add('VALIDATION_FAILED');
    codes.add('BAD_REQUEST');
    codes.add('PAYLOAD_TOO_LARGE');
  }
  if (operation.method !== 'get' && access !== 'public') codes.add('CSRF_FAILED');
  return codes;
}

function errorResponses(codes: ReadonlySet<ErrorCode>): JsonObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: `code: ${list.sort().join(', ')}`,
          content: { 'application/json': { schema: { $ref: ERROR_REF } } },
        },
      ]),
  );
}

function successResponses(operation: OpenApiOperation): JsonObject {
  return Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        ...(response.headers === undefined
          ? {}
          : {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: 'string' } },
                ]),
              ),
            }),
        ...(response.body === undefined
          ? {}
          : { content: { 'application/json': { schema: jsonSchema(response.body, 'output') } } }),
      },
    ]),
  );
}

function operationObject(operation: OpenApiOperation, access: RouteAccess): JsonObject {
  const names = [...operation.path.matchAll(/:(\w+)/g)].map(([, name]) => name);
  const pathParameters = parameters(operation.params, 'path');
  const declared = new Set(pathParameters.map((p) => p.name));
  const missing = names.filter((name) => name === undefined || !declared.has(name));
  if (missing.length > 0) {
    throw new Error(`OpenAPI: ${operation.path} has no schema for :${missing.join(', :')}`);
  }
  return {
    operationId: `${operation.method}${toOpenApiPath(operation.path)
      .replace(/[{}]/g, '')
      .split(/[/-]/)
      .filter((part) => part !== '' && part !== 'api')
      .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
      .join('')}`,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description === undefined ? {} : { description: operation.description }),
    'x-access': describeAccess(access),
    security: access === 'public' ? [] : [{ session: [] }, { deviceToken: [] }],
    parameters: [...pathParameters, ...parameters(operation.query, 'query')],
    ...(operation.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
          },
        }),
    responses: {
      ...successResponses(operation),
      ...errorResponses(errorCodesOf(operation, access)),
    },
  };
}

/**
 * The OpenAPI 3.1 document. Throws if a registered operation is not a route of the app (a typo
 * or a removed route), or lacks a schema for one of its path parameters.
 */
export function buildOpenApiDocument(
  registry: OpenApiRegistry,
  options: OpenApiDocumentOptions,
): JsonObject {
  const accessByKey = new Map(
    options.inventory.map((entry) => [operationKey(entry.method, entry.path), entry.access]),
  );
  const paths: Record<string, JsonObject> = {};
  for (const operation of registry.operations()) {
    const access = accessByKey.get(operationKey(operation.method, operation.path));
    if (access === undefined) {
      throw new Error(`OpenAPI: ${operationKey(operation.method, operation.path)} is no route`);
    }
    const path = toOpenApiPath(operation.path);
    paths[path] = { ...paths[path], [operation.method]: operationObject(operation, access) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: options.title,
      version: options.version,
      description:
        'Times are epoch milliseconds (UTC). Errors carry only a code and the request id. ' +
        'Writes signed in with the session cookie need the x-csrf-token header.',
    },
    tags: [...new Set(registry.operations().map((operation) => operation.tag))].map((name) => ({
      name,
    })),
    paths,
    components: {
      schemas: { ErrorResponse: jsonSchema(errorResponseBodySchema, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        deviceToken: { type: 'http', scheme: 'bearer', description: 'desktop device token' },
      },
    },
  };
}
