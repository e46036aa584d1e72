import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyPii,
  barePhone,
  bearerToken,
  detectablePii,
  leaks,
  nestedUnder,
  piiKey,
  postalCodeInAddress,
  textAround,
} from '../testing/index.js';
import { maskPii, maskString } from './masker.js';

/** `[values, text]`: one to three detectable values somewhere in filler text. */
const textWithPii = fc
  .array(detectablePii, { minLength: 1, maxLength: 3 })
  .chain((values) => textAround(values).map((text) => [values, text] as const));

/** `[value, text]`: values recognisable only in context. */
const contextual = fc.oneof(
  postalCodeInAddress,
  fc
    .tuple(fc.constantFrom('phone: ', 'Tel. ', 'mobile=', 'Fax: '), barePhone)
    .map(([word, value]) => ({ value, text: `${word}${value}` })),
  bearerToken.map((value) => ({ value, text: `Authorization header Bearer ${value}` })),
);

const expectNoLeak = (masked: unknown, values: readonly string[]) => {
  for (const value of values) {
    expect(leaks(masked, value), `${value} in ${JSON.stringify(masked)}`).toBe(false);
  }
};

describe('property: no generated PII or secret survives masking', () => {
  it('detectable values anywhere in free text', () => {
    fc.assert(
      fc.property(textWithPii, ([values, text]) => {
        expectNoLeak(maskString(text), values);
      }),
    );
  });

  it('5-digit ZIP/PLZ in an address, bare phones after a phone word, bearer tokens', () => {
    const inText = contextual.chain(({ value, text }) =>
      textAround([text]).map((t) => [value, t] as const),
    );
    fc.assert(
      fc.property(inText, ([value, text]) => {
        expectNoLeak(maskString(text), [value]);
      }),
    );
  });

  it('any value under a PII key, nested under neutral keys', () => {
    const input = fc
      .tuple(piiKey, anyPii)
      .chain(([key, value]) =>
        nestedUnder(fc.constant({ [key]: value, note: 'lorem' })).map((i) => [value, i] as const),
      );
    fc.assert(
      fc.property(input, ([value, object]) => {
        expectNoLeak(maskPii(object), [value]);
      }),
    );
  });

  it('detectable values in text nested under neutral keys', () => {
    const input = textWithPii.chain(([values, text]) =>
      nestedUnder(fc.constant(text)).map((i) => [values, i] as const),
    );
    fc.assert(
      fc.property(input, ([values, object]) => {
        expectNoLeak(maskPii(object), values);
      }),
    );
  });

  it('inside Error messages, causes, own fields and aggregated errors', () => {
    const input = fc.tuple(detectablePii, detectablePii, piiKey, anyPii, fc.boolean());
    fc.assert(
      fc.property(input, ([inMessage, inCause, key, underKey, aggregate]) => {
        const cause = Object.assign(new TypeError(`cause ${inCause}`), { [key]: underKey });
        const error = new Error(`failed for ${inMessage}`, {
          cause: aggregate ? new AggregateError([cause], 'many') : cause,
        });
        expectNoLeak(maskPii({ err: error }), [inMessage, inCause, underKey]);
      }),
    );
  });

  it('inside JSON-stringified payloads: plain, in text, double-encoded, as a field', () => {
    const payload = fc
      .tuple(piiKey, anyPii, detectablePii)
      .chain(([key, keyed, free]) =>
        nestedUnder(fc.constant({ [key]: keyed, message: `see ${free}` })).map(
          (object) => [[keyed, free], object] as const,
        ),
      );
    fc.assert(
      fc.property(payload, fc.integer({ min: 0, max: 3 }), ([values, object], style) => {
        const json = JSON.stringify(object);
        const logged = [
          json,
          `SP-API response: ${json} (retrying)`,
          JSON.stringify(json),
          { json },
        ];
        expectNoLeak(maskPii(logged[style]), values);
      }),
    );
  });
});
