import { describe, expect, it } from 'vitest';
import { parseIso8601 } from '../../src/core/date-time.js';

describe('parseIso8601', () => {
  it.each([
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T03:04:05.123Z', Date.UTC(2026, 0, 2, 3, 4, 5, 123)],
    ['2026-01-02T03:04Z', Date.UTC(2026, 0, 2, 3, 4)],
    ['2026-01-02T03:04:05', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02', Date.UTC(2026, 0, 2)],
    ['2026-01-02T05:04:05+02:00', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2026-01-02T00:04:05-0300', Date.UTC(2026, 0, 2, 3, 4, 5)],
  ])('reads %s', (raw, expected) => {
    expect(parseIso8601(raw)).toBe(expected);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-01-02T24:00:00Z',
    '2026-01-02T03:04:05 02:00',
    '02/01/2026',
    '1767322800',
    '',
    'TEST_CASE_200',
  ])('refuses %s', (raw) => {
    expect(parseIso8601(raw)).toBeUndefined();
  });
});
