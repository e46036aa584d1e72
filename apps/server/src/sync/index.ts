// The order sync: per connection and marketplace, incremental from a checkpoint, page by page
// through the seller's executor, PII sealed before any transaction, checkpoint committed with
// its page; queued per seller (in-process or pg-boss), progress over SSE. See
// apps/server/README.md, "Order sync".
export { createOrderSync, type OrderSync, type SyncOutcome } from './order-sync.js';
export { createSyncEventHub, type SyncEventHub, type SyncProgressEvent } from './sync-events.js';
export { createSyncRoutes } from './sync.routes.js';
export { registerSyncOpenApi } from './sync.openapi.js';
export {
  createSyncService,
  type SyncQueueConfig,
  type SyncService,
  type SyncServiceOptions,
} from './sync.service.js';
export { createSyncRunRepository, type SyncRun } from './sync-run.repository.js';
