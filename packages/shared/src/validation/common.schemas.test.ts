import { describe, expect, it } from 'vitest';
import {
  amazonOrderIdSchema,
  asinSchema,
  boundedString,
  isoDateTimeSchema,
  marketplaceIdSchema,
  sellingPartnerIdSchema,
} from './common.schemas.js';

const accepts = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('common schemas', () => {
  it('isoDateTimeSchema takes zoned ISO-8601 date-times only', () => {
    for (const ok of [
      '2026-01-01T00:00:00Z',
      '2026-01-01T12:34:56.789Z',
      '2026-01-01T12:34:56+09:00',
    ]) {
      expect(accepts(isoDateTimeSchema, ok)).toBe(true);
    }
    for (const bad of [
      '2026-01-01',
      '2026-01-01T00:00:00',
      '01/01/2026',
      'yesterday',
      1767225600,
    ]) {
      expect(accepts(isoDateTimeSchema, bad)).toBe(false);
    }
  });

  it('amazonOrderIdSchema takes 3-7-7 digits', () => {
    expect(accepts(amazonOrderIdSchema, '902-3159896-1390916')).toBe(true);
    for (const bad of ['902-3159896-139091', '902-3159896-1390916 ', 'S02-3159896-1390916', '']) {
      expect(accepts(amazonOrderIdSchema, bad)).toBe(false);
    }
  });

  it('marketplace and selling partner ids', () => {
    for (const id of ['ATVPDKIKX0DER', 'A1PA6795UKMFR9', 'A1VC38T7YXB528']) {
      expect(accepts(marketplaceIdSchema, id)).toBe(true);
    }
    expect(accepts(marketplaceIdSchema, 'atvpdkikx0der')).toBe(false);
    expect(accepts(marketplaceIdSchema, 'ATVPDKIKX0DER/../x')).toBe(false);
    expect(accepts(sellingPartnerIdSchema, 'A1DEMOSELLERNA')).toBe(true);
    expect(accepts(sellingPartnerIdSchema, 'B1DEMOSELLERNA')).toBe(false);
  });

  it('asinSchema takes B0 ids and ISBN-10 ASINs', () => {
    expect(accepts(asinSchema, 'B07XJ8C8F5')).toBe(true);
    expect(accepts(asinSchema, '0316769487')).toBe(true);
    expect(accepts(asinSchema, 'B07XJ8C8F')).toBe(false);
  });

  it('boundedString trims, refuses blanks and enforces the maximum', () => {
    const schema = boundedString(5);
    expect(schema.parse('  abc  ')).toBe('abc');
    expect(accepts(schema, '   ')).toBe(false);
    expect(accepts(schema, 'abcdef')).toBe(false);
    expect(accepts(schema, '  abcde  ')).toBe(true);
  });
});
