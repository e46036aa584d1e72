/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description. Public: it describes what the portal's
 * own bundle already shows, and holds no data, no secret and no internal address.
 *
 * The document needs the app's route inventory, known only once every router is mounted: the
 * app builder calls `publish(inventory)` right after `assertEveryRouteDeclared(app)`, so a bad
 * registration (not a route, a path parameter without a schema) fails start-up, not a request.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import { createSecureRouter, type InventoryEntry, type SecureRouter } from '../access/index.js';
import { buildOpenApiDocument } from './openapi-document.js';
import type { OpenApiRegistry } from './openapi-registry.js';

export interface OpenApiRoutesOptions {
  readonly title: string;
  readonly version: string;
}

export interface OpenApiRoutes {
  /** Mount at `/api`. */
  readonly routes: SecureRouter;
  /** Builds the document (throws on a bad registration); until then the route answers 503. */
  publish(inventory: readonly InventoryEntry[]): void;
}

export function createOpenApiRoutes(
  registry: OpenApiRegistry,
  options: OpenApiRoutesOptions,
): OpenApiRoutes {
  let document: string | undefined;
  const routes = createSecureRouter().get('/openapi.json', 'public', (_req, res) => {
    if (document === undefined) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE);
    res.type('application/json').send(document);
  });
  return {
    routes,
    publish(inventory) {
      document = JSON.stringify(buildOpenApiDocument(registry, { ...options, inventory }));
    },
  };
}
