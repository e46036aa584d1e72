/** Builds one synthetic order record from its own random stream. */
import type { MarketplaceInfo } from '../core/regions.js';
import { orderItemId } from './amazon-ids.js';
import type { CatalogProduct } from './catalog.js';
import { lineTaxMinor, localPriceMinor, money, orderTotalOf } from './money.js';
import type { SimBuyer, SimOrderItem, SimOrderRecord } from './order.types.js';
import { planTimeline } from './order-timeline.js';
import type { Prng, WeightedEntries } from './prng.js';
import {
  syntheticAddress,
  syntheticBuyerEmail,
  syntheticCompanyName,
  syntheticGiftMessage,
  syntheticPerson,
  syntheticPurchaseOrderNumber,
  type SyntheticPerson,
} from './synthetic-pii.js';
import { DAY_MS, endOfUtcDay, startOfUtcDay, toWholeSecond } from './time.js';

export type StoredItem = Omit<SimOrderItem, 'quantityShipped'>;
type Category = SimOrderRecord['shipmentServiceLevelCategory'];

export interface OrderFactoryInput {
  sellingPartnerId: string;
  amazonOrderId: string;
  marketplace: MarketplaceInfo;
  purchaseDate: number;
  catalog: readonly CatalogProduct[];
}

const TRANSIT_DAYS: Readonly<Record<Category, readonly [number, number]>> = {
  Standard: [2, 5],
  Expedited: [1, 3],
  SecondDay: [2, 2],
  NextDay: [1, 1],
  Priority: [1, 1],
};

/** MFN ship-service-level names in Amazon's style ("Std US D2D Dom"); FBA uses the category. */
export function shipServiceLevelName(
  channel: 'MFN' | 'AFN',
  category: Category,
  countryCode: string,
): string {
  if (channel === 'AFN') return category;
  const prefix: Readonly<Record<Category, string>> = {
    Standard: 'Std',
    Expedited: 'Exp',
    SecondDay: 'Second',
    NextDay: 'Next',
    Priority: 'Priority',
  };
  return countryCode === 'US'
    ? `${prefix[category]} US D2D Dom`
    : `${prefix[category]} ${countryCode} Dom_1`;
}

export interface ShippingWindows {
  earliestShipDate: number;
  latestShipDate: number;
  earliestDeliveryDate: number;
  latestDeliveryDate: number;
}

/** Ship-by = end of the handling day; deliver-by spans the category's transit days after it. */
export function shippingWindows(
  rng: Prng,
  purchaseDate: number,
  category: Category,
  fastHandling: boolean,
): ShippingWindows {
  const handlingDays = fastHandling
    ? rng.int(0, 1)
    : rng.weighted([
        [1, 5],
        [2, 3],
        [3, 2],
      ] as const);
  const latestShipDate = endOfUtcDay(purchaseDate + handlingDays * DAY_MS);
  const [minTransit, maxTransit] = TRANSIT_DAYS[category];
  return {
    earliestShipDate: toWholeSecond(purchaseDate),
    latestShipDate,
    earliestDeliveryDate: startOfUtcDay(latestShipDate + minTransit * DAY_MS),
    latestDeliveryDate: endOfUtcDay(latestShipDate + maxTransit * DAY_MS),
  };
}

function pickProducts(
  rng: Prng,
  catalog: readonly CatalogProduct[],
  count: number,
): CatalogProduct[] {
  const entries = catalog.map((p) => [p, p.weight] as const);
  const chosen: CatalogProduct[] = [];
  while (chosen.length < Math.min(count, catalog.length)) {
    const next = rng.weighted(entries);
    if (!chosen.includes(next)) chosen.push(next);
  }
  return chosen;
}

interface LineContext {
  marketplace: MarketplaceInfo;
  business: boolean;
  shippingMinor: number;
}

/** One priced line for a catalog product (ItemPrice = unit price x quantity, as in v0). */
export function pricedItem(
  rng: Prng,
  product: CatalogProduct,
  marketplace: MarketplaceInfo,
  quantityOrdered: number,
  shippingMinor = 0,
): StoredItem {
  const { countryCode, currencyCode } = marketplace;
  const lineMinor = localPriceMinor(product.usdCents, countryCode, currencyCode) * quantityOrdered;
  return {
    orderItemId: orderItemId(rng),
    asin: product.asin,
    sellerSku: product.sellerSku,
    title: product.title,
    quantityOrdered,
    itemPrice: money(lineMinor, currencyCode),
    shippingPrice: money(shippingMinor, currencyCode),
    itemTax: money(lineTaxMinor(lineMinor, countryCode), currencyCode),
  };
}

function buildItems(rng: Prng, catalog: readonly CatalogProduct[], ctx: LineContext): StoredItem[] {
  const lineCount = rng.weighted([
    [1, 70],
    [2, 18],
    [3, 8],
    [4, 4],
  ] as const);
  const businessPrice = ctx.business && rng.chance(0.6);
  return pickProducts(rng, catalog, lineCount).map((product, index) => {
    const quantityOrdered = rng.weighted([
      [1, 85],
      [2, 10],
      [3, 3],
      [5, 2],
    ] as const);
    const shipping = index === 0 ? ctx.shippingMinor : 0;
    const item = pricedItem(rng, product, ctx.marketplace, quantityOrdered, shipping);
    if (businessPrice) item.priceDesignation = 'BusinessPrice';
    return item;
  });
}

