import { describe, expect, it } from 'vitest';
import type { SimOrderRecord } from './order.types.js';
import { NOW, sampleRecords } from './order-fixtures.testkit.js';
import { unitCounts, viewAt } from './order-view.js';
import { HOUR_MS } from './time.js';

function findRecord(what: string, predicate: (r: SimOrderRecord) => boolean): SimOrderRecord {
  const found = sampleRecords().find(predicate);
  if (!found) throw new Error(`No record: ${what}`);
  return found;
}

const statuses = (r: SimOrderRecord) => r.timeline.map((e) => e.status).join('>');

describe('viewAt', () => {
  const split = findRecord(
    'split shipment',
    (r) => statuses(r) === 'Pending>Unshipped>PartiallyShipped>Shipped',
  );
  const [pending, unshipped, partial, shipped] = split.timeline;

  it('is undefined before the purchase date', () => {
    expect(viewAt(split, split.purchaseDate - 1)).toBeUndefined();
    expect(viewAt(split, split.purchaseDate)?.status).toBe('Pending');
  });

  it('follows the timeline as t advances; lastUpdateDate is the last event at or before t', () => {
    const steps = [pending, unshipped, partial, shipped];
    for (const [i, event] of steps.entries()) {
      if (!event) throw new Error('short timeline');
      const at = viewAt(split, event.at);
      const justBefore = viewAt(split, event.at - 1);
      expect(at?.status).toBe(event.status);
      expect(at?.lastUpdateDate).toBe(event.at);
      if (i > 0) expect(justBefore?.lastUpdateDate).toBe(steps[i - 1]?.at);
    }
    expect(viewAt(split, (shipped?.at ?? 0) + 100 * HOUR_MS)?.lastUpdateDate).toBe(shipped?.at);
  });

  it('reports quantities shipped, shipments, shippedAt and paymentsDate', () => {
    const beforeShipping = viewAt(split, (partial?.at ?? 0) - 1);
    expect(beforeShipping?.shippedAt).toBeUndefined();
    expect(beforeShipping?.shipments).toEqual([]);
    expect(beforeShipping?.paymentsDate).toBe(unshipped?.at);
    expect(viewAt(split, split.purchaseDate)?.paymentsDate).toBeUndefined();

    const midway = viewAt(split, partial?.at ?? 0);
    if (!midway) throw new Error('no view');
    const counts = unitCounts(midway);
    expect(counts.shipped).toBeGreaterThan(0);
    expect(counts.shipped).toBeLessThan(counts.ordered);
    expect(midway.shippedAt).toBe(partial?.at);
    expect(midway.shipments).toHaveLength(1);

    const done = viewAt(split, shipped?.at ?? 0);
    if (!done) throw new Error('no view');
    expect(unitCounts(done).shipped).toBe(counts.ordered);
    expect(done.items.every((i) => i.quantityShipped === i.quantityOrdered)).toBe(true);
    expect(done.shipments).toHaveLength(2);
    expect(done.shippedAt).toBe(partial?.at);
    const perItem = new Map<string, number>();
    for (const s of done.shipments) {
      for (const [id, n] of Object.entries(s.quantities))
        perItem.set(id, (perItem.get(id) ?? 0) + n);
    }
    for (const item of done.items) expect(perItem.get(item.orderItemId)).toBe(item.quantityOrdered);
  });

  it('copies the facts, drops the timeline and records the instant', () => {
    const view = viewAt(split, NOW);
    expect(view).toMatchObject({
      amazonOrderId: split.amazonOrderId,
      buyer: split.buyer,
      shippingAddress: split.shippingAddress,
      viewedAt: NOW,
    });
    expect(view && 'timeline' in view).toBe(false);
  });

  it('shows a canceled order as Canceled with nothing shipped', () => {
    const canceled = findRecord('canceled', (r) => r.timeline.at(-1)?.status === 'Canceled');
    const view = viewAt(canceled, NOW + 10_000 * HOUR_MS);
    expect(view?.status).toBe('Canceled');
    expect(view?.items.every((i) => i.quantityShipped === 0)).toBe(true);
    expect(view?.cancellation).toBeDefined();
  });
});
