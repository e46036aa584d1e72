/**
 * Money in Amazon's string form. Internally amounts are integers in minor units (cents; yen
 * have none) so totals add up exactly.
 */
import type { SimMoney } from './order.types.js';

const MINOR_DIGITS: Readonly<Record<string, number>> = { JPY: 0 };

export function minorDigits(currencyCode: string): number {
  return MINOR_DIGITS[currencyCode] ?? 2;
}

export function money(minor: number, currencyCode: string): SimMoney {
  const digits = minorDigits(currencyCode);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  if (digits === 0) return { currencyCode, amount: `${sign}${abs}` };
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const fraction = String(abs % scale).padStart(digits, '0');
  return { currencyCode, amount: `${sign}${whole}.${fraction}` };
}

/** Parses an Amazon amount string back to minor units. */
export function toMinor(value: SimMoney): number {
  const digits = minorDigits(value.currencyCode);
  const [whole = '0', fraction = ''] = value.amount.split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  const wholeDigits = Math.abs(Number(whole));
  const fractionDigits = Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
  return sign * (wholeDigits * 10 ** digits + fractionDigits);
}

export function sumMoney(values: readonly SimMoney[], currencyCode: string): SimMoney {
  return money(
    values.reduce((total, value) => total + toMinor(value), 0),
    currencyCode,
  );
}

export interface CountryPricing {
  /** Local price = USD price x factor (in major units), before rounding to a price point. */
  priceFactor: number;
  taxRate: number;
  /** True where shelf prices include VAT/GST/consumption tax. */
  taxIncluded: boolean;
}

const PRICING: Readonly<Record<string, CountryPricing>> = {
  US: { priceFactor: 1, taxRate: 0.0825, taxIncluded: false },
  CA: { priceFactor: 1.35, taxRate: 0.13, taxIncluded: false },
  MX: { priceFactor: 17, taxRate: 0.16, taxIncluded: true },
  GB: { priceFactor: 0.8, taxRate: 0.2, taxIncluded: true },
  DE: { priceFactor: 0.92, taxRate: 0.19, taxIncluded: true },
  FR: { priceFactor: 0.92, taxRate: 0.2, taxIncluded: true },
  JP: { priceFactor: 150, taxRate: 0.1, taxIncluded: true },
  AU: { priceFactor: 1.5, taxRate: 0.1, taxIncluded: true },
};

export function countryPricing(countryCode: string): CountryPricing {
  return PRICING[countryCode] ?? { priceFactor: 1, taxRate: 0, taxIncluded: true };
}

/** A local shelf price in minor units from a USD price in cents: x.99 endings, yen in tens. */
export function localPriceMinor(
  usdCents: number,
  countryCode: string,
  currencyCode: string,
): number {
  const major = (usdCents / 100) * countryPricing(countryCode).priceFactor;
  if (minorDigits(currencyCode) === 0) return Math.max(10, Math.round(major / 10) * 10);
  return Math.max(99, Math.floor(major) * 100 + 99);
}

/** Tax on a line: added on top where prices exclude tax, the included share otherwise. */
export function lineTaxMinor(lineMinor: number, countryCode: string): number {
  const { taxRate, taxIncluded } = countryPricing(countryCode);
  return Math.round(taxIncluded ? (lineMinor * taxRate) / (1 + taxRate) : lineMinor * taxRate);
}

export interface PricedLine {
  itemPrice: SimMoney;
  shippingPrice?: SimMoney;
  itemTax?: SimMoney;
}

/** What the buyer pays (v0 OrderTotal): lines + shipping, plus tax where it is not included. */
export function orderTotalOf(
  lines: readonly PricedLine[],
  countryCode: string,
  currencyCode: string,
): SimMoney {
  const { taxIncluded } = countryPricing(countryCode);
  let total = 0;
  for (const line of lines) {
    total += toMinor(line.itemPrice);
    if (line.shippingPrice) total += toMinor(line.shippingPrice);
    if (line.itemTax && !taxIncluded) total += toMinor(line.itemTax);
  }
  return money(total, currencyCode);
}
