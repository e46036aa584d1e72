/**
 * The simulator's orders, per seller. Records are immutable facts plus a timeline; views are
 * computed on demand for the instant asked about, so advancing the clock needs no updates.
 * Records are kept sorted by purchase date: listing what is visible at t is a binary search
 * plus one pass over the visible part (O(n)).
 */
import { catalogFromRecords, sellerCatalog, type CatalogProduct } from './catalog.js';
import type { SimOrderRecord, SimOrderView } from './order.types.js';
import { byPurchaseDate } from './order-generator.js';
import { recordFromInput, type OrderInput } from './order-input.js';
import { viewAt } from './order-view.js';
import { createRng, deriveSeed } from './prng.js';

export interface OrderStoreOptions {
  /** Seeds the generated parts of control-API orders (products come from seeded orders). */
  seed?: string | number;
  /** The simulator clock; default purchase date of added orders. */
  now?: () => number;
}

interface SellerOrders {
  byId: Map<string, SimOrderRecord>;
  sorted: SimOrderRecord[];
  marketplaceIds: string[];
  catalog?: CatalogProduct[];
  added: number;
}

const DEFAULT_MARKETPLACE = 'ATVPDKIKX0DER';

/** Index of the first record purchased after t. */
function visibleCount(sorted: readonly SimOrderRecord[], t: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const record = sorted[mid];
    if (record !== undefined && record.purchaseDate <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Marketplaces by number of orders, most first. */
function marketplacesByVolume(records: readonly SimOrderRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.marketplaceId, (counts.get(r.marketplaceId) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

export class OrderStore {
  readonly #sellers = new Map<string, SellerOrders>();
  readonly #seed: string | number;
  readonly #now: () => number;

  constructor(options: OrderStoreOptions = {}) {
    this.#seed = options.seed ?? 0;
    this.#now = options.now ?? Date.now;
  }

  /** Replaces a seller's orders (e.g. with generateSellerOrders output). */
  seed(sellingPartnerId: string, records: readonly SimOrderRecord[]): void {
    const byId = new Map<string, SimOrderRecord>();
    for (const record of records) {
      if (record.sellingPartnerId !== sellingPartnerId) {
        throw new RangeError(`Order ${record.amazonOrderId} belongs to another seller`);
      }
      if (byId.has(record.amazonOrderId))
        throw new RangeError(`Duplicate order id ${record.amazonOrderId}`);
      byId.set(record.amazonOrderId, record);
    }
    this.#sellers.set(sellingPartnerId, {
      byId,
      sorted: [...records].sort(byPurchaseDate),
      marketplaceIds: marketplacesByVolume(records),
      added: 0,
    });
  }

  /** Adds one order (control API). Unspecified fields are generated deterministically. */
  add(sellingPartnerId: string, input: OrderInput = {}): SimOrderRecord {
    const seller = this.#seller(sellingPartnerId);
    if (input.amazonOrderId !== undefined && seller.byId.has(input.amazonOrderId)) {
      throw new RangeError(`Order ${input.amazonOrderId} already exists`);
    }
    if (!seller.catalog) {
      const fromHistory = catalogFromRecords(seller.sorted);
      seller.catalog =
        fromHistory.length > 0 ? fromHistory : sellerCatalog(this.#seed, sellingPartnerId);
    }
    const rng = createRng(deriveSeed(this.#seed, `added:${sellingPartnerId}:${seller.added}`));
    seller.added += 1;
    const record = recordFromInput(
      rng,
      {
        sellingPartnerId,
        catalog: seller.catalog,
        defaultMarketplaceId: seller.marketplaceIds[0] ?? DEFAULT_MARKETPLACE,
        now: this.#now(),
        usedOrderIds: seller.byId,
      },
      input,
    );
    seller.byId.set(record.amazonOrderId, record);
    const at = visibleCount(seller.sorted, record.purchaseDate);
    seller.sorted.splice(at, 0, record);
    return record;
  }

  /**
   * Plants a canary: an MFN order, Unshipped by default so its PII is served, carrying the
   * caller's chosen values. Any later sighting of those values outside the app is a leak.
   */
  addCanary(sellingPartnerId: string, input: Omit<OrderInput, 'canary'> = {}): SimOrderRecord {
    return this.add(sellingPartnerId, {
      status: 'Unshipped',
      fulfillmentChannel: 'MFN',
      ...input,
      canary: true,
    });
  }

  /** The order as seen at t; undefined if unknown or not yet placed at t. */
  get(sellingPartnerId: string, orderId: string, t: number): SimOrderView | undefined {
    const record = this.#sellers.get(sellingPartnerId)?.byId.get(orderId);
    return record ? viewAt(record, t) : undefined;
  }

  record(sellingPartnerId: string, orderId: string): SimOrderRecord | undefined {
    return this.#sellers.get(sellingPartnerId)?.byId.get(orderId);
  }

  /** Every order placed at or before t, oldest purchase first. */
  list(sellingPartnerId: string, t: number): SimOrderView[] {
    const sorted = this.#sellers.get(sellingPartnerId)?.sorted ?? [];
    const end = visibleCount(sorted, t);
    const views: SimOrderView[] = [];
    for (let i = 0; i < end; i += 1) {
      const record = sorted[i];
      const view = record && viewAt(record, t);
      if (view) views.push(view);
    }
    return views;
  }

  /** Orders placed at or before t (all orders when t is omitted). */
  count(sellingPartnerId: string, t?: number): number {
    const sorted = this.#sellers.get(sellingPartnerId)?.sorted ?? [];
    return t === undefined ? sorted.length : visibleCount(sorted, t);
  }

  /** All records of a seller, including future ones, sorted by purchase date. */
  records(sellingPartnerId: string): readonly SimOrderRecord[] {
    return this.#sellers.get(sellingPartnerId)?.sorted ?? [];
  }

  canaries(sellingPartnerId: string): SimOrderRecord[] {
    return this.records(sellingPartnerId).filter((r) => r.canary);
  }

  sellingPartnerIds(): string[] {
    return [...this.#sellers.keys()];
  }

  #seller(sellingPartnerId: string): SellerOrders {
    let seller = this.#sellers.get(sellingPartnerId);
    if (!seller) {
      seller = { byId: new Map(), sorted: [], marketplaceIds: [], added: 0 };
      this.#sellers.set(sellingPartnerId, seller);
    }
    return seller;
  }
}
