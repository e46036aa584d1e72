/**
 * Order views in the Orders 2026-01-01 `Order` shape, items inline. What appears follows the
 * model's sandbox cases: the base order has ids, times, programs, sales channel and items
 * (product); each `includedData` value adds its dataset:
 *
 * - BUYER: `buyer`, only when the caller holds the role (no RDT in this version). Left out
 *   otherwise. `buyerEmail` only for MFN ("Only available for merchant-fulfilled (FBM) orders").
 * - RECIPIENT: `recipient.deliveryAddress`. Without the role only the non-restricted part
 *   (city, stateOrRegion, postalCode, countryCode), as v0 does without an RDT; Amazon's
 *   answer on the 2026 tracker: the role is needed "to unlock the full delivery address".
 * - FULFILLMENT: order `fulfillment` (status, windows) and item `fulfillment` (quantities,
 *   `packing.giftOption`). The gift *message* lives there and needs `giftMessageAllowed`.
 * - PROCEEDS: order and item proceeds (not while Pending or Canceled).
 * - CANCELLATION: item `cancellation` on canceled orders.
 * - PACKAGES: one package per shipment (MFN only, "Only available for merchant-fulfilled").
 * - EXPENSE, PROMOTION, TAX, PAYMENT, FULFILLMENT_ORDERS: accepted, nothing to add.
 * Buyer and recipient data are also gated by status (see restricted-data-rules.ts); the
 * address fields a caller sees are shared with v0 (shipping-address.ts).
 */
import { withoutUndefined } from '../core/objects.js';
import { marketplaceInfo } from '../core/regions.js';
import { packageLabel } from './carriers.js';
import { countryPricing, money, toMinor } from './money.js';
import type { OrderStatus, SimMoney, SimOrderItem, SimOrderView } from './order.types.js';
import {
  buyerDataAvailable,
  deliveryWindowAvailable,
  giftMessageAvailable,
  pricingAvailable,
} from './restricted-data-rules.js';
import type {
  Buyer2026,
  CustomerAddress2026,
  FulfillmentStatus2026,
  ItemFulfillment2026,
  Money2026,
  Order2026,
  OrderFulfillment2026,
  OrderItem2026,
  OrderPackage2026,
  ProceedsBreakdown2026,
} from './serialize-2026.types.js';
import { visibleShippingAddress } from './shipping-address.js';
import { DAY_MS, HOUR_MS, isoSeconds } from './time.js';

/** The model's `includedData` enum (searchOrders and getOrder): the datasets an order can carry. */
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

export interface Order2026Options {
  includedData: ReadonlySet<string>;
  /** The caller may receive buyer data (restricted role granted). */
  buyerAllowed: boolean;
  /** The caller may receive the full delivery address (Direct-to-Consumer Shipping role). */
  recipientAllowed: boolean;
  /** Gift messages are restricted data; defaults to `recipientAllowed`. */
  giftMessageAllowed?: boolean;
}

export const FULFILLMENT_STATUS_2026: Readonly<Record<OrderStatus, FulfillmentStatus2026>> = {
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
};

const SERVICE_LEVEL_2026: Readonly<Record<SimOrderView['shipmentServiceLevelCategory'], string>> = {
  Standard: 'STANDARD',
  Expedited: 'EXPEDITED',
  SecondDay: 'SECOND_DAY',
  NextDay: 'NEXT_DAY',
  Priority: 'PRIORITY',
};

const ADDRESS_TYPE_2026 = { Residential: 'RESIDENTIAL', Commercial: 'COMMERCIAL' } as const;

const money2026 = (value: SimMoney): Money2026 => ({
  amount: value.amount,
  currencyCode: value.currencyCode,
});

function countryOf(view: SimOrderView): string {
  return marketplaceInfo(view.marketplaceId)?.countryCode ?? view.shippingAddress.countryCode;
}

function deliveryAddress(view: SimOrderView, full: boolean): CustomerAddress2026 {
  const a = visibleShippingAddress(view, full);
  return withoutUndefined({
    name: a.name,
    companyName: a.companyName,
    addressLine1: a.addressLine1,
    addressLine2: a.addressLine2,
    city: a.city,
    districtOrCounty: a.county,
    stateOrRegion: a.stateOrRegion,
    postalCode: a.postalCode,
    countryCode: a.countryCode,
    phone: a.phone,
    addressType: a.addressType && ADDRESS_TYPE_2026[a.addressType],
  });
}