function buildBuyer(
  rng: Prng,
  person: SyntheticPerson,
  countryCode: string,
  business: boolean,
): SimBuyer {
  const buyer: SimBuyer = { name: person.fullName, email: syntheticBuyerEmail(rng, countryCode) };
  if (business) {
    buyer.companyName = syntheticCompanyName(rng, countryCode);
    if (rng.chance(0.7)) buyer.purchaseOrderNumber = syntheticPurchaseOrderNumber(rng);
  }
  return buyer;
}

function addGift(
  rng: Prng,
  items: StoredItem[],
  countryCode: string,
  names: { to: string; from: string },
): void {
  const wrapLevel = rng.chance(0.5) ? 'Classic' : undefined;
  const first = items[0];
  if (first && rng.chance(0.85))
    first.giftMessageText = syntheticGiftMessage(rng, countryCode, names);
  if (wrapLevel) for (const item of items) item.giftWrapLevel = wrapLevel;
}

function paymentFor(rng: Prng, countryCode: string, business: boolean) {
  if (countryCode === 'JP') {
    const method = rng.weighted([
      ['Other', 93],
      ['COD', 4],
      ['CVS', 3],
    ] as const);
    if (method !== 'Other') return { paymentMethod: method, paymentMethodDetails: [method] };
    return {
      paymentMethod: method,
      paymentMethodDetails: rng.chance(0.2) ? ['Standard', 'PointsAccount'] : ['Standard'],
    };
  }
  const invoice = business && ['DE', 'FR', 'GB'].includes(countryCode) && rng.chance(0.3);
  return {
    paymentMethod: 'Other' as const,
    paymentMethodDetails: [invoice ? 'Invoice' : 'Standard'],
  };
}

const PRIME_CATEGORIES: WeightedEntries<Category> = [
  ['Standard', 40],
  ['SecondDay', 35],
  ['NextDay', 20],
  ['Priority', 5],
];
const OTHER_CATEGORIES: WeightedEntries<Category> = [
  ['Standard', 82],
  ['Expedited', 14],
  ['SecondDay', 3],
  ['Priority', 1],
];

interface OrderTraits {
  channel: 'MFN' | 'AFN';
  business: boolean;
  gift: boolean;
  isPrime: boolean;
  category: Category;
  /** Shipping charged on the first line (0: free shipping). */
  shippingMinor: number;
}

/** ~30% FBA, 8% business, 7% gifts, Prime mostly on FBA, paid shipping on some MFN orders. */
function orderTraits(rng: Prng, marketplace: MarketplaceInfo): OrderTraits {
  const channel = rng.chance(0.3) ? 'AFN' : 'MFN';
  const business = rng.chance(0.08);
  const gift = !business && rng.chance(0.07);
  const isPrime = rng.chance(channel === 'AFN' ? 0.6 : 0.15);
  const category = rng.weighted(isPrime ? PRIME_CATEGORIES : OTHER_CATEGORIES);
  const paysShipping = channel === 'MFN' && !isPrime && rng.chance(0.45);
  const shippingMinor = paysShipping
    ? localPriceMinor(rng.int(399, 799), marketplace.countryCode, marketplace.currencyCode)
    : 0;
  return { channel, business, gift, isPrime, category, shippingMinor };
}

/** One complete order: items, buyer, address, service level, windows and its life. */
export function buildOrderRecord(rng: Prng, input: OrderFactoryInput): SimOrderRecord {
  const { marketplace, purchaseDate } = input;
  const { countryCode, currencyCode } = marketplace;
  const { channel, business, gift, isPrime, category, shippingMinor } = orderTraits(
    rng,
    marketplace,
  );
  const items = buildItems(rng, input.catalog, { marketplace, business, shippingMinor });
  const buyerPerson = syntheticPerson(rng, countryCode);
  const recipient = rng.chance(gift ? 0.85 : 0.12)
    ? syntheticPerson(rng, countryCode)
    : buyerPerson;
  if (gift)
    addGift(rng, items, countryCode, { to: recipient.givenName, from: buyerPerson.givenName });
  const commercial = business && rng.chance(0.8);
  const shippingAddress = syntheticAddress(rng, countryCode, {
    name: recipient.fullName,
    addressType: commercial ? 'Commercial' : 'Residential',
  });
  const windows = shippingWindows(rng, purchaseDate, category, channel === 'AFN' || isPrime);
  const planned = planTimeline(rng, { purchaseDate, fulfillmentChannel: channel, items });
  const record: SimOrderRecord = {
    amazonOrderId: input.amazonOrderId,
    sellingPartnerId: input.sellingPartnerId,
    marketplaceId: marketplace.id,
    purchaseDate: toWholeSecond(purchaseDate),
    fulfillmentChannel: channel,
    shipServiceLevel: shipServiceLevelName(channel, category, countryCode),
    shipmentServiceLevelCategory: category,
    ...paymentFor(rng, countryCode, business),
    isBusinessOrder: business,
    isPrime,
    isGift: gift,
    ...windows,
    buyer: buildBuyer(rng, buyerPerson, countryCode, business),
    shippingAddress,
    items,
    timeline: planned.timeline,
    canary: false,
    sellerOrderId: rng.chance(0.15) ? `${rng.digits(3)}-${rng.digits(6)}` : input.amazonOrderId,
    orderTotal: orderTotalOf(items, countryCode, currencyCode),
    isPremiumOrder: category === 'Priority',
  };
  if (planned.cancellation) record.cancellation = planned.cancellation;
  return record;
}
