/** Identifiers in Amazon's formats. */
import type { Prng } from './prng.js';

/**
 * First block of order ids per country, as seen on real orders (1xx US, 2xx UK, 3xx DE, 4xx
 * FR, 7xx CA/MX, 249/250/503 JP and AU). Sandbox orders start with 9xx; we never use those.
 */
const ORDER_ID_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  US: ['111', '112', '113', '114'],
  CA: ['701', '702'],
  MX: ['701', '702'],
  GB: ['202', '203', '204', '205', '206'],
  DE: ['302', '303', '304', '305', '306'],
  FR: ['402', '403', '404', '405', '407'],
  JP: ['249', '250', '503'],
  AU: ['249', '250'],
};

export const AMAZON_ORDER_ID_PATTERN = /^\d{3}-\d{7}-\d{7}$/;
export const ORDER_ITEM_ID_PATTERN = /^\d{14}$/;
export const ASIN_PATTERN = /^B0[0-9A-Z]{8}$/;

/** `NNN-NNNNNNN-NNNNNNN` (Amazon's "3-7-7" format). */
export function amazonOrderId(rng: Prng, countryCode: string): string {
  const prefix = rng.pick(ORDER_ID_PREFIXES[countryCode] ?? ['111']);
  return `${prefix}-${rng.digits(7)}-${rng.digits(7)}`;
}

/** 14 digits; leading zeros occur. */
export function orderItemId(rng: Prng): string {
  return rng.digits(14);
}

const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Modern ASINs: `B0` followed by eight upper-case letters or digits. */
export function asin(rng: Prng): string {
  return `B0${rng.chars(8, UPPER_ALNUM)}`;
}

/** The SKU Seller Central generates when the seller leaves it empty, e.g. `4T-9K2P-ZX7Q`. */
export function autoSku(rng: Prng): string {
  return `${rng.chars(2, UPPER_ALNUM)}-${rng.chars(4, UPPER_ALNUM)}-${rng.chars(4, UPPER_ALNUM)}`;
}