function buyer(view: SimOrderView): Buyer2026 {
  const out: Buyer2026 = { buyerName: view.buyer.name };
  if (view.fulfillmentChannel === 'MFN') out.buyerEmail = view.buyer.email;
  if (view.buyer.companyName !== undefined) out.buyerCompanyName = view.buyer.companyName;
  if (view.buyer.purchaseOrderNumber !== undefined)
    out.buyerPurchaseOrderNumber = view.buyer.purchaseOrderNumber;
  return out;
}

/** Breakdowns that add up to the total; where prices include tax, ITEM is net of it. */
function itemBreakdowns(view: SimOrderView, item: SimOrderItem): ProceedsBreakdown2026[] {
  const currency = item.itemPrice.currencyCode;
  const tax = item.itemTax ? toMinor(item.itemTax) : 0;
  const price = toMinor(item.itemPrice);
  const net = countryPricing(countryOf(view)).taxIncluded ? price - tax : price;
  const out: ProceedsBreakdown2026[] = [
    { type: 'ITEM', subtotal: money2026(money(net, currency)) },
  ];
  const shipping = item.shippingPrice ? toMinor(item.shippingPrice) : 0;
  if (shipping > 0) out.push({ type: 'SHIPPING', subtotal: money2026(money(shipping, currency)) });
  out.push({ type: 'TAX', subtotal: money2026(money(tax, currency)) });
  return out;
}

function sumBreakdowns(breakdowns: readonly ProceedsBreakdown2026[], currency: string): Money2026 {
  return money2026(
    money(
      breakdowns.reduce((total, b) => total + toMinor(b.subtotal), 0),
      currency,
    ),
  );
}

function itemFulfillment(
  view: SimOrderView,
  item: SimOrderItem,
  giftMessageAllowed: boolean,
): ItemFulfillment2026 {
  const canceled = view.status === 'Canceled';
  const out: ItemFulfillment2026 = {
    quantityFulfilled: item.quantityShipped,
    quantityUnfulfilled: canceled ? 0 : item.quantityOrdered - item.quantityShipped,
  };
  const giftOption: { giftMessage?: string; giftWrapLevel?: string } = {};
  if (item.giftMessageText !== undefined && giftMessageAllowed && giftMessageAvailable(view)) {
    giftOption.giftMessage = item.giftMessageText;
  }
  if (item.giftWrapLevel !== undefined) giftOption.giftWrapLevel = item.giftWrapLevel.toUpperCase();
  if (Object.keys(giftOption).length > 0) out.packing = { giftOption };
  return out;
}

function orderItem(
  view: SimOrderView,
  item: SimOrderItem,
  options: Order2026Options,
): OrderItem2026 {
  const data = options.includedData;
  const out: OrderItem2026 = {
    orderItemId: item.orderItemId,
    quantityOrdered: item.quantityOrdered,
    product: {
      asin: item.asin,
      title: item.title,
      sellerSku: item.sellerSku,
      condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
    },
  };
  if (pricingAvailable(view)) {
    const unit = Math.round(toMinor(item.itemPrice) / item.quantityOrdered);
    out.product.price = { unitPrice: money2026(money(unit, item.itemPrice.currencyCode)) };
    if (item.priceDesignation === 'BusinessPrice')
      out.product.price.priceDesignation = 'BUSINESS_PRICE';
  }
  if (data.has('PROCEEDS') && pricingAvailable(view) && view.status !== 'Canceled') {
    const breakdowns = itemBreakdowns(view, item);
    out.proceeds = {
      proceedsTotal: sumBreakdowns(breakdowns, item.itemPrice.currencyCode),
      breakdowns,
    };
  }
  if (data.has('CANCELLATION') && view.status === 'Canceled' && view.cancellation) {
    const { by, reason } = view.cancellation;
    out.cancellation = { cancellationExecution: { cancelledBy: by, cancelReason: reason } };
    if (by === 'BUYER')
      out.cancellation.cancellationRequest = { requester: 'BUYER', cancelReason: reason };
  }
  if (data.has('FULFILLMENT')) {
    out.fulfillment = itemFulfillment(
      view,
      item,
      options.giftMessageAllowed ?? options.recipientAllowed,
    );
  }
  return out;
}

