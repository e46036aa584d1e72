import { describe, expect, it } from 'vitest';
import { NOW, findView, sampleRecords, viewsAt } from './order-fixtures.testkit.js';
import {
  ACTIONABLE_ORDER_COLUMNS,
  isActionable,
  sanitizeCell,
  toActionableOrderRows,
  toTsv,
} from './report-rows.js';

const views = viewsAt(sampleRecords(), NOW);

describe('GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING rows', () => {
  it('uses the documented column order', () => {
    expect(ACTIONABLE_ORDER_COLUMNS.slice(0, 9)).toEqual([
      'order-id',
      'order-item-id',
      'purchase-date',
      'payments-date',
      'reporting-date',
      'promise-date',
      'days-past-promise',
      'buyer-email',
      'buyer-name',
    ]);
    expect(ACTIONABLE_ORDER_COLUMNS.at(-1)).toBe('is-prime');
  });

  it('contains only MFN orders that are paid and not fully shipped', () => {
    const actionable = views.filter(isActionable);
    expect(actionable.length).toBeGreaterThan(10);
    for (const view of actionable) {
      expect(view.fulfillmentChannel).toBe('MFN');
      expect(['Unshipped', 'PartiallyShipped']).toContain(view.status);
    }
    for (const status of ['Pending', 'Shipped', 'Canceled']) {
      const view = findView(
        views,
        status,
        (v) => v.status === status && v.fulfillmentChannel === 'MFN',
      );
      expect(toActionableOrderRows(view, NOW)).toEqual([]);
    }
  });

  it('has one row per item still to ship, with the order data', () => {
    const partial = findView(
      views,
      'partially shipped MFN',
      (v) => v.status === 'PartiallyShipped' && v.fulfillmentChannel === 'MFN',
    );
    const rows = toActionableOrderRows(partial, NOW);
    const open = partial.items.filter((i) => i.quantityShipped < i.quantityOrdered);
    expect(rows.map((r) => r['order-item-id'])).toEqual(open.map((i) => i.orderItemId));
    const [row] = rows;
    expect(row).toMatchObject({
      'order-id': partial.amazonOrderId,
      'buyer-email': partial.buyer.email,
      'recipient-name': partial.shippingAddress.name,
      'ship-postal-code': partial.shippingAddress.postalCode,
      'ship-country': partial.shippingAddress.countryCode,
      'reporting-date': '2026-06-15T12:00:00+00:00',
    });
    expect(row?.['purchase-date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(Number(row?.['quantity-to-ship'])).toBeGreaterThan(0);
    expect(row?.['days-past-promise']).toMatch(/^-?\d+$/);
    expect(row?.['payments-date']).not.toBe('');
  });

  it('writes a tab-separated file with a header, and no tab or line break inside a value', () => {
    const rows = views.flatMap((v) => toActionableOrderRows(v, NOW));
    const [first] = rows;
    if (!first) throw new Error('no rows');
    const tricky = {
      ...first,
      'product-name': 'Mug\twith\r\nbreaks',
      'ship-address-2': 'Flat 2\n',
    };
    const tsv = toTsv([tricky, ...rows]);
    const lines = tsv.split('\n');
    expect(lines[0]).toBe(ACTIONABLE_ORDER_COLUMNS.join('\t'));
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(rows.length + 3);
    for (const line of lines.slice(0, -1))
      expect(line.split('\t')).toHaveLength(ACTIONABLE_ORDER_COLUMNS.length);
    expect(lines[1]).toContain('Mug with breaks');
    expect(sanitizeCell('a\t\tb\nc')).toBe('a b c');
  });
});
