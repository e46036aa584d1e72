/** HTTP inputs of the customer-report endpoints (zod only, ready for packages/shared). */
import { maskString } from '@spapi/shared';
import { z } from 'zod';

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

/** Why a user reveals a report's rows (the same reasons as an order reveal). */
export const REPORT_REVEAL_REASONS = [
  'print-label',
  'contact-buyer',
  'returns',
  'customs',
  'other',
] as const;

/**
 * An optional reference (ticket, RMA): one id-shaped token, no run of 7+ digits, nothing the PII
 * masker would change. It goes to the audit trail as is, so it must not carry PII.
 */
export const reportRevealReferenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$/)
  .refine((reference) => !/\d{7}/.test(reference), 'a long number')
  .refine((reference) => maskString(reference) === reference, 'looks like personal data');

export const reportRevealBodySchema = z
  .strictObject({
    reason: z.enum(REPORT_REVEAL_REASONS),
    reference: reportRevealReferenceSchema.optional(),
  })
  .refine((body) => body.reason !== 'other' || body.reference !== undefined, {
    message: 'reason other needs a reference',
    path: ['reference'],
  });
export type ReportRevealBody = z.infer<typeof reportRevealBodySchema>;

export const reportListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
