import { describe, expect, it } from 'vitest';
import { parseRfc3339DateTime, parseV0DateTime } from './dates.js';

const AT = Date.UTC(2026, 10, 20, 10, 4, 5);

describe('Orders v0 dates (ISO 8601 as Amazon prints it)', () => {
  it.each([
    ['2026-11-20T10:04:05Z', AT],
    ['2026-11-20T10:04:05.250Z', AT + 250],
    ['2026-11-20T10:04:05', AT],
    ['2026-11-20T10:04Z', AT - 5000],
    ['2026-11-20T12:04:05+02:00', AT],
    ['2026-11-20T05:04:05-0500', AT],
    ['2026-11-20', Date.UTC(2026, 10, 20)],
  ])('%s', (text, expected) => {
    expect(parseV0DateTime(text)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2026-02-30T00:00:00Z',
    '2026-13-01',
    '2026-11-20T24:00:00Z',
    '2026-11-20T10:60:00Z',
    '2026-11-20 10:04:05Z',
    '2026-11-20T10:04:05+25:00',
    '2026-11-20T10:04:05Z trailing',
    '0026-11-20',
  ])('refuses %j', (text) => {
    expect(parseV0DateTime(text)).toBeNull();
  });
});

describe('Orders 2026-01-01 date-times (RFC 3339)', () => {
  it.each([
    ['2026-11-20T10:04:05Z', AT],
    ['2026-11-20t10:04:05z', AT],
    ['2026-11-20T10:04:05.5Z', AT + 500],
    ['2026-11-20T11:04:05+01:00', AT],
  ])('%s', (text, expected) => {
    expect(parseRfc3339DateTime(text)).toBe(expected);
  });

  it.each(['2026-11-20', '2026-11-20T10:04Z', '2026-11-20T10:04:05', '2026-11-20T10:04:05+0100'])(
    'refuses the v0-only shape %j',
    (text) => {
      expect(parseRfc3339DateTime(text)).toBeNull();
    },
  );
});
