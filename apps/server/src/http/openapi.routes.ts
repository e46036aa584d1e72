/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description, built once on first request from the
 * registry and the app's route inventory. Public: it describes what the portal's own bundle
 * already shows, and holds no data, no secret and no internal address.
 */
import { createSecureRouter, type InventoryEntry, type SecureRouter } from '../access/index.js';
import { buildOpenApiDocument } from './openapi-document.js';
import type { OpenApiRegistry } from './openapi-registry.js';

export interface OpenApiRoutesOptions {
  readonly title: string;
  readonly version: string;
  /** The app's inventory, known once every router is mounted. */
  readonly inventory: () => readonly InventoryEntry[];
}

/** Mount at `/api`. */
export function createOpenApiRoutes(
  registry: OpenApiRegistry,
  options: OpenApiRoutesOptions,
): SecureRouter {
  let document: string | undefined;
  return createSecureRouter().get('/openapi.json', 'public', (_req, res) => {
    document ??= JSON.stringify(
      buildOpenApiDocument(registry, {
        title: options.title,
        version: options.version,
        inventory: options.inventory(),
      }),
    );
    res.type('application/json').send(document);
  });
}
