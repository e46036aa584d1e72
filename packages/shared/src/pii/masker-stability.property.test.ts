import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyPii, detectablePii, leaks, nestedUnder, piiKey, textAround } from '../testing/index.js';
import { maskPii, maskString } from './masker.js';

describe('property: masking is idempotent', () => {
  it('for text', () => {
    const text = fc.array(detectablePii, { maxLength: 4 }).chain((values) => textAround(values));
    fc.assert(
      fc.property(text, (input) => {
        const once = maskString(input);
        expect(maskString(once)).toBe(once);
      }),
    );
  });

  it('for nested values, errors and JSON strings', () => {
    const textWithPii = fc.array(detectablePii, { maxLength: 2 }).chain((v) => textAround(v));
    const leaf = fc.oneof(
      fc.tuple(piiKey, anyPii).map(([key, value]) => ({ [key]: value })),
      textWithPii,
      textWithPii.map((text) => new Error(text, { cause: new Error(text) })),
      fc.tuple(piiKey, anyPii).map(([key, value]) => JSON.stringify({ [key]: value, n: 1 })),
    );
    fc.assert(
      fc.property(nestedUnder(leaf), (input) => {
        const once = maskPii(input);
        expect(maskPii(once)).toEqual(once);
      }),
    );
  });
});

const orderId = fc.stringMatching(/^\d{3}-\d{7}-\d{7}$/);
const isoDate = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([date, style]) => {
    const iso = date.toISOString();
    return [iso, iso.slice(0, 10), iso.replace('Z', '+09:00')][style] ?? iso;
  });
const asin = fc.oneof(fc.stringMatching(/^B0[0-9A-Z]{8}$/), fc.stringMatching(/^\d{9}[\dX]$/));
const amount = fc
  .tuple(fc.nat(99999), fc.nat(99))
  .map(([units, cents]) => `${String(units)}.${String(cents).padStart(2, '0')}`);
const epoch = fc
  .integer({ min: 1_000_000_000, max: 2_000_000_000 })
  .chain((seconds) => fc.constantFrom(String(seconds), `${String(seconds)}000`));
const safeToken = fc.oneof(orderId, isoDate, fc.uuid(), asin, amount, epoch);

describe('property: ids, timestamps and amounts survive', () => {
  it('unchanged when there is no PII', () => {
    const text = fc.array(safeToken, { maxLength: 5 }).chain((values) => textAround(values));
    fc.assert(
      fc.property(text, (input) => {
        expect(maskString(input)).toBe(input);
      }),
    );
  });

  it('kept next to PII when a word sets them apart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(safeToken, detectablePii), { minLength: 1, maxLength: 3 }),
        (pairs) => {
          const text = pairs.map(([safe, pii]) => `id ${safe} lorem ${pii} ipsum`).join(' and ');
          const masked = maskString(text);
          for (const [safe, pii] of pairs) {
            expect(masked).toContain(safe);
            expect(leaks(masked, pii)).toBe(false);
          }
        },
      ),
    );
  });
});
