/**
 * The domain order, independent of the SP-API version it came from (the sync maps Orders v0 and
 * 2026-01-01 onto it). Field names are those of the access catalogue (`access/fields.ts`,
 * subject `Order`): plain facts anyone with `read Order` sees, and PII only `reveal` shows.
 * Times are epoch milliseconds.
 */
import type { OrderPiiState } from '../storage/index.js';

/** An amount as Amazon sends it: a decimal string and an ISO 4217 code. */
export interface Money {
  readonly amount: string;
  readonly currencyCode: string;
}

/** The shipping address without its name, phone and postal code (each its own attribute). */
export interface ShippingAddress {
  /** Address lines 1–3, those present. */
  readonly lines: readonly string[];
  readonly city: string | null;
  readonly stateOrRegion: string | null;
  /** District, county or municipality, as the marketplace uses it. */
  readonly district: string | null;
}

export interface BuyerTaxInformation {
  readonly companyLegalName: string | null;
  readonly taxingRegion: string | null;
  readonly taxClassifications: readonly { readonly name: string; readonly value: string }[];
}

/** Buyer PII of an order (Amazon Restricted Data); null: Amazon holds no value. */
export interface OrderPii {
  readonly buyerName: string | null;
  readonly buyerEmail: string | null;
  readonly recipientName: string | null;
  readonly shippingAddress: ShippingAddress | null;
  readonly phone: string | null;
  readonly postalCode: string | null;
  /** An order-level gift message (per-line messages are on the items). */
  readonly giftMessage: string | null;
  readonly deliveryInstructions: string | null;
  readonly buyerTaxInformation: BuyerTaxInformation | null;
}

export type OrderPiiField = keyof OrderPii;

/**
 * The PII a response carried. A missing key means the response did not carry that attribute
 * (no role, no `includedData`, no RDT): the stored value is kept. `null` means Amazon sent it
 * empty: the stored value is cleared.
 */
export type OrderPiiInput = { readonly [K in OrderPiiField]?: OrderPii[K] };

/** Non-PII facts of an order. */
export interface OrderFacts {
  readonly amazonOrderId: string;
  readonly marketplaceId: string;
  /** Amazon's status (v0 `OrderStatus`, or the sync's mapping of a 2026 fulfillment status). */
  readonly orderStatus: string;
  readonly purchaseDate: number;
  readonly lastUpdateDate: number;
  readonly fulfillmentChannel: string | null;
  readonly shipServiceLevel: string | null;
  readonly latestShipDate: number | null;
  /** First shipment; the PII retention window counts from it. */
  readonly shippedAt: number | null;
  readonly orderTotal: Money | null;
  readonly shippingCountryCode: string | null;
  readonly isPrime: boolean;
  readonly isBusiness: boolean;
}

export interface OrderItem {
  readonly orderItemId: string;
  readonly asin: string;
  readonly sellerSku: string | null;
  readonly title: string | null;
  readonly quantity: number;
  readonly itemPrice: Money | null;
  /** PII. Missing: not carried (kept); null: none. */
  readonly giftMessage?: string | null;
}

/** One order as the sync hands it to the store. */
export interface DomainOrder extends OrderFacts {
  /** The Amazon connection (seller authorization) it was synced through. */
  readonly connectionId: string;
  readonly items: readonly OrderItem[];
  readonly pii: OrderPiiInput;
}

/** Whether the order holds buyer PII (`schema-values.ts`). */
export type { OrderPiiState };

/** An order line without PII. */
export type OrderItemSummary = Omit<OrderItem, 'giftMessage'>;

/** What the HTTP API may show to any reader: plain catalogue fields only. */
export interface OrderSummary {
  readonly amazonOrderId: string;
  readonly organizationId: string;
  readonly marketplaceId: string;
  readonly orderStatus: string;
  readonly purchaseDate: number;
  readonly lastUpdateDate: number;
  readonly fulfillmentChannel: string | null;
  readonly shipServiceLevel: string | null;
  readonly latestShipDate: number | null;
  readonly shippedAt: number | null;
  readonly orderTotal: Money | null;
  readonly shippingCountryCode: string | null;
  readonly piiState: OrderPiiState;
  readonly piiPurgeAfter: number | null;
}

export interface OrderDetail extends OrderSummary {
  readonly items: readonly OrderItemSummary[];
}

/** Revealed PII: only the fields asked for (absent keys were not asked for). */
export type RevealedPii = { -readonly [K in OrderPiiField]?: OrderPii[K] } & {
  /** With `giftMessage`: each line's gift message. */
  itemGiftMessages?: { orderItemId: string; giftMessage: string | null }[];
};

/** Where the incremental sync of one connection and marketplace resumes. */
export interface SyncCheckpoint {
  readonly connectionId: string;
  readonly marketplaceId: string;
  readonly lastUpdatedAfter: number;
  readonly nextToken: string | null;
  /**
   * While paging (`nextToken` set): where the window ends, as Amazon echoed it on its first
   * page; the next window starts there whatever later pages echo. Absent or null: unknown.
   */
  readonly windowBound?: number | null;
}
