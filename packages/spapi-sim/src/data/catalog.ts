/**
 * A seller's synthetic product catalog, derived from (seed, sellingPartnerId) alone; orders
 * added later through the store reuse the products of the seller's existing orders.
 */
import { marketplaceInfo } from '../core/regions.js';
import { asin, autoSku } from './amazon-ids.js';
import { countryPricing, minorDigits, toMinor } from './money.js';
import type { SimOrderRecord } from './order.types.js';
import { createRng, deriveSeed, type Prng } from './prng.js';

export interface CatalogProduct {
  asin: string;
  sellerSku: string;
  title: string;
  /** Shelf price in US cents; converted per marketplace by money.localPriceMinor. */
  usdCents: number;
  /** Relative popularity (Zipf-like). */
  weight: number;
}

const BRANDS = [
  'Harbor & Pine',
  'Kestrel Home',
  'Brightfold',
  'Tidewell',
  'Oakhurst',
  'Lumenly',
  'Fernwood & Co.',
  'Nordvik',
] as const;

/** [product, code, min USD cents, max USD cents] */
const PRODUCTS: readonly (readonly [string, string, number, number])[] = [
  ['Cotton Throw Blanket, 50 x 60 in', 'THROW', 2499, 5999],
  ['Ceramic Pour-Over Coffee Dripper', 'DRIP', 1599, 2999],
  ['Insulated Stainless Steel Water Bottle, 24 oz', 'BTL24', 1299, 2999],
  ['Bamboo Cutting Board Set, 3-Piece', 'CUTBRD', 1999, 3999],
  ['Dimmable LED Desk Lamp with USB Port', 'LAMP', 2299, 4999],
  ['Linen Pillow Covers, 18 x 18 in, 2-Pack', 'PLWCV', 1499, 2999],
  ['Pre-Seasoned Cast Iron Skillet, 10 in', 'SKLT10', 2499, 4499],
  ['Silicone Baking Mat, Set of 2', 'BKMAT', 899, 1699],
  ['Merino Wool Hiking Socks, 3 Pairs', 'SOCK3', 1599, 2799],
  ['Adjustable Aluminum Phone Stand', 'PSTND', 799, 1999],
  ['Glass Food Storage Containers, 10-Piece', 'GLS10', 2999, 4999],
  ['Scented Soy Candle, 8 oz', 'CNDL8', 1199, 2499],
  ['Insulated Lunch Bag', 'LUNCH', 1499, 2999],
  ['Non-Slip Yoga Mat, 6 mm', 'YOGA6', 1999, 5999],
  ['Braided USB-C Charging Cable, 6 ft', 'USBC6', 699, 1599],
  ['Wooden Jigsaw Puzzle, 500 Pieces', 'PZL500', 1299, 3499],
  ['Waffle Weave Bath Towels, Set of 4', 'TWL4', 2999, 5499],
  ['Stoneware Dinner Plates, Set of 6', 'PLT6', 3499, 6999],
  ['Reusable Beeswax Food Wraps, 6-Pack', 'WRAP6', 1199, 2199],
  ['Kids Rain Boots', 'RBOOT', 1999, 3499],
];

const COLORS = [
  ['Slate Grey', 'SLG'],
  ['Sage Green', 'SGE'],
  ['Navy', 'NVY'],
  ['Terracotta', 'TER'],
  ['Oat', 'OAT'],
  ['Charcoal', 'CHR'],
  ['Dusty Rose', 'DRS'],
  ['Natural', 'NAT'],
] as const;

function brandCode(brand: string): string {
  return brand
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0 && word !== 'Co')
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}

function product(rng: Prng, brand: string, rank: number, usedAsins: Set<string>): CatalogProduct {
  const [name, code, min, max] = rng.pick(PRODUCTS);
  const [color, colorCode] = rng.pick(COLORS);
  let id = asin(rng);
  while (usedAsins.has(id)) id = asin(rng);
  usedAsins.add(id);
  const sellerSku = rng.chance(0.6)
    ? `${brandCode(brand)}-${code}-${colorCode}-${rng.digits(2)}`
    : autoSku(rng);
  return {
    asin: id,
    sellerSku,
    title: `${brand} ${name}, ${color}`,
    usdCents: Math.round(rng.int(min, max) / 100) * 100 - 1,
    weight: 1 / (rank + 1) ** 0.9,
  };
}

/** 30-80 products; the first ones sell most. */
export function sellerCatalog(seed: string | number, sellingPartnerId: string): CatalogProduct[] {
  const rng = createRng(deriveSeed(seed, `catalog:${sellingPartnerId}`));
  const brand = rng.pick(BRANDS);
  const size = rng.int(30, 80);
  const usedAsins = new Set<string>();
  const products: CatalogProduct[] = [];
  for (let rank = 0; rank < size; rank += 1) products.push(product(rng, brand, rank, usedAsins));
  return products;
}

/**
 * The products found in existing orders, most-ordered first, so orders added later sell the
 * same ASINs and SKUs as the seeded history whatever seed produced it.
 */
export function catalogFromRecords(records: readonly SimOrderRecord[]): CatalogProduct[] {
  const seen = new Map<string, { product: CatalogProduct; count: number }>();
  for (const record of records) {
    const country = marketplaceInfo(record.marketplaceId)?.countryCode ?? 'US';
    for (const item of record.items) {
      const entry = seen.get(item.asin);
      if (entry) {
        entry.count += 1;
        continue;
      }
      const unitMajor =
        toMinor(item.itemPrice) /
        10 ** minorDigits(item.itemPrice.currencyCode) /
        item.quantityOrdered;
      const usdCents = Math.round((unitMajor / countryPricing(country).priceFactor) * 100);
      seen.set(item.asin, {
        product: {
          asin: item.asin,
          sellerSku: item.sellerSku,
          title: item.title,
          usdCents,
          weight: 0,
        },
        count: 1,
      });
    }
  }
  return [...seen.values()]
    .sort((a, b) => b.count - a.count)
    .map(({ product, count }) => ({ ...product, weight: count }));
}
