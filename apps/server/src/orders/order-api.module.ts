/**
 * The orders HTTP API built from its ports: the database, the PII vault (search and reveal
 * decrypt through it) and the audit trail.
 */
import type { Kysely } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import type { PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import { createOrderReadService } from './order-read.service.js';
import { createOrderRoutes } from './order.routes.js';
import { createRevealService } from './reveal.service.js';

export interface OrdersApiOptions {
  readonly db: Kysely<Database>;
  readonly vault: PiiVault;
  readonly audit: Pick<AuditTrail, 'record' | 'withAudit'>;
  readonly clock?: () => number;
  /** How long revealed values may be shown (default `REVEAL_TTL_MS`, 2 minutes). */
  readonly revealTtlMs?: number;
}

export function createOrdersApi(options: OrdersApiOptions) {
  const reads = createOrderReadService(options);
  const reveals = createRevealService({
    ...options,
    ...(options.revealTtlMs === undefined ? {} : { ttlMs: options.revealTtlMs }),
  });
  return {
    reads,
    reveals,
    /** Mount at `/api/orders`. */
    routes: createOrderRoutes(reads, reveals).router,
  };
}

export type OrdersApi = ReturnType<typeof createOrdersApi>;
