import { z } from 'zod';
import { withoutUndefined } from '../core/objects.js';
import type { SimState } from '../core/state.js';
import { AMAZON_ORDER_ID_PATTERN } from '../data/amazon-ids.js';
import type { OrderInput } from '../data/order-input.js';
import { ORDER_STATUSES, type SimOrderRecord } from '../data/order.types.js';

const Money = z.object({
  currencyCode: z.string().length(3),
  amount: z.string().regex(/^\d+(\.\d+)?$/),
});
const isoDate = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** What the control API accepts to add an order; anything left out is generated. */
export const NewOrderSchema = z
  .object({
    amazonOrderId: z.string().regex(AMAZON_ORDER_ID_PATTERN).optional(),
    marketplaceId: z.string().optional(),
    purchaseDate: isoDate.optional(),
    fulfillmentChannel: z.enum(['MFN', 'AFN']).optional(),
    isBusinessOrder: z.boolean().optional(),
    isPrime: z.boolean().optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    canary: z.boolean().default(false),
    buyer: z
      .object({
        name: z.string().min(1).max(200),
        email: z.string().min(3).max(200),
        companyName: z.string().max(200),
        purchaseOrderNumber: z.string().max(100),
      })
      .partial()
      .strict()
      .optional(),
    shippingAddress: z
      .object({
        name: z.string().min(1).max(200),
        addressLine1: z.string().min(1).max(200),
        addressLine2: z.string().max(200),
        city: z.string().min(1).max(100),
        stateOrRegion: z.string().max(100),
        postalCode: z.string().min(1).max(20),
        countryCode: z.string().length(2),
        phone: z.string().max(40),
        addressType: z.enum(['Residential', 'Commercial']),
      })
      .partial()
      .strict()
      .optional(),
    items: z
      .array(
        z
          .object({
            sellerSku: z.string().max(100),
            title: z.string().max(500),
            quantityOrdered: z.number().int().min(1).max(1000),
            itemPrice: Money,
            giftMessageText: z.string().max(500),
          })
          .partial()
          .strict(),
      )
      .min(1)
      .max(20)
      .optional(),
  })
  .strict();

export type NewOrder = z.output<typeof NewOrderSchema>;

/** Adds an order (or a canary) for a seller; returns ids only, never the PII it was given. */
export function addOrderFromControl(
  state: SimState,
  sellingPartnerId: string,
  input: NewOrder,
): { amazonOrderId: string; purchaseDate: string; canary: boolean } {
  const { canary, ...rest } = input;
  // JSON carries no undefined, so the nested partial objects hold only the fields given.
  const orderInput = withoutUndefined(rest) as OrderInput;
  let record: SimOrderRecord;
  try {
    record = canary
      ? state.orders.addCanary(sellingPartnerId, orderInput)
      : state.orders.add(sellingPartnerId, orderInput);
  } catch (error: unknown) {
    throw new ControlConflict(error instanceof RangeError ? error.message : 'could not add order');
  }
  return {
    amazonOrderId: record.amazonOrderId,
    purchaseDate: new Date(record.purchaseDate).toISOString(),
    canary: record.canary,
  };
}

export class ControlConflict extends Error {}
