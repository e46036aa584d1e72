/**
 * Parses the Unshipped Orders report (`GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING`): a
 * tab-separated flat file, a header row, one row per order item still to ship. Columns follow
 * Amazon's "Order reports attributes" page plus `buyer-name`, which real files carry.
 *
 * Only the columns listed here are kept (data minimisation: a column Amazon adds later is
 * dropped and counted, not stored). Errors name a row number and a column, never a value: the
 * cells are buyer PII.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import { z } from 'zod';

type Kind = 'text' | 'int' | 'bool';

/** Flat-file column → row key and kind. `required` columns must be in the header. */
const COLUMNS = {
  'order-id': { key: 'orderId', kind: 'text', required: true },
  'order-item-id': { key: 'orderItemId', kind: 'text', required: true },
  'purchase-date': { key: 'purchaseDate', kind: 'text', required: true },
  'payments-date': { key: 'paymentsDate', kind: 'text', required: false },
  'reporting-date': { key: 'reportingDate', kind: 'text', required: false },
  'promise-date': { key: 'promiseDate', kind: 'text', required: false },
  'days-past-promise': { key: 'daysPastPromise', kind: 'int', required: false },
  'buyer-email': { key: 'buyerEmail', kind: 'text', required: false },
  'buyer-name': { key: 'buyerName', kind: 'text', required: false },
  'buyer-phone-number': { key: 'buyerPhoneNumber', kind: 'text', required: false },
  sku: { key: 'sku', kind: 'text', required: true },
  'product-name': { key: 'productName', kind: 'text', required: false },
  'quantity-purchased': { key: 'quantityPurchased', kind: 'int', required: true },
  'quantity-shipped': { key: 'quantityShipped', kind: 'int', required: false },
  'quantity-to-ship': { key: 'quantityToShip', kind: 'int', required: false },
  'ship-service-level': { key: 'shipServiceLevel', kind: 'text', required: false },
  'recipient-name': { key: 'recipientName', kind: 'text', required: true },
  'ship-address-1': { key: 'shipAddress1', kind: 'text', required: true },
  'ship-address-2': { key: 'shipAddress2', kind: 'text', required: false },
  'ship-address-3': { key: 'shipAddress3', kind: 'text', required: false },
  'ship-city': { key: 'shipCity', kind: 'text', required: true },
  'ship-state': { key: 'shipState', kind: 'text', required: false },
  'ship-postal-code': { key: 'shipPostalCode', kind: 'text', required: true },
  'ship-country': { key: 'shipCountry', kind: 'text', required: true },
  'is-business-order': { key: 'isBusinessOrder', kind: 'bool', required: false },
  'purchase-order-number': { key: 'purchaseOrderNumber', kind: 'text', required: false },
  'price-designation': { key: 'priceDesignation', kind: 'text', required: false },
  'is-prime': { key: 'isPrime', kind: 'bool', required: false },
} as const satisfies Record<string, { key: string; kind: Kind; required: boolean }>;

type ColumnName = keyof typeof COLUMNS;
type Spec = (typeof COLUMNS)[ColumnName];
type ValueOf<S extends Spec> = S['kind'] extends 'int'
  ? number
  : S['kind'] extends 'bool'
    ? boolean
    : string;
type RequiredKey = {
  [C in ColumnName]: (typeof COLUMNS)[C]['required'] extends true ? C : never;
}[ColumnName];

/** One order line of the report. Optional columns are null when absent or empty. */
export type UnshippedOrderLine = {
  [C in ColumnName as (typeof COLUMNS)[C]['key']]: C extends RequiredKey
    ? ValueOf<(typeof COLUMNS)[C]>
    : ValueOf<(typeof COLUMNS)[C]> | null;
};

export const UNSHIPPED_ORDER_COLUMNS: readonly string[] = Object.keys(COLUMNS);

function cellSchema(spec: Spec): z.ZodType {
  const base =
    spec.kind === 'int' ? z.number().int() : spec.kind === 'bool' ? z.boolean() : z.string();
  return spec.required ? base : base.nullable();
}

/**
 * One parsed line as it is stored (encrypted) and revealed: every known column, typed. Built from
 * the same column table as the parser, so the cast only restates what the table says.
 */
export const unshippedOrderLineSchema = z.strictObject(
  Object.fromEntries(
    Object.values(COLUMNS).map((spec: Spec) => [spec.key, cellSchema(spec)]),
  ) as Record<keyof UnshippedOrderLine, z.ZodType>,
) as unknown as z.ZodType<UnshippedOrderLine>;

