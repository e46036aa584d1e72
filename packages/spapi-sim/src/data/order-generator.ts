/**
 * Deterministic order history for one seller. Same options, same orders, byte for byte:
 * every order draws from its own stream derived from (seed, seller, index), so neither the
 * number of orders of other sellers nor the draws of other orders change it.
 */
import { marketplaceInfo, type MarketplaceInfo } from '../core/regions.js';
import { amazonOrderId } from './amazon-ids.js';
import { sellerCatalog } from './catalog.js';
import type { SimOrderRecord } from './order.types.js';
import { buildOrderRecord } from './order-factory.js';
import { createRng, deriveSeed, type Prng } from './prng.js';
import { DAY_MS } from './time.js';

export interface GenerateSellerOrdersOptions {
  sellingPartnerId: string;
  /** Marketplaces the seller sells in; the first gets most orders. */
  marketplaceIds: readonly string[];
  seed: string | number;
  count: number;
  /** The simulator's "now" at start-up (epoch ms). */
  now: number;
  /** Purchase dates start this many days before now. */
  historyDays: number;
  /** Purchase dates reach this many days past now: those orders appear as the clock advances. */
  futureDays?: number;
}

export function resolveMarketplaces(marketplaceIds: readonly string[]): MarketplaceInfo[] {
  if (marketplaceIds.length === 0) throw new RangeError('A seller needs at least one marketplace');
  return marketplaceIds.map((id) => {
    const info = marketplaceInfo(id);
    if (!info) throw new RangeError(`Unknown marketplace ${id}`);
    return info;
  });
}

/** Anything that can say whether an order id is taken (a Set, a Map). */
export interface TakenIds {
  has(id: string): boolean;
}

/** Picks an order id not yet used by this seller (collisions are astronomically rare). */
export function uniqueOrderId(rng: Prng, countryCode: string, used: TakenIds): string {
  let id = amazonOrderId(rng, countryCode);
  while (used.has(id)) id = amazonOrderId(rng, countryCode);
  return id;
}

/** The seller's orders, sorted by purchase date (then order id). */
export function generateSellerOrders(options: GenerateSellerOrdersOptions): SimOrderRecord[] {
  const { sellingPartnerId, seed, count, now, historyDays } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError('count must be a whole number >= 0');
  const futureDays = options.futureDays ?? 0;
  const marketplaces = resolveMarketplaces(options.marketplaceIds);
  const marketplaceWeights = marketplaces.map((m, i) => [m, i === 0 ? 1 : 0.5 / i] as const);
  const catalog = sellerCatalog(seed, sellingPartnerId);
  const sellerSeed = deriveSeed(seed, `seller:${sellingPartnerId}`);
  const windowStart = now - historyDays * DAY_MS;
  const windowEnd = now + futureDays * DAY_MS;
  const usedIds = new Set<string>();
  const records: SimOrderRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const rng = createRng(deriveSeed(sellerSeed, `order:${index}`));
    const marketplace = rng.weighted(marketplaceWeights);
    const orderId = uniqueOrderId(rng.child('id'), marketplace.countryCode, usedIds);
    usedIds.add(orderId);
    records.push(
      buildOrderRecord(rng, {
        sellingPartnerId,
        amazonOrderId: orderId,
        marketplace,
        purchaseDate: rng.float(windowStart, windowEnd),
        catalog,
      }),
    );
  }
  return records.sort(byPurchaseDate);
}

export function byPurchaseDate(a: SimOrderRecord, b: SimOrderRecord): number {
  return a.purchaseDate - b.purchaseDate || (a.amazonOrderId < b.amazonOrderId ? -1 : 1);
}
