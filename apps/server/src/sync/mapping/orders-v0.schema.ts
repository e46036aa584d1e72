/**
 * Run-time contracts for the parts of Orders v0 responses the sync reads (getOrders,
 * getOrderItems), with the model's property names. Unknown properties are ignored (Amazon adds
 * fields); every string and array is bounded (schema-parts.ts); dates are parsed to epoch ms.
 */
import { z } from 'zod';
import { ORDER_STATUSES_V0 } from '../../spapi/index.js';
import {
  LIMITS,
  countryCode,
  currencyCode,
  decimalAmount,
  idText,
  longText,
  optional,
  quantity,
  shortText,
  text,
  token,
  v0DateTime,
} from './schema-parts.js';

export const MoneyV0Schema = z.object({
  CurrencyCode: optional(currencyCode),
  Amount: optional(decimalAmount),
});

/** Restricted (Name, lines, Phone) unless the call carried an RDT with `shippingAddress`. */
export const AddressV0Schema = z.object({
  Name: optional(text),
  AddressLine1: optional(text),
  AddressLine2: optional(text),
  AddressLine3: optional(text),
  City: optional(text),
  County: optional(text),
  District: optional(text),
  Municipality: optional(text),
  StateOrRegion: optional(text),
  PostalCode: optional(shortText),
  CountryCode: optional(countryCode),
  Phone: optional(shortText),
});

export const BuyerTaxInfoV0Schema = z.object({
  CompanyLegalName: optional(text),
  TaxingRegion: optional(text),
  TaxClassifications: optional(
    z.array(z.object({ Name: optional(text), Value: optional(text) })).max(LIMITS.smallList),
  ),
});

/** Restricted: empty unless the call carried an RDT with `buyerInfo`. */
export const BuyerInfoV0Schema = z.object({
  BuyerEmail: optional(text),
  BuyerName: optional(text),
  BuyerTaxInfo: optional(BuyerTaxInfoV0Schema),
});

export const OrderV0Schema = z.object({
  AmazonOrderId: idText,
  PurchaseDate: v0DateTime,
  LastUpdateDate: v0DateTime,
  OrderStatus: z.enum(ORDER_STATUSES_V0),
  FulfillmentChannel: optional(z.enum(['MFN', 'AFN'])),
  ShipServiceLevel: optional(text),
  OrderTotal: optional(MoneyV0Schema),
  MarketplaceId: optional(idText),
  LatestShipDate: optional(v0DateTime),
  IsBusinessOrder: optional(z.boolean()),
  IsPrime: optional(z.boolean()),
  ShippingAddress: optional(AddressV0Schema),
  BuyerInfo: optional(BuyerInfoV0Schema),
});

export const GetOrdersBodySchema = z.object({
  payload: z.object({
    Orders: z.array(OrderV0Schema).max(LIMITS.ordersPerPage),
    NextToken: optional(token),
    LastUpdatedBefore: optional(v0DateTime),
    CreatedBefore: optional(v0DateTime),
  }),
});

export const OrderItemV0Schema = z.object({
  ASIN: idText,
  OrderItemId: idText,
  QuantityOrdered: quantity,
  SellerSKU: optional(idText),
  Title: optional(longText),
  ItemPrice: optional(MoneyV0Schema),
  /** Restricted: the gift message needs an RDT with `buyerInfo`. */
  BuyerInfo: optional(z.object({ GiftMessageText: optional(longText) })),
});

export const GetOrderItemsBodySchema = z.object({
  payload: z.object({
    AmazonOrderId: idText,
    OrderItems: z.array(OrderItemV0Schema).max(LIMITS.itemsPerOrder),
    NextToken: optional(token),
  }),
});

/** A validated v0 order (dates in epoch ms). */
export type ParsedOrderV0 = z.output<typeof OrderV0Schema>;
/** A validated v0 order item. */
export type ParsedOrderItemV0 = z.output<typeof OrderItemV0Schema>;
