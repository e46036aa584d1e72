/** HTTP inputs of the seller-authorization endpoints (zod only, ready for packages/shared). */
import { AMAZON_REGIONS } from '@spapi/shared';
import { z } from 'zod';

const sellingPartnerId = z.string().regex(/^A[0-9A-Z]{6,20}$/);
const marketplaceId = z.string().regex(/^[A-Z0-9]{10,14}$/);

export const authorizeBodySchema = z.strictObject({ region: z.enum(AMAZON_REGIONS) });

/** What Amazon appends to our redirect URI after consent. */
export const callbackQuerySchema = z.object({
  state: z
    .string()
    .min(16)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/),
  selling_partner_id: sellingPartnerId,
  spapi_oauth_code: z
    .string()
    .min(8)
    .max(512)
    .regex(/^[A-Za-z0-9._~+/=-]+$/),
});

/** What Amazon appends when the seller cancels the consent (`error=access_denied`). */
export const callbackErrorQuerySchema = z.object({
  state: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional(),
  error: z
    .string()
    .max(64)
    .regex(/^[a-z_]+$/),
});

export const connectionIdParamsSchema = z.strictObject({ connectionId: z.uuid() });

export const connectionUpdateBodySchema = z
  .strictObject({
    marketplaceIds: z.array(marketplaceId).min(1).max(20).optional(),
    ordersApiVersion: z.enum(['v0', '2026-01-01']).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