export interface ParsedUnshippedOrders {
  readonly lines: UnshippedOrderLine[];
  /** Distinct order ids. */
  readonly orderCount: number;
  /** Header columns we do not keep (names only). */
  readonly droppedColumns: readonly string[];
}

export interface ParseLimits {
  /** Most rows accepted. Default 200 000. */
  readonly maxRows?: number;
}

const DEFAULT_MAX_ROWS = 200_000;
const COLUMN_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A malformed report: which row and column, never a cell's value. */
function malformed(message: string, ids: Record<string, string> = {}): AppError {
  return new AppError(ErrorCode.SPAPI_ERROR, {
    message: `unshipped orders report: ${message}`,
    details: { ids: { reason: 'REPORT_MALFORMED', ...ids } },
  });
}

function safeColumnName(name: string): string {
  return COLUMN_NAME.test(name) ? name : '(unnamed)';
}

function convert(spec: Spec, cell: string, row: number, column: string): unknown {
  if (spec.kind === 'int') {
    if (!/^-?\d{1,9}$/.test(cell)) {
      throw malformed(`row ${String(row)}: ${column} is not an integer`, { column });
    }
    return Number(cell);
  }
  if (spec.kind === 'bool') {
    const lower = cell.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      throw malformed(`row ${String(row)}: ${column} is not true or false`, { column });
    }
    return lower === 'true';
  }
  return cell;
}

interface HeaderPlan {
  readonly indexes: readonly (readonly [ColumnName, number])[];
  readonly width: number;
  readonly dropped: string[];
}

function planHeader(headerLine: string): HeaderPlan {
  const header = headerLine.replace(/^\uFEFF/, '').split('\t');
  const seen = new Map<string, number>();
  const dropped: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (seen.has(name))
      throw malformed('duplicate column in header', { column: safeColumnName(name) });
    seen.set(name, index);
    if (!Object.hasOwn(COLUMNS, name)) dropped.push(safeColumnName(name));
  });
  const missing = UNSHIPPED_ORDER_COLUMNS.filter(
    (name) => COLUMNS[name as ColumnName].required && !seen.has(name),
  );
  if (missing.length > 0) {
    throw malformed(`header lacks required columns: ${missing.join(', ')}`);
  }
  const indexes: [ColumnName, number][] = [];
  for (const name of UNSHIPPED_ORDER_COLUMNS) {
    const index = seen.get(name);
    if (index !== undefined) indexes.push([name as ColumnName, index]);
  }
  return { indexes, width: header.length, dropped };
}

function parseLine(cells: readonly string[], plan: HeaderPlan, row: number): UnshippedOrderLine {
  const line: Record<string, unknown> = {};
  for (const name of UNSHIPPED_ORDER_COLUMNS) line[COLUMNS[name as ColumnName].key] = null;
  for (const [name, index] of plan.indexes) {
    const spec: Spec = COLUMNS[name];
    const cell = (cells[index] ?? '').trim();
    if (cell === '') {
      if (spec.required) throw malformed(`row ${String(row)}: ${name} is empty`, { column: name });
      continue;
    }
    line[spec.key] = convert(spec, cell, row, name);
  }
  return line as UnshippedOrderLine;
}

/** Parses the whole file; throws AppError(SPAPI_ERROR) with `ids.reason = REPORT_MALFORMED`. */
export function parseUnshippedOrders(
  text: string,
  limits: ParseLimits = {},
): ParsedUnshippedOrders {
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const headerLine = lines[0];
  if (headerLine === undefined || headerLine.trim() === '') throw malformed('empty document');
  const plan = planHeader(headerLine);
  if (lines.length - 1 > maxRows) throw malformed(`more than ${String(maxRows)} rows`);
  const parsed: UnshippedOrderLine[] = [];
  const orders = new Set<string>();
  for (let i = 1; i < lines.length; i += 1) {
    const cells = (lines[i] ?? '').split('\t');
    if (cells.length !== plan.width) {
      throw malformed(
        `row ${String(i)} has ${String(cells.length)} cells, the header ${String(plan.width)}`,
      );
    }
    const line = parseLine(cells, plan, i);
    orders.add(line.orderId);
    parsed.push(line);
  }
  return { lines: parsed, orderCount: orders.size, droppedColumns: plan.dropped };
}
