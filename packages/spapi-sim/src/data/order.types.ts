/**
 * The simulator's internal order record. Routes filter on these fields; the serializers in
 * this folder map them to the v0 and 2026-01-01 model shapes. All PII is synthetic.
 * Times are epoch milliseconds on the simulator clock.
 */
export const ORDER_STATUSES = [
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An amount in Amazon's style: a decimal string in the currency's minor-unit precision. */
export interface SimMoney {
  currencyCode: string;
  amount: string;
}

export interface SimAddress {
  name: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  county?: string;
  stateOrRegion: string;
  postalCode: string;
  countryCode: string;
  phone: string;
  addressType: 'Residential' | 'Commercial';
}

export interface SimBuyer {
  name: string;
  /** Amazon's anonymised marketplace email, e.g. `abc123@marketplace.amazon.com`. */
  email: string;
  companyName?: string;
  purchaseOrderNumber?: string;
}

/** Who canceled an order and why (2026-01-01 `ItemCancellationExecution`). */
export interface SimCancellation {
  by: 'BUYER' | 'MERCHANT' | 'AMAZON';
  reason: string;
}

export interface SimOrderItem {
  orderItemId: string;
  asin: string;
  sellerSku: string;
  title: string;
  quantityOrdered: number;
  /** Quantity shipped at the moment the view was computed. */
  quantityShipped: number;
  /** Price of the line (unit price x quantity), as v0 `ItemPrice`. */
  itemPrice: SimMoney;
  shippingPrice?: SimMoney;
  /** Tax on the line; included in itemPrice where the marketplace prices include tax. */
  itemTax?: SimMoney;
  /** `BusinessPrice` when the line was sold at an Amazon Business price. */
  priceDesignation?: 'BusinessPrice';
  giftMessageText?: string;
  giftWrapLevel?: string;
}

/** One change in an order's life. The order's state at time t is the last event with at <= t. */
export interface SimOrderEvent {
  at: number;
  status: OrderStatus;
  /** Units shipped per orderItemId after this event. */
  shipped: Record<string, number>;
}

/** The stored order: immutable facts plus its timeline. */
export interface SimOrderRecord {
  amazonOrderId: string;
  sellingPartnerId: string;
  marketplaceId: string;
  purchaseDate: number;
  fulfillmentChannel: 'MFN' | 'AFN';
  shipServiceLevel: string;
  shipmentServiceLevelCategory: 'Standard' | 'Expedited' | 'SecondDay' | 'NextDay' | 'Priority';
  paymentMethod: 'Other' | 'COD' | 'CVS';
  isBusinessOrder: boolean;
  isPrime: boolean;
  isGift: boolean;
  earliestShipDate: number;
  latestShipDate: number;
  earliestDeliveryDate: number;
  latestDeliveryDate: number;
  buyer: SimBuyer;
  shippingAddress: SimAddress;
  items: Omit<SimOrderItem, 'quantityShipped'>[];
  timeline: SimOrderEvent[];
  /** Canary records are planted to detect misuse; they behave like any other order. */
  canary: boolean;
  /** Seller-defined id; Amazon fills it with the AmazonOrderId when the seller sets none. */
  sellerOrderId?: string;
  /** Total the buyer pays (v0 `OrderTotal`); computed from the items when absent. */
  orderTotal?: SimMoney;
  /** v0 `PaymentMethodDetails`, e.g. `["Standard"]`, `["COD"]`. */
  paymentMethodDetails?: string[];
  isPremiumOrder?: boolean;
  /** Present on canceled orders. */
  cancellation?: SimCancellation;
}

/** One hand-over to the carrier: the units that left in it, per orderItemId. */
export interface SimShipment {
  at: number;
  quantities: Record<string, number>;
}

/** An order as seen at one instant (what the routes serve). */
export interface SimOrderView extends Omit<SimOrderRecord, 'timeline' | 'items'> {
  status: OrderStatus;
  lastUpdateDate: number;
  /** Time of the first shipment event, if any. */
  shippedAt?: number;
  items: SimOrderItem[];
  /** The instant this view was computed for (some fields depend on it, e.g. phone suppression). */
  viewedAt: number;
  /** When payment was authorized (the order left Pending for Unshipped), if it has happened. */
  paymentsDate?: number;
  /** Shipments that happened at or before viewedAt, oldest first. */
  shipments: SimShipment[];
}
