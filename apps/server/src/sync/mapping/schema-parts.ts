/**
 * Bounded building blocks of the response schemas. Every string has a length bound and every
 * array a size bound, so a hostile or broken body cannot make the sync store megabytes per
 * field. Custom issues carry a constant message: a rejected value never reaches an error.
 */
import { z } from 'zod';
import { parseRfc3339DateTime, parseV0DateTime } from './dates.js';

export const LIMITS = {
  /** Amazon order, item, marketplace ids, ASINs, SKUs, package references. */
  id: 64,
  /** Names, address lines, e-mail addresses, service levels. */
  text: 500,
  /** Gift messages and product titles. */
  longText: 2000,
  /** Phone numbers and postal codes. */
  shortText: 100,
  /** Pagination tokens (opaque; Amazon's are a few hundred characters). */
  token: 10_000,
  /** Date-time texts. */
  dateTime: 40,
  ordersPerPage: 100,
  itemsPerOrder: 500,
  packagesPerOrder: 100,
  /** Programs, tax classifications and other small lists. */
  smallList: 50,
} as const;

export const idText = z.string().min(1).max(LIMITS.id);
export const text = z.string().max(LIMITS.text);
export const shortText = z.string().max(LIMITS.shortText);
export const longText = z.string().max(LIMITS.longText);
export const token = z.string().min(1).max(LIMITS.token);

/** A decimal amount as Amazon prints it (`"12.34"`, `"-0.50"`). */
export const decimalAmount = z
  .string()
  .max(32)
  .regex(/^-?\d{1,20}(?:\.\d{1,10})?$/);
export const currencyCode = z.string().regex(/^[A-Z]{3}$/);
export const countryCode = z.string().regex(/^[A-Z]{2}$/);
export const quantity = z.number().int().min(0).max(1_000_000);

function dateTime(parse: (text: string) => number | null, expected: string) {
  return z
    .string()
    .max(LIMITS.dateTime)
    .transform((value, ctx) => {
      const ms = parse(value);
      if (ms !== null) return ms;
      ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
      return z.NEVER;
    });
}

/** Orders v0 date-time (ISO 8601, see dates.ts), parsed to epoch ms. */
export const v0DateTime = dateTime(parseV0DateTime, 'an ISO 8601 date-time');
/** Orders 2026-01-01 date-time (RFC 3339), parsed to epoch ms. */
export const rfc3339DateTime = dateTime(parseRfc3339DateTime, 'an RFC 3339 date-time');

/**
 * An optional property. `null` is accepted as well and means the same as absent (a JSON writer
 * may print either); the mappers read both with `??`.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish();
}
