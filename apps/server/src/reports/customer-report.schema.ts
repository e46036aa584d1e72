/**
 * HTTP inputs of the customer-report endpoints (zod only, ready for packages/shared). A reveal
 * takes the same reasons and the same PII-proof reference as an order reveal (shared contract).
 */
import { REVEAL_REASONS, revealReferenceSchema } from '@spapi/shared';
import { z } from 'zod';
import { REPORT_STATUSES } from './customer-report-columns.js';
import { unshippedOrderLineSchema } from './unshipped-orders.parser.js';

const marketplaceId = z.string().regex(/^[A-Z0-9]{10,14}$/);

/** `POST /api/reports`: the Unshipped Orders report of one connection. */
export const reportRequestBodySchema = z.strictObject({
  connectionId: z.uuid(),
  marketplaceIds: z
    .array(marketplaceId)
    .min(1)
    .max(25)
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate marketplace')
    .optional(),
});
export type ReportRequestBody = z.infer<typeof reportRequestBodySchema>;

export const reportIdParamsSchema = z.strictObject({ reportId: z.uuid() });

/** `POST /api/reports/:reportId/reveal`: why (and an optional ticket/RMA reference). */
export const reportRevealBodySchema = z
  .strictObject({
    reason: z.enum(REVEAL_REASONS),
    reference: revealReferenceSchema.optional(),
  })
  .refine((body) => body.reason !== 'other' || body.reference !== undefined, {
    message: 'reason other needs a reference',
    path: ['reference'],
  });
export type ReportRevealBody = z.infer<typeof reportRevealBodySchema>;

export const reportListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const epochMs = z.number().int().nonnegative();

/** A report as a reader sees it (the catalogue's plain `Report` fields). */
export const reportViewSchema = z.strictObject({
  id: z.uuid(),
  organizationId: z.string(),
  connectionId: z.uuid(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()),
  status: z.enum(REPORT_STATUSES),
  failureCode: z.string().nullable().describe('why it failed, as a code'),
  requestedAt: epochMs,
  completedAt: epochMs.nullable(),
  rowCount: z.number().int().nonnegative().nullable(),
  orderCount: z.number().int().nonnegative().nullable(),
  piiState: z.enum(['none', 'present', 'purged']).describe('whether the document is still held'),
  piiPurgeAfter: epochMs.describe('the document is deleted at this time'),
});

export const reportListResponseSchema = z.strictObject({ reports: z.array(reportViewSchema) });

/** A reveal answer: show the rows until `expiresAt`, then drop them (sent `no-store`). */
export const reportRevealResponseSchema = z.strictObject({
  reportId: z.uuid(),
  rows: z.array(unshippedOrderLineSchema),
  revealedAt: epochMs,
  expiresAt: epochMs.describe('hide the rows at this time'),
});
