/**
 * `/api/retention`: the organization's retention status (orders holding PII by days until
 * purge, the latest run and verification). Counts and times only; every seller role reads its
 * own organization's, platform admins any one's. Running or verifying is the scheduled job's
 * (and `parcel-admin retention …`).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, ErrorCode, parseOrThrow, retentionStatusResponseSchema } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import type { OpenApiRegistry } from '../http/openapi-registry.js';
import type { Database } from '../storage/index.js';
import { retentionStatus } from './retention-status.js';

/** Platform admins (oversight, no PII) name the organization; sellers see their own. */
export const retentionQuerySchema = z.strictObject({ organizationId: z.uuid().optional() });

/** Mount at `/api/retention`. */
export function createRetentionRoutes(
  db: Kysely<Database>,
  clock: () => number = Date.now,
): SecureRouter {
  const routes = createSecureRouter();
  routes.get('/', { action: 'read', subject: 'RetentionRun' }, async (req, res) => {
    const principal = requirePrincipal(req);
    const query = parseOrThrow(retentionQuerySchema, req.query);
    const organizationId = principal.organizationId ?? query.organizationId;
    if (organizationId === undefined) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, {
        message: 'organizationId is required for platform staff',
        details: { fields: ['organizationId'] },
      });
    }
    if (principal.organizationId !== null && query.organizationId !== undefined) {
      if (query.organizationId !== principal.organizationId)
        throw new AppError(ErrorCode.NOT_FOUND);
    }
    res.json(await retentionStatus(db, organizationId, clock()));
  });
  return routes;
}

export function registerRetentionOpenApi(registry: OpenApiRegistry): void {
  registry.register({
    method: 'get',
    path: '/api/retention',
    tag: 'Retention',
    summary: 'Orders holding PII by days until purge, and the last run and its verification',
    query: retentionQuerySchema,
    responses: { 200: { description: 'Retention status', body: retentionStatusResponseSchema } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  });
}