function orderProceeds(
  view: SimOrderView,
  items: readonly OrderItem2026[],
): NonNullable<Order2026['proceeds']> {
  const currency = view.items[0]?.itemPrice.currencyCode ?? 'USD';
  const totals = new Map<ProceedsBreakdown2026['type'], number>();
  for (const item of items) {
    for (const b of item.proceeds?.breakdowns ?? [])
      totals.set(b.type, (totals.get(b.type) ?? 0) + toMinor(b.subtotal));
  }
  const breakdowns = [...totals].map(([type, minor]) => ({
    type,
    subtotal: money2026(money(minor, currency)),
  }));
  return { grandTotal: sumBreakdowns(breakdowns, currency), breakdowns };
}

function packages(view: SimOrderView): OrderPackage2026[] {
  const country = countryOf(view);
  return view.shipments.map((shipment, index) => {
    const label = packageLabel(view.amazonOrderId, index, country);
    const delivered = view.viewedAt >= Math.min(view.latestDeliveryDate, shipment.at + 3 * DAY_MS);
    return {
      packageReferenceId: String(index + 1),
      createdTime: isoSeconds(Math.max(view.purchaseDate, shipment.at - HOUR_MS)),
      packageStatus: { status: delivered ? 'DELIVERED' : 'IN_TRANSIT' },
      ...label,
      shipTime: isoSeconds(shipment.at),
      packageItems: Object.entries(shipment.quantities).map(([orderItemId, quantity]) => ({
        orderItemId,
        quantity,
      })),
    };
  });
}

function programs(view: SimOrderView): string[] {
  const out: string[] = [];
  if (view.isBusinessOrder) out.push('AMAZON_BUSINESS');
  if (view.isPremiumOrder) out.push('PREMIUM');
  if (view.isPrime) out.push('PRIME');
  return out;
}

function orderFulfillment(view: SimOrderView): OrderFulfillment2026 {
  const out: OrderFulfillment2026 = {
    fulfillmentStatus: FULFILLMENT_STATUS_2026[view.status],
    fulfilledBy: view.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT',
    fulfillmentServiceLevel: SERVICE_LEVEL_2026[view.shipmentServiceLevelCategory],
    shipByWindow: {
      earliestDateTime: isoSeconds(view.earliestShipDate),
      latestDateTime: isoSeconds(view.latestShipDate),
    },
  };
  if (deliveryWindowAvailable(view)) {
    out.deliverByWindow = {
      earliestDateTime: isoSeconds(view.earliestDeliveryDate),
      latestDateTime: isoSeconds(view.latestDeliveryDate),
    };
  }
  return out;
}

/** The 2026-01-01 `Order` definition, keys in the model's order. */
export function to2026Order(view: SimOrderView, options: Order2026Options): Order2026 {
  const data = options.includedData;
  const orderItems = view.items.map((item) => orderItem(view, item, options));
  const programList = programs(view);
  const marketplaceName = marketplaceInfo(view.marketplaceId)?.salesChannel;
  const piiReady = buyerDataAvailable(view);
  const priced = pricingAvailable(view) && view.status !== 'Canceled';
  const aliased = view.sellerOrderId !== undefined && view.sellerOrderId !== view.amazonOrderId;
  return {
    orderId: view.amazonOrderId,
    ...(aliased && view.sellerOrderId !== undefined
      ? { orderAliases: [{ aliasId: view.sellerOrderId, aliasType: 'SELLER_ORDER_ID' as const }] }
      : {}),
    createdTime: isoSeconds(view.purchaseDate),
    lastUpdatedTime: isoSeconds(view.lastUpdateDate),
    ...(programList.length > 0 ? { programs: programList } : {}),
    salesChannel: {
      channelName: 'AMAZON',
      marketplaceId: view.marketplaceId,
      ...(marketplaceName === undefined ? {} : { marketplaceName }),
    },
    ...(data.has('BUYER') && options.buyerAllowed && piiReady ? { buyer: buyer(view) } : {}),
    ...(data.has('RECIPIENT') && piiReady
      ? { recipient: { deliveryAddress: deliveryAddress(view, options.recipientAllowed) } }
      : {}),
    ...(data.has('PROCEEDS') && priced ? { proceeds: orderProceeds(view, orderItems) } : {}),
    ...(data.has('FULFILLMENT') ? { fulfillment: orderFulfillment(view) } : {}),
    orderItems,
    ...(data.has('PACKAGES') && view.fulfillmentChannel === 'MFN' && view.shipments.length > 0
      ? { packages: packages(view) }
      : {}),
  };
}
