/**
 * The subset of Orders 2026-01-01 definitions (orders_2026-01-01.json) the simulator emits,
 * with the model's field names. Tests validate every emitted value against the model itself.
 */
export interface Money2026 {
  amount: string;
  currencyCode: string;
}

export interface DateTimeRange2026 {
  earliestDateTime?: string;
  latestDateTime?: string;
}

export interface CustomerAddress2026 {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  addressType?: 'RESIDENTIAL' | 'COMMERCIAL';
}

export interface Buyer2026 {
  buyerName?: string;
  buyerEmail?: string;
  buyerCompanyName?: string;
  buyerPurchaseOrderNumber?: string;
}

export interface ProceedsBreakdown2026 {
  type: 'ITEM' | 'SHIPPING' | 'TAX';
  subtotal: Money2026;
}

export interface OrderFulfillment2026 {
  fulfillmentStatus: FulfillmentStatus2026;
  fulfilledBy: 'AMAZON' | 'MERCHANT';
  fulfillmentServiceLevel: string;
  shipByWindow: DateTimeRange2026;
  deliverByWindow?: DateTimeRange2026;
}

export type FulfillmentStatus2026 =
  'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED';

export interface ItemFulfillment2026 {
  quantityFulfilled: number;
  quantityUnfulfilled: number;
  packing?: { giftOption: { giftMessage?: string; giftWrapLevel?: string } };
}

export interface ItemCancellation2026 {
  cancellationRequest?: { requester: 'BUYER'; cancelReason: string };
  cancellationExecution: { cancelledBy: string; cancelReason: string };
}

export interface OrderItem2026 {
  orderItemId: string;
  quantityOrdered: number;
  product: {
    asin: string;
    title: string;
    sellerSku: string;
    condition: { conditionType: 'NEW'; conditionSubtype: 'NEW' };
    price?: { unitPrice: Money2026; priceDesignation?: 'BUSINESS_PRICE' };
  };
  proceeds?: { proceedsTotal: Money2026; breakdowns: ProceedsBreakdown2026[] };
  cancellation?: ItemCancellation2026;
  fulfillment?: ItemFulfillment2026;
}

export interface OrderPackage2026 {
  packageReferenceId: string;
  createdTime: string;
  packageStatus: { status: 'IN_TRANSIT' | 'DELIVERED' };
  carrier: string;
  shipTime: string;
  shippingService: string;
  trackingNumber: string;
  packageItems: { orderItemId: string; quantity: number }[];
}

export interface Order2026 {
  orderId: string;
  orderAliases?: { aliasId: string; aliasType: 'SELLER_ORDER_ID' }[];
  createdTime: string;
  lastUpdatedTime: string;
  programs?: string[];
  salesChannel: { channelName: 'AMAZON'; marketplaceId: string; marketplaceName?: string };
  buyer?: Buyer2026;
  recipient?: { deliveryAddress: CustomerAddress2026 };
  proceeds?: { grandTotal: Money2026; breakdowns: ProceedsBreakdown2026[] };
  fulfillment?: OrderFulfillment2026;
  orderItems: OrderItem2026[];
  packages?: OrderPackage2026[];
}
