/**
 * HTTP contracts of `/api/orders`: the list query, list and detail responses (plain facts only),
 * the postal-code search and the PII reveal. The server parses with them and generates its
 * OpenAPI description from them; the portal and the desktop parse responses with them.
 *
 * Times are epoch milliseconds (UTC), as everywhere in this API. Query strings carry them as
 * digits.
 */
import { z } from 'zod';
import { maskString } from '../pii/masker.js';
import { amazonOrderIdSchema, marketplaceIdSchema } from '../validation/common.schemas.js';

export const DEFAULT_ORDER_PAGE_SIZE = 50;
export const MAX_ORDER_PAGE_SIZE = 200;

/** Amazon's order status as stored (`Shipped`, `Unshipped`, `Canceled`, …). */
export const orderStatusSchema = z
  .string()
  .regex(/^[A-Za-z]{1,40}$/)
  .describe('Amazon order status, e.g. Pending, Unshipped, PartiallyShipped, Shipped, Canceled');

export const fulfillmentChannelSchema = z
  .enum(['AFN', 'MFN'])
  .describe('AFN: fulfilled by Amazon; MFN: fulfilled by the seller');

export const ORDER_PII_STATES = ['present', 'none', 'purged'] as const;
export const orderPiiStateSchema = z
  .enum(ORDER_PII_STATES)
  .describe(
    'present: buyer PII held (encrypted); none: Amazon sent none; purged: removed by retention',
  );

/** Every buyer PII field of an order: what a reveal may ask for, and nothing else shows. */
export const ORDER_PII_FIELDS = [
  'buyerName',
  'buyerEmail',
  'recipientName',
  'shippingAddress',
  'phone',
  'postalCode',
  'giftMessage',
  'deliveryInstructions',
  'buyerTaxInformation',
] as const;
export type OrderPiiFieldName = (typeof ORDER_PII_FIELDS)[number];
export const orderPiiFieldSchema = z.enum(ORDER_PII_FIELDS);

const epochMs = z.number().int().nonnegative().describe('epoch milliseconds (UTC)');
const cursorSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/)
  .describe('opaque: the previous page’s nextCursor');

export const moneySchema = z.strictObject({
  amount: z.string().regex(/^-?\d{1,12}(\.\d{1,6})?$/),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
});

/** One order as any reader sees it: plain facts, never PII. */
export const orderSummarySchema = z.strictObject({
  amazonOrderId: amazonOrderIdSchema,
  organizationId: z.uuid(),
  marketplaceId: z.string(),
  orderStatus: z.string(),
  purchaseDate: epochMs,
  lastUpdateDate: epochMs,
  fulfillmentChannel: z.string().nullable(),
  shipServiceLevel: z.string().nullable(),
  latestShipDate: epochMs.nullable(),
  shippedAt: epochMs.nullable(),
  orderTotal: moneySchema.nullable(),
  shippingCountryCode: z.string().nullable(),
  piiState: orderPiiStateSchema,
  piiPurgeAfter: epochMs.nullable().describe('when retention removes the PII (shipment + 30 days)'),
});
export type OrderSummaryView = z.infer<typeof orderSummarySchema>;

export const orderItemSchema = z.strictObject({
  orderItemId: z.string(),
  asin: z.string(),
  sellerSku: z.string().nullable(),
  title: z.string().nullable(),
  quantity: z.number().int().nonnegative(),
  itemPrice: moneySchema.nullable(),
});

export const orderDetailSchema = orderSummarySchema.extend({ items: z.array(orderItemSchema) });
export type OrderDetailView = z.infer<typeof orderDetailSchema>;

export const orderListResponseSchema = z.strictObject({
  orders: z.array(orderSummarySchema),
  nextCursor: cursorSchema.nullable().describe('null on the last page'),
});
export type OrderListResponse = z.infer<typeof orderListResponseSchema>;

export const orderIdParamsSchema = z.strictObject({ orderId: amazonOrderIdSchema });

/** A query-string integer (digits only). */
const digits = (max: number) =>
  z
    .string()
    .regex(new RegExp(`^\\d{1,${String(max)}}$`))
    .transform(Number);

const statusList = z
  .string()
  .max(400)
  .transform((text) => text.split(','))
  .pipe(z.array(orderStatusSchema).min(1).max(10))
  .describe('comma-separated order statuses');

const purchaseRangeIsOrdered = (q: {
  purchasedFrom?: number | undefined;
  purchasedBefore?: number | undefined;
}) =>
  q.purchasedFrom === undefined ||
  q.purchasedBefore === undefined ||
  q.purchasedFrom < q.purchasedBefore;

/**
 * `GET /api/orders` query. Unknown parameters are refused; a parameter given twice is refused.
 * Search by Amazon order id is exact (`amazonOrderId`); by postal code see `orderSearchBodySchema`.
 */
