/**
 * The subset of Orders v0 definitions (ordersV0.json) the simulator emits, with the model's
 * field names. Tests validate every emitted value against the model itself.
 */
export interface V0Money {
  CurrencyCode: string;
  Amount: string;
}

export interface V0Address {
  Name?: string;
  CompanyName?: string;
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  County?: string;
  StateOrRegion?: string;
  PostalCode?: string;
  CountryCode?: string;
  Phone?: string;
  AddressType?: 'Residential' | 'Commercial';
}

export interface V0BuyerInfo {
  BuyerEmail?: string;
  BuyerName?: string;
  PurchaseOrderNumber?: string;
}

export interface V0Order {
  AmazonOrderId: string;
  SellerOrderId?: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: string;
  FulfillmentChannel: 'MFN' | 'AFN';
  SalesChannel?: string;
  ShipServiceLevel: string;
  OrderTotal?: V0Money;
  NumberOfItemsShipped: number;
  NumberOfItemsUnshipped: number;
  PaymentMethod: 'COD' | 'CVS' | 'Other';
  PaymentMethodDetails: string[];
  IsReplacementOrder: boolean;
  MarketplaceId: string;
  ShipmentServiceLevelCategory: string;
  OrderType: 'StandardOrder';
  EarliestShipDate: string;
  LatestShipDate: string;
  EarliestDeliveryDate?: string;
  LatestDeliveryDate?: string;
  IsBusinessOrder: boolean;
  IsPrime: boolean;
  IsGlobalExpressEnabled: boolean;
  IsPremiumOrder: boolean;
  IsSoldByAB: boolean;
  IsIBA: boolean;
  IsISPU: boolean;
  IsAccessPointOrder: boolean;
  HasRegulatedItems: boolean;
  ShippingAddress?: V0Address;
  BuyerInfo: V0BuyerInfo;
  AutomatedShippingSettings?: { HasAutomatedShippingSettings: boolean };
}

export interface V0ItemBuyerInfo {
  GiftMessageText?: string;
  GiftWrapLevel?: string;
}

export interface V0OrderItem {
  ASIN: string;
  OrderItemId: string;
  SellerSKU: string;
  Title: string;
  QuantityOrdered: number;
  QuantityShipped: number;
  ProductInfo: { NumberOfItems: string };
  ItemPrice?: V0Money;
  ShippingPrice?: V0Money;
  ItemTax?: V0Money;
  PromotionDiscount?: V0Money;
  IsGift?: 'true' | 'false';
  ConditionId: string;
  ConditionSubtypeId: string;
  IsTransparency: boolean;
  SerialNumberRequired: boolean;
  PriceDesignation?: string;
  BuyerInfo: V0ItemBuyerInfo;
}

export interface V0OrderItemsList {
  AmazonOrderId: string;
  OrderItems: V0OrderItem[];
}

export interface V0OrderAddress {
  AmazonOrderId: string;
  BuyerCompanyName?: string;
  ShippingAddress?: V0Address;
}

export interface V0OrderBuyerInfo extends V0BuyerInfo {
  AmazonOrderId: string;
}

export interface V0OrderItemBuyerInfo extends V0ItemBuyerInfo {
  OrderItemId: string;
}

export interface V0OrderItemsBuyerInfoList {
  AmazonOrderId: string;
  OrderItems: V0OrderItemBuyerInfo[];
}
