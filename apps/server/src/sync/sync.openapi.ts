/** `/api/sync` in the OpenAPI description: one `register` call per route of `sync.routes.ts`. */
import {
  syncProgressEventSchema,
  syncRunsResponseSchema,
  syncStatusResponseSchema,
  syncTriggerResponseSchema,
} from '@spapi/shared';
import type { OpenApiRegistry } from '../http/openapi-registry.js';
import { syncConnectionParamsSchema, syncRunsQuerySchema } from './sync.schema.js';

const tag = 'Order sync';

export function registerSyncOpenApi(registry: OpenApiRegistry): void {
  registry.register({
    method: 'get',
    path: '/api/sync',
    tag,
    summary: 'Sync status of each Amazon connection: running run, last run, last success',
    responses: { 200: { description: 'Per connection', body: syncStatusResponseSchema } },
  });
  registry.register({
    method: 'get',
    path: '/api/sync/runs',
    tag,
    summary: 'A connection’s recent sync runs, newest first',
    query: syncRunsQuerySchema,
    responses: { 200: { description: 'Runs', body: syncRunsResponseSchema } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  });
  registry.register({
    method: 'post',
    path: '/api/sync/:connectionId',
    tag,
    summary: 'Sync now',
    description:
      'Queues a sync of the connection’s seller (every active connection of that selling ' +
      'partner). At most one sync per seller runs and one waits; asking again while one ' +
      'waits answers already-queued.',
    params: syncConnectionParamsSchema,
    responses: { 202: { description: 'Queued', body: syncTriggerResponseSchema } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'NEEDS_REAUTHORIZATION'],
  });
  registry.register({
    method: 'get',
    path: '/api/sync/events',
    tag,
    summary: 'Live progress of the organization’s syncs (Server-Sent Events)',
    description:
      'text/event-stream: one event per started run, committed page, wait for the rate ' +
      'limit, retry and finished run; `event:` names the type and `data:` holds the JSON ' +
      'below. A comment line every 15 s keeps the stream open.',
    responses: {
      200: {
        description: 'One event (the data line of each SSE message)',
        body: syncProgressEventSchema,
      },
    },
  });
}
