/**
 * Orders added through the control API: the caller gives some fields (a canary gives its own
 * PII), the rest is generated like any other order so the record is complete and consistent.
 */
import type { CatalogProduct } from './catalog.js';
import { lineTaxMinor, money, orderTotalOf, toMinor } from './money.js';
import type {
  OrderStatus,
  SimAddress,
  SimBuyer,
  SimMoney,
  SimOrderEvent,
  SimOrderRecord,
} from './order.types.js';
import {
  buildOrderRecord,
  pricedItem,
  shipServiceLevelName,
  type StoredItem,
} from './order-factory.js';
import { resolveMarketplaces, uniqueOrderId, type TakenIds } from './order-generator.js';
import { fixedStatusTimeline, planTimeline } from './order-timeline.js';
import type { Prng } from './prng.js';
import { toWholeSecond } from './time.js';

export interface OrderItemInput {
  orderItemId?: string;
  asin?: string;
  sellerSku?: string;
  title?: string;
  quantityOrdered?: number;
  /** Line price (unit price x quantity). */
  itemPrice?: SimMoney;
  giftMessageText?: string;
  giftWrapLevel?: string;
}

export interface OrderInput {
  amazonOrderId?: string;
  marketplaceId?: string;
  /** Defaults to the store's clock. */
  purchaseDate?: number;
  fulfillmentChannel?: SimOrderRecord['fulfillmentChannel'];
  shipmentServiceLevelCategory?: SimOrderRecord['shipmentServiceLevelCategory'];
  isBusinessOrder?: boolean;
  isPrime?: boolean;
  buyer?: Partial<SimBuyer>;
  shippingAddress?: Partial<SimAddress>;
  items?: OrderItemInput[];
  /** Holds this status from the purchase instant on (no progression). */
  status?: OrderStatus;
  /** An explicit life; wins over `status`. Without either the order progresses like generated ones. */
  timeline?: SimOrderEvent[];
  canary?: boolean;
}

export interface OrderInputContext {
  sellingPartnerId: string;
  catalog: readonly CatalogProduct[];
  defaultMarketplaceId: string;
  now: number;
  usedOrderIds: TakenIds;
}

function mergeItems(
  rng: Prng,
  ctx: OrderInputContext,
  base: SimOrderRecord,
  inputs: readonly OrderItemInput[],
): StoredItem[] {
  const [marketplace] = resolveMarketplaces([base.marketplaceId]);
  if (!marketplace) throw new RangeError(`Unknown marketplace ${base.marketplaceId}`);
  return inputs.map((input, index) => {
    const product = ctx.catalog[index % ctx.catalog.length];
    const generated =
      base.items[index] ?? (product ? pricedItem(rng, product, marketplace, 1) : undefined);
    if (!generated) throw new RangeError('The seller has no catalog to build items from');
    const quantityOrdered = input.quantityOrdered ?? generated.quantityOrdered;
    const unitMinor = toMinor(generated.itemPrice) / generated.quantityOrdered;
    const itemPrice =
      input.itemPrice ?? money(unitMinor * quantityOrdered, marketplace.currencyCode);
    const item: StoredItem = {
      ...generated,
      ...input,
      quantityOrdered,
      itemPrice,
      itemTax: money(
        lineTaxMinor(toMinor(itemPrice), marketplace.countryCode),
        itemPrice.currencyCode,
      ),
    };
    return item;
  });
}

function timelineFor(
  rng: Prng,
  input: OrderInput,
  record: SimOrderRecord,
): Pick<SimOrderRecord, 'timeline' | 'cancellation'> {
  if (input.timeline) return { timeline: [...input.timeline].sort((a, b) => a.at - b.at) };
  if (input.status) {
    const timeline = fixedStatusTimeline(input.status, record.purchaseDate, record.items);
    return input.status === 'Canceled'
      ? { timeline, cancellation: { by: 'BUYER', reason: 'Order created by mistake' } }
      : { timeline };
  }
  const planned = planTimeline(rng.child('timeline'), {
    purchaseDate: record.purchaseDate,
    fulfillmentChannel: record.fulfillmentChannel,
    items: record.items,
  });
  return planned.cancellation
    ? { timeline: planned.timeline, cancellation: planned.cancellation }
    : { timeline: planned.timeline };
}

/** A complete record from a partial input; generated fields come from `rng`. */
export function recordFromInput(
  rng: Prng,
  ctx: OrderInputContext,
  input: OrderInput,
): SimOrderRecord {
  const [marketplace] = resolveMarketplaces([input.marketplaceId ?? ctx.defaultMarketplaceId]);
  if (!marketplace) throw new RangeError('No marketplace for the order');
  const amazonOrderId =
    input.amazonOrderId ??
    uniqueOrderId(rng.child('id'), marketplace.countryCode, ctx.usedOrderIds);
  const base = buildOrderRecord(rng, {
    sellingPartnerId: ctx.sellingPartnerId,
    amazonOrderId,
    marketplace,
    purchaseDate: toWholeSecond(input.purchaseDate ?? ctx.now),
    catalog: ctx.catalog,
  });
  const rest: SimOrderRecord = { ...base };
  delete rest.cancellation; // the life is re-planned below
  const channel = input.fulfillmentChannel ?? base.fulfillmentChannel;
  const category = input.shipmentServiceLevelCategory ?? base.shipmentServiceLevelCategory;
  const items = input.items ? mergeItems(rng, ctx, base, input.items) : base.items;
  const record: SimOrderRecord = {
    ...rest,
    fulfillmentChannel: channel,
    shipmentServiceLevelCategory: category,
    shipServiceLevel: shipServiceLevelName(channel, category, marketplace.countryCode),
    isBusinessOrder: input.isBusinessOrder ?? base.isBusinessOrder,
    isPrime: input.isPrime ?? base.isPrime,
    isGift: base.isGift || items.some((item) => item.giftMessageText !== undefined),
    buyer: { ...base.buyer, ...input.buyer },
    shippingAddress: { ...base.shippingAddress, ...input.shippingAddress },
    items,
    orderTotal: orderTotalOf(items, marketplace.countryCode, marketplace.currencyCode),
    canary: input.canary ?? false,
  };
  return { ...record, ...timelineFor(rng, input, record) };
}
