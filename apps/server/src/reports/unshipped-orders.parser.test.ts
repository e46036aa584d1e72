import { isAppError } from '@spapi/shared';
import { describe, expect, it } from 'vitest';
import {
  parseUnshippedOrders,
  unshippedOrderLineSchema,
  UNSHIPPED_ORDER_COLUMNS,
} from './unshipped-orders.parser.js';

const SECRET_NAME = 'Zenobia Cellarwright';
const SECRET_STREET = '77 Quillon Lane';

function file(
  rows: readonly Readonly<Record<string, string>>[],
  columns = UNSHIPPED_ORDER_COLUMNS,
) {
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c) => r[c] ?? '').join('\t'))];
  return `${lines.join('\n')}\n`;
}

function row(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    'order-id': '113-1234567-1234567',
    'order-item-id': '12345678901234',
    'purchase-date': '2026-01-02T03:04:05+00:00',
    'days-past-promise': '-2',
    'buyer-email': 'abc123@marketplace.amazon.com',
    'buyer-name': SECRET_NAME,
    sku: 'LANTERN-BLUE',
    'quantity-purchased': '2',
    'quantity-shipped': '0',
    'quantity-to-ship': '2',
    'recipient-name': SECRET_NAME,
    'ship-address-1': SECRET_STREET,
    'ship-city': 'Fernhollow',
    'ship-postal-code': '98101',
    'ship-country': 'US',
    'is-business-order': 'false',
    'is-prime': 'true',
    ...overrides,
  };
}

/** The error a parse throws, checked to carry no cell value. */
function errorOf(text: string): { message: string; text: string } {
  try {
    parseUnshippedOrders(text);
  } catch (error) {
    expect(isAppError(error)).toBe(true);
    const rendered = `${String(error)} ${JSON.stringify(error)}`;
    for (const secret of [SECRET_NAME, SECRET_STREET, 'not-a-number', 'perhaps']) {
      expect(rendered).not.toContain(secret);
    }
    return { message: (error as Error).message, text: rendered };
  }
  throw new Error('parsed');
}

describe('Unshipped Orders report parser', () => {
  it('parses the header and rows, typed, empty optional cells as null', () => {
    const parsed = parseUnshippedOrders(
      file([row(), row({ 'order-item-id': '12345678901299', 'ship-address-2': 'Apt 4' })]),
    );
    expect(parsed.orderCount).toBe(1);
    expect(parsed.droppedColumns).toEqual([]);
    expect(parsed.lines[0]).toMatchObject({
      orderId: '113-1234567-1234567',
      buyerName: SECRET_NAME,
      shipAddress1: SECRET_STREET,
      shipAddress2: null,
      quantityPurchased: 2,
      daysPastPromise: -2,
      isPrime: true,
      isBusinessOrder: false,
      buyerPhoneNumber: null,
    });
    expect(parsed.lines[1]?.shipAddress2).toBe('Apt 4');
    // What is stored and revealed has exactly the schema's shape.
    expect(parsed.lines.map((line) => unshippedOrderLineSchema.parse(line))).toEqual(parsed.lines);
    expect(unshippedOrderLineSchema.safeParse({ ...parsed.lines[0], extra: 1 }).success).toBe(
      false,
    );
  });

  it('keeps only known columns (unknown ones are dropped and named), in any order, CRLF too', () => {
    const columns = ['sales-channel', ...[...UNSHIPPED_ORDER_COLUMNS].reverse()];
    const text = file([row({ 'sales-channel': 'Amazon.com' })], columns);
    const parsed = parseUnshippedOrders(text.replaceAll('\n', '\r\n'));
    expect(parsed.droppedColumns).toEqual(['sales-channel']);
    expect(Object.values(parsed.lines[0] ?? {})).not.toContain('Amazon.com');
    expect(parsed.lines[0]?.shipCountry).toBe('US');
  });

  it('an empty document, a missing required column or a duplicate column is refused', () => {
    expect(errorOf('').message).toMatch(/empty document/);
    const withoutCity = UNSHIPPED_ORDER_COLUMNS.filter((c) => c !== 'ship-city');
    expect(errorOf(file([row()], withoutCity)).message).toMatch(/ship-city/);
    const doubled = [...UNSHIPPED_ORDER_COLUMNS, 'buyer-name'];
    expect(errorOf(file([row()], doubled)).message).toMatch(/duplicate column/);
  });

  it('malformed rows name the row and column, never the value', () => {
    const header = UNSHIPPED_ORDER_COLUMNS.join('\t');
    const short = `${header}\n${SECRET_NAME}\t${SECRET_STREET}\n`;
    expect(errorOf(short).message).toMatch(/row 1 has 2 cells/);
    expect(errorOf(file([row(), row({ 'quantity-purchased': 'not-a-number' })])).message).toMatch(
      /row 2: quantity-purchased is not an integer/,
    );
    expect(errorOf(file([row({ 'is-prime': 'perhaps' })])).message).toMatch(/is-prime/);
    expect(errorOf(file([row({ 'recipient-name': '' })])).message).toMatch(
      /row 1: recipient-name is empty/,
    );
  });

  it('refuses more rows than the limit', () => {
    expect(() => parseUnshippedOrders(file([row(), row(), row()]), { maxRows: 2 })).toThrow(
      /more than 2 rows/,
    );
  });
});
