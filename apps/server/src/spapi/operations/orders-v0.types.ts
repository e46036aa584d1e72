/**
 * Orders v0 (`ordersV0.json`), the parts the product reads, transcribed from the model's
 * definitions with the model's names. Every property the model does not require is optional;
 * Amazon adds fields over time, so unknown ones are tolerated (and ignored). Responses are
 * checked against the model itself in the tests (createModelValidator).
 */

export interface SpapiErrorEntry {
  code: string;
  message: string;
  details?: string;
}

export const ORDER_STATUSES_V0 = [
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
  'Unfulfillable',
  'InvoiceUnconfirmed',
  'PendingAvailability',
] as const;
export type OrderStatusV0 = (typeof ORDER_STATUSES_V0)[number];

/** `getOrders` query. Exactly one of `CreatedAfter`/`LastUpdatedAfter` (unless `NextToken`). */
export interface GetOrdersQuery {
  /** 1–50 marketplaces. */
  MarketplaceIds: readonly string[];
  CreatedAfter?: string;
  /** At least two minutes before the request. */
  CreatedBefore?: string;
  LastUpdatedAfter?: string;
  /** At least two minutes before the request. */
  LastUpdatedBefore?: string;
  OrderStatuses?: readonly OrderStatusV0[];
  FulfillmentChannels?: readonly ('MFN' | 'AFN')[];
  PaymentMethods?: readonly ('COD' | 'CVS' | 'Other')[];
  SellerOrderId?: string;
  /** 1–100. */
  MaxResultsPerPage?: number;
  EasyShipShipmentStatuses?: readonly string[];
  ElectronicInvoiceStatuses?: readonly string[];
  /** Sent as given; the client URL-encodes it. */
  NextToken?: string;
  /** Up to 50. */
  AmazonOrderIds?: readonly string[];
  ActualFulfillmentSupplySourceId?: string;
  IsISPU?: boolean;
  StoreChainStoreId?: string;
  EarliestDeliveryDateBefore?: string;
  EarliestDeliveryDateAfter?: string;
  LatestDeliveryDateBefore?: string;
  LatestDeliveryDateAfter?: string;
}

export interface Money {
  CurrencyCode?: string;
  Amount?: string;
}

/** Restricted (name, lines, phone) unless the call carried an RDT with `shippingAddress`. */
export interface AddressV0 {
  Name?: string;
  CompanyName?: string;
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  City?: string;
  County?: string;
  District?: string;
  StateOrRegion?: string;
  Municipality?: string;
  PostalCode?: string;
  CountryCode?: string;
  Phone?: string;
  AddressType?: 'Residential' | 'Commercial';
}

export interface BuyerTaxInfo {
  CompanyLegalName?: string;
  TaxingRegion?: string;
  TaxClassifications?: { Name?: string; Value?: string }[];
}

/** Restricted: empty unless the call carried an RDT with `buyerInfo`. */
export interface BuyerInfoV0 {
  BuyerEmail?: string;
  BuyerName?: string;
  BuyerCounty?: string;
  BuyerTaxInfo?: BuyerTaxInfo;
  PurchaseOrderNumber?: string;
}

export interface OrderV0 {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: OrderStatusV0;
  SellerOrderId?: string;
  FulfillmentChannel?: 'MFN' | 'AFN';
  SalesChannel?: string;
  OrderChannel?: string;
  ShipServiceLevel?: string;
  OrderTotal?: Money;
  NumberOfItemsShipped?: number;
  NumberOfItemsUnshipped?: number;
  PaymentMethod?: 'COD' | 'CVS' | 'Other';
  PaymentMethodDetails?: string[];
  MarketplaceId?: string;
  ShipmentServiceLevelCategory?: string;
  OrderType?: string;
  EarliestShipDate?: string;
  LatestShipDate?: string;
  EarliestDeliveryDate?: string;
  LatestDeliveryDate?: string;
  IsBusinessOrder?: boolean;
  IsPrime?: boolean;
  IsPremiumOrder?: boolean;
  IsGlobalExpressEnabled?: boolean;
  ReplacedOrderId?: string;
  IsReplacementOrder?: boolean;
  IsSoldByAB?: boolean;
  IsISPU?: boolean;
  IsAccessPointOrder?: boolean;
  SellerDisplayName?: string;
  ShippingAddress?: AddressV0;
  BuyerInfo?: BuyerInfoV0;
  HasRegulatedItems?: boolean;
  ElectronicInvoiceStatus?: string;
}

export interface OrdersListV0 {
  Orders: OrderV0[];
  NextToken?: string;
  LastUpdatedBefore?: string;
  CreatedBefore?: string;
}

export interface GetOrdersResponse {
  payload?: OrdersListV0;
  errors?: SpapiErrorEntry[];
}

export interface GetOrderResponse {
  payload?: OrderV0;
  errors?: SpapiErrorEntry[];
}

export interface OrderBuyerInfo extends BuyerInfoV0 {
  AmazonOrderId: string;
}

export interface GetOrderBuyerInfoResponse {
  payload?: OrderBuyerInfo;
  errors?: SpapiErrorEntry[];
}

export interface OrderAddress {
  AmazonOrderId: string;
  BuyerCompanyName?: string;
  ShippingAddress?: AddressV0;
}

export interface GetOrderAddressResponse {
  payload?: OrderAddress;
  errors?: SpapiErrorEntry[];
}

export interface OrderItemV0 {
  ASIN: string;
  OrderItemId: string;
  QuantityOrdered: number;
  SellerSKU?: string;
  Title?: string;
  QuantityShipped?: number;
  ItemPrice?: Money;
  ShippingPrice?: Money;
  ItemTax?: Money;
  ShippingTax?: Money;
  ShippingDiscount?: Money;
  PromotionDiscount?: Money;
  PromotionIds?: string[];
  IsGift?: string;
  ConditionNote?: string;
  ConditionId?: string;
  ConditionSubtypeId?: string;
  ScheduledDeliveryStartDate?: string;
  ScheduledDeliveryEndDate?: string;
  SerialNumberRequired?: boolean;
  IsTransparency?: boolean;
  /** Restricted: the gift message needs an RDT with `buyerInfo`. */
  BuyerInfo?: {
    GiftMessageText?: string;
    GiftWrapLevel?: string;
    GiftWrapPrice?: Money;
    GiftWrapTax?: Money;
    BuyerCustomizedInfo?: { CustomizedURL?: string };
  };
}

export interface GetOrderItemsResponse {
  payload?: { AmazonOrderId: string; OrderItems: OrderItemV0[]; NextToken?: string };
  errors?: SpapiErrorEntry[];
}

export interface OrderItemBuyerInfo {
  OrderItemId: string;
  GiftMessageText?: string;
  GiftWrapLevel?: string;
  GiftWrapPrice?: Money;
  GiftWrapTax?: Money;
  BuyerCustomizedInfo?: { CustomizedURL?: string };
}

export interface GetOrderItemsBuyerInfoResponse {
  payload?: { AmazonOrderId: string; OrderItems: OrderItemBuyerInfo[]; NextToken?: string };
  errors?: SpapiErrorEntry[];
}

/** Path and query of the per-order operations. */
export interface OrderPath {
  orderId: string;
}

export interface NextTokenQuery {
  NextToken?: string;
}
