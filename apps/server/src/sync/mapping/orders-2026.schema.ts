/**
 * Run-time contract for the parts of Orders 2026-01-01 `searchOrders` (and `getOrder`) the sync
 * reads, with the model's property names. Unknown properties are ignored (Amazon adds fields);
 * every string and array is bounded (schema-parts.ts); date-times are RFC 3339, parsed to
 * epoch ms.
 */
import { z } from 'zod';
import { FULFILLMENT_STATUSES } from '../../spapi/index.js';
import {
  LIMITS,
  countryCode,
  currencyCode,
  decimalAmount,
  idText,
  longText,
  optional,
  quantity,
  rfc3339DateTime,
  shortText,
  text,
  token,
} from './schema-parts.js';

export const Money2026Schema = z.object({ amount: decimalAmount, currencyCode });

/** Without the restricted role only city, stateOrRegion, postalCode and countryCode. */
export const CustomerAddressSchema = z.object({
  name: optional(text),
  addressLine1: optional(text),
  addressLine2: optional(text),
  addressLine3: optional(text),
  city: optional(text),
  districtOrCounty: optional(text),
  municipality: optional(text),
  stateOrRegion: optional(text),
  postalCode: optional(shortText),
  countryCode: optional(countryCode),
  phone: optional(shortText),
});

export const Buyer2026Schema = z.object({
  buyerName: optional(text),
  buyerEmail: optional(text),
});

const DateTimeRangeSchema = z.object({
  earliestDateTime: optional(rfc3339DateTime),
  latestDateTime: optional(rfc3339DateTime),
});

export const OrderItem2026Schema = z.object({
  orderItemId: idText,
  quantityOrdered: quantity,
  product: z.object({
    asin: idText,
    title: optional(longText),
    sellerSku: optional(idText),
    price: optional(z.object({ unitPrice: optional(Money2026Schema) })),
  }),
  fulfillment: optional(
    z.object({
      packing: optional(
        z.object({
          giftOption: optional(z.object({ giftMessage: optional(longText) })),
        }),
      ),
    }),
  ),
});

export const Order2026Schema = z.object({
  orderId: idText,
  createdTime: rfc3339DateTime,
  lastUpdatedTime: rfc3339DateTime,
  salesChannel: z.object({ marketplaceId: optional(idText) }),
  programs: optional(z.array(idText).max(LIMITS.smallList)),
  orderItems: z.array(OrderItem2026Schema).max(LIMITS.itemsPerOrder),
  buyer: optional(Buyer2026Schema),
  recipient: optional(z.object({ deliveryAddress: optional(CustomerAddressSchema) })),
  proceeds: optional(z.object({ grandTotal: optional(Money2026Schema) })),
  fulfillment: optional(
    z.object({
      fulfillmentStatus: z.enum(FULFILLMENT_STATUSES),
      fulfilledBy: optional(idText),
      fulfillmentServiceLevel: optional(text),
      shipByWindow: optional(DateTimeRangeSchema),
    }),
  ),
  packages: optional(
    z
      .array(z.object({ packageReferenceId: idText, shipTime: optional(rfc3339DateTime) }))
      .max(LIMITS.packagesPerOrder),
  ),
});

export const SearchOrdersBodySchema = z.object({
  orders: z.array(Order2026Schema).max(LIMITS.ordersPerPage),
  pagination: optional(z.object({ nextToken: optional(token) })),
  lastUpdatedBefore: optional(rfc3339DateTime),
  createdBefore: optional(rfc3339DateTime),
});

/** A validated 2026-01-01 order (date-times in epoch ms). */
export type ParsedOrder2026 = z.output<typeof Order2026Schema>;
export type ParsedOrderItem2026 = z.output<typeof OrderItem2026Schema>;
