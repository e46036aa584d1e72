/**
 * Orders 2026-01-01 (`orders_2026-01-01.json`), the parts the product reads, with the model's
 * names. PII (buyer, recipient) arrives through `includedData` when the application holds the
 * restricted role; no RDT.
 */

export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type IncludedData = (typeof INCLUDED_DATA)[number];

export const FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/** `searchOrders` query: date-times are RFC 3339. */
export interface SearchOrdersQuery {
  createdAfter?: string;
  createdBefore?: string;
  lastUpdatedAfter?: string;
  lastUpdatedBefore?: string;
  fulfillmentStatuses?: readonly FulfillmentStatus[];
  marketplaceIds?: readonly string[];
  fulfilledBy?: readonly ('MERCHANT' | 'AMAZON')[];
  maxResultsPerPage?: number;
  paginationToken?: string;
  includedData?: readonly IncludedData[];
}

export interface GetOrder2026Query {
  includedData?: readonly IncludedData[];
}

export interface Money2026 {
  amount: string;
  currencyCode: string;
}

export interface CustomerAddress {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  municipality?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  addressType?: string;
}

export interface Buyer {
  buyerName?: string;
  buyerEmail?: string;
  buyerCompanyName?: string;
  buyerPurchaseOrderNumber?: string;
}

export interface DateTimeRange {
  earliestDateTime?: string;
  latestDateTime?: string;
}

export interface OrderItem2026 {
  orderItemId: string;
  quantityOrdered: number;
  product: {
    asin?: string;
    title?: string;
    sellerSku?: string;
    condition?: { conditionType?: string; conditionSubtype?: string; conditionNote?: string };
    price?: { unitPrice?: Money2026; priceDesignation?: string };
    serialNumbers?: string[];
  };
  proceeds?: { proceedsTotal?: Money2026 };
  fulfillment?: {
    quantityFulfilled?: number;
    quantityUnfulfilled?: number;
    /** Gift message: needs `FULFILLMENT` and the shipping role. */
    packing?: { giftOption?: { giftMessage?: string; giftWrapLevel?: string } };
    shipping?: { scheduledDeliveryWindow?: DateTimeRange };
  };
}

export interface Order2026 {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  salesChannel: { channelName: string; marketplaceId?: string; marketplaceName?: string };
  orderItems: OrderItem2026[];
  orderAliases?: { aliasId: string; aliasType: string }[];
  programs?: string[];
  buyer?: Buyer;
  recipient?: { deliveryAddress?: CustomerAddress };
  proceeds?: { grandTotal?: Money2026 };
  fulfillment?: {
    fulfillmentStatus: FulfillmentStatus;
    fulfilledBy?: string;
    fulfillmentServiceLevel?: string;
    shipByWindow?: DateTimeRange;
    deliverByWindow?: DateTimeRange;
  };
  packages?: {
    packageReferenceId: string;
    carrier?: string;
    trackingNumber?: string;
    shipTime?: string;
  }[];
}

export interface SearchOrdersResponse {
  orders: Order2026[];
  pagination?: { nextToken?: string };
  lastUpdatedBefore?: string;
  createdBefore?: string;
}

export interface GetOrder2026Response {
  order: Order2026;
}
