import { z } from 'zod';

/** ISO-8601 date-time with a zone (`Z` or `±hh:mm`), any sub-second precision, as Amazon sends. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Amazon order id, e.g. `902-3159896-1390916`. Not PII. */
export const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
export const amazonOrderIdSchema = z.string().regex(AMAZON_ORDER_ID);

/** Marketplace id, e.g. `ATVPDKIKX0DER`, `A1PA6795UKMFR9`. */
export const marketplaceIdSchema = z.string().regex(/^A[0-9A-Z]{8,15}$/);

/** Selling partner (merchant) id, e.g. `A3TH9S8BH6GOGM`; same rule as the simulator. */
export const sellingPartnerIdSchema = z.string().regex(/^A[0-9A-Z]{6,20}$/);

/** ASIN: ten characters, `B0…` for most products, the ISBN-10 for books. */
export const asinSchema = z.string().regex(/^[0-9A-Z]{9}[0-9A-Z]$/);

/** Request and resource ids we generate. */
export const uuidSchema = z.uuid();

/** A string trimmed, non-empty after trimming, and at most `max` characters. */
export function boundedString(max: number) {
  return z.string().trim().min(1).max(max);
}
