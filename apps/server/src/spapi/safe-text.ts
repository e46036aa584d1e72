/**
 * What we keep of text Amazon sends back. Error codes and request ids pass a strict shape check
 * or are dropped; free text (an error message, which can echo input) goes through the shared
 * PII and secret masker and is cut short. Nothing Amazon sends reaches an error message
 * unchecked.
 */
import { createMasker } from '@spapi/shared';

const masker = createMasker();
const CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
const MAX_MESSAGE = 300;

/** An error code such as `QuotaExceeded` or `invalid_grant`; `null` unless it looks like one. */
export function safeCode(value: unknown): string | null {
  return typeof value === 'string' && CODE.test(value) ? value : null;
}

/** An `x-amzn-RequestId`; `null` unless it looks like one. */
export function safeRequestId(value: unknown): string | null {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : null;
}

/** Free text from Amazon, masked (tokens, secrets, contact data) and at most 300 characters. */
export function safeMessage(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const masked = masker.maskString(value.slice(0, MAX_MESSAGE * 2));
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE)}…` : masked;
}
