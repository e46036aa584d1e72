/**
 * Where PII ends up in logs: inside free text, under nested keys. Used with the value
 * generators in `pii-arbitraries.ts`.
 */
import fc from 'fast-check';

const split = (list: string) => list.trim().split(/\s+/);

/** Filler words: no PII keyword ("phone", "zip", "name", "code", "bearer"…) and no digits. */
const FILLER = split(`
  lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor order shipped
  synced retry status ok
`);
const SEPARATORS = [' ', '\n', ', ', '; ', ' (', ') ', ' "', '" ', ' - ', ': ', '\t'];

const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 6 }).map((w) => w.join(' '));
const separator = fc.constantFrom(...SEPARATORS);

/** Random filler text with `values` at random positions, each set off by separators. */
export function textAround(values: readonly string[]): fc.Arbitrary<string> {
  const count = values.length + 1;
  return fc
    .array(fc.tuple(filler, separator, separator), { minLength: count, maxLength: count })
    .map((parts) =>
      parts
        .map(([words, before, after], i) => {
          const value = values[i];
          return value === undefined ? words : `${words}${before}${value}${after}`;
        })
        .join(''),
    );
}

/** Keys that name PII or secrets, in the spellings that occur (Amazon, OAuth, HTTP headers). */
export const piiKey = fc.constantFrom(
  ...split(`
    Name BuyerName buyerName buyer-name AddressLine1 address_line_2 addressLine3 street City
    PostalCode postal_code zip Phone phone_number BuyerEmail email GiftMessageText recipient
    shippingAddress buyerInfo BuyerTaxInfo county district companyName access_token
    refresh_token client_secret password totp secret authorization Cookie x-amz-access-token
    X-Amz-Access-Token restrictedDataToken spapi_oauth_code AUTHORIZATION
  `),
);

/** Keys that say nothing about their value: common names and arbitrary strings. */
export const neutralKey = fc.oneof(
  fc.constantFrom(...split('data payload items meta context details response body result 0')),
  fc.string({ maxLength: 10 }),
);

/** `leaf` at the end of a random path of neutral keys (some through arrays), with siblings. */
export function nestedUnder<T>(leaf: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.array(fc.tuple(neutralKey, fc.boolean()), { maxLength: 5 }), leaf)
    .map(([path, value]) =>
      path.reduceRight<unknown>(
        (inner, [key, throughArray]) =>
          Object.fromEntries([
            ['zz-sibling', 'lorem'],
            [key, throughArray ? ['x', inner] : inner],
          ]),
        value,
      ),
    );
}
