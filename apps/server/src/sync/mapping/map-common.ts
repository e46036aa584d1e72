/** What both mappers share: the status gate on PII, addresses, amounts. */
import type { Money, ShippingAddress } from '../../orders/index.js';
import type { OrderStatusV0 } from '../../spapi/index.js';

/**
 * Orders whose buyer and address data Amazon returns at all. The v0 model: address data is
 * "only available for orders with the following status values: Unshipped, PartiallyShipped,
 * Shipped" (and InvoiceUnconfirmed, which we leave out on purpose: a status we do not see
 * restricted data for must never clear stored values). For any other status an empty field is
 * Amazon withholding, not Amazon holding no value, so nothing is marked carried.
 */
const PII_STATUSES: ReadonlySet<OrderStatusV0> = new Set([
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
]);

export function piiReturnedFor(status: OrderStatusV0): boolean {
  return PII_STATUSES.has(status);
}

interface AddressParts {
  readonly lines: readonly (string | null | undefined)[];
  readonly city: string | null | undefined;
  readonly stateOrRegion: string | null | undefined;
  readonly district: string | null | undefined;
}

/** The domain address: the lines present, empty texts as null. */
export function shippingAddressOf(parts: AddressParts): ShippingAddress {
  return {
    lines: parts.lines.filter((line): line is string => typeof line === 'string' && line !== ''),
    city: nonEmpty(parts.city),
    stateOrRegion: nonEmpty(parts.stateOrRegion),
    district: nonEmpty(parts.district),
  };
}

/** A text, or null when absent or empty. */
export function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** An amount when both parts are present, else null. */
export function moneyOf(
  amount: string | null | undefined,
  currencyCode: string | null | undefined,
): Money | null {
  return typeof amount === 'string' && typeof currencyCode === 'string'
    ? { amount, currencyCode }
    : null;
}

/** `amount × factor` in exact decimal arithmetic (`"3.30" × 3 = "9.90"`). */
export function multiplyAmount(amount: string, factor: number): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const scaled = BigInt(whole + fraction) * BigInt(factor);
  const digits = scaled.toString().padStart(fraction.length + 1, '0');
  const head = digits.slice(0, digits.length - fraction.length);
  const tail = fraction.length === 0 ? '' : `.${digits.slice(digits.length - fraction.length)}`;
  return `${negative && scaled !== 0n ? '-' : ''}${head}${tail}`;
}