export const orderListQuerySchema = z
  .strictObject({
    status: statusList.optional(),
    marketplaceId: marketplaceIdSchema.optional(),
    fulfillmentChannel: fulfillmentChannelSchema.optional(),
    purchasedFrom: digits(15)
      .optional()
      .describe('purchase date from, inclusive (epoch milliseconds)'),
    purchasedBefore: digits(15)
      .optional()
      .describe('purchase date before, exclusive (epoch milliseconds)'),
    amazonOrderId: amazonOrderIdSchema.optional().describe('exact Amazon order id'),
    cursor: cursorSchema.optional(),
    limit: digits(3)
      .pipe(z.number().int().min(1).max(MAX_ORDER_PAGE_SIZE))
      .optional()
      .describe(`page size, default ${String(DEFAULT_ORDER_PAGE_SIZE)}`),
  })
  .refine(purchaseRangeIsOrdered, { message: 'empty range', path: ['purchasedBefore'] });
export type OrderListQueryInput = z.input<typeof orderListQuerySchema>;
export type OrderListQueryParsed = z.output<typeof orderListQuerySchema>;

/**
 * `POST /api/orders/search`: exact postal-code search through the blind index. A body, not a
 * query string, so a buyer's postal code never lands in a URL (browser history, proxy logs).
 * It confirms a buyer's postal code, so it needs the `reveal` permission and is audited.
 */
export const orderSearchBodySchema = z
  .strictObject({
    postalCode: z.string().trim().min(1).max(20),
    status: z.array(orderStatusSchema).min(1).max(10).optional(),
    marketplaceId: marketplaceIdSchema.optional(),
    fulfillmentChannel: fulfillmentChannelSchema.optional(),
    purchasedFrom: epochMs.optional(),
    purchasedBefore: epochMs.optional(),
    cursor: cursorSchema.optional(),
    limit: z.number().int().min(1).max(MAX_ORDER_PAGE_SIZE).optional(),
  })
  .refine(purchaseRangeIsOrdered, { message: 'empty range', path: ['purchasedBefore'] });
export type OrderSearchBody = z.infer<typeof orderSearchBodySchema>;

/** Why a user reveals buyer PII: recorded in the audit trail with every reveal. */
export const REVEAL_REASONS = [
  'print-label',
  'contact-buyer',
  'returns',
  'customs',
  'other',
] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

/**
 * An optional reference for the reveal (a support ticket, an RMA or customs reference), written
 * to the audit trail as is, so it must not be able to carry PII: one token of id characters (no
 * spaces, `@` or `+`: no sentence, address, email or formatted phone number), no run of more than
 * six digits (a bare phone or card number), and nothing the shared PII masker would change.
 * There is no free-text note: the audit trail holds ids and codes only, and a note is the one
 * field a user would type a buyer's name or address into.
 */
export const revealReferenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$/)
  .refine((reference) => !/\d{7}/.test(reference), 'a long number')
  .refine((reference) => maskString(reference) === reference, 'looks like personal data')
  .describe('ticket, RMA or customs reference: id characters, no personal data');

export const revealRequestSchema = z
  .strictObject({
    fields: z
      .array(orderPiiFieldSchema)
      .min(1)
      .max(ORDER_PII_FIELDS.length)
      .refine((fields) => new Set(fields).size === fields.length, 'duplicate field'),
    reason: z.enum(REVEAL_REASONS),
    reference: revealReferenceSchema.optional(),
  })
  .refine((body) => body.reason !== 'other' || body.reference !== undefined, {
    message: 'reason other needs a reference',
    path: ['reference'],
  });
export type RevealRequest = z.infer<typeof revealRequestSchema>;

const nullableText = z.string().nullable();

export const shippingAddressSchema = z.strictObject({
  lines: z.array(z.string()),
  city: nullableText,
  stateOrRegion: nullableText,
  district: nullableText,
});

export const buyerTaxInformationSchema = z.strictObject({
  companyLegalName: nullableText,
  taxingRegion: nullableText,
  taxClassifications: z.array(z.strictObject({ name: z.string(), value: z.string() })),
});

/** Only the fields asked for are present; null: Amazon holds no value. */
export const revealedPiiSchema = z.strictObject({
  buyerName: nullableText.optional(),
  buyerEmail: nullableText.optional(),
  recipientName: nullableText.optional(),
  shippingAddress: shippingAddressSchema.nullable().optional(),
  phone: nullableText.optional(),
  postalCode: nullableText.optional(),
  giftMessage: nullableText.optional(),
  deliveryInstructions: nullableText.optional(),
  buyerTaxInformation: buyerTaxInformationSchema.nullable().optional(),
  itemGiftMessages: z
    .array(z.strictObject({ orderItemId: z.string(), giftMessage: nullableText }))
    .optional()
    .describe('with giftMessage: each line’s gift message'),
});
export type RevealedPiiView = z.infer<typeof revealedPiiSchema>;

/**
 * A reveal answer: show the values until `expiresAt`, then drop them. Sent with
 * `Cache-Control: no-store`; never cached by the portal or the desktop past `expiresAt`.
 */
export const revealResponseSchema = z.strictObject({
  amazonOrderId: amazonOrderIdSchema,
  pii: revealedPiiSchema,
  revealedAt: epochMs,
  expiresAt: epochMs.describe('hide the values at this time'),
});
export type RevealResponse = z.infer<typeof revealResponseSchema>;
