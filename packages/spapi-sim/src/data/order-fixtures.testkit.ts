/** Test support: a fixed clock, generated sellers and helpers to find orders in them. */
import { MARKETPLACES } from '../core/regions.js';
import type { SimOrderRecord, SimOrderView } from './order.types.js';
import { generateSellerOrders } from './order-generator.js';
import { viewAt } from './order-view.js';

export const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
export const SELLER = 'A1TESTSELLER01';
export const ALL_MARKETPLACE_IDS = Object.keys(MARKETPLACES);

const cache = new Map<string, SimOrderRecord[]>();

/** 2000 orders over 45 days (+3 future) in every marketplace we simulate; generated once. */
export function sampleRecords(
  count = 2000,
  marketplaceIds: readonly string[] = ALL_MARKETPLACE_IDS,
): SimOrderRecord[] {
  const key = `${count}:${marketplaceIds.join(',')}`;
  let records = cache.get(key);
  if (!records) {
    records = generateSellerOrders({
      sellingPartnerId: SELLER,
      marketplaceIds,
      seed: 'fixtures',
      count,
      now: NOW,
      historyDays: 45,
      futureDays: 3,
    });
    cache.set(key, records);
  }
  return records;
}

export function viewsAt(records: readonly SimOrderRecord[], t: number): SimOrderView[] {
  return records.flatMap((record) => {
    const view = viewAt(record, t);
    return view ? [view] : [];
  });
}

/** The first view matching `predicate`; throws with `what` when there is none. */
export function findView(
  views: readonly SimOrderView[],
  what: string,
  predicate: (view: SimOrderView) => boolean,
): SimOrderView {
  const found = views.find(predicate);
  if (!found) throw new Error(`No order in the sample: ${what}`);
  return found;
}
