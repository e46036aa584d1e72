import { describe, expect, it } from 'vitest';
import { maskPii, maskString } from './masker.js';

const SIZE = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/**
 * Hostile inputs of 100 KB for every rule family. The assertion is only that masking returns:
 * a regex with catastrophic backtracking would not return within the test timeout. Timing is
 * deliberately not asserted (CI machines vary).
 */
const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ['one long word', fill('a')],
  ['digits', fill('1')],
  ['spaced digits', fill('1 ')],
  ['dashed digits', fill('12-')],
  ['almost order ids', fill('123-1234567-123456 ')],
  ['phone-ish groups', fill('+1 (415) 555-')],
  ['trunk zeros', fill('01 ')],
  ['plus signs', fill('+1 ')],
  ['almost emails', fill('a.')],
  ['at signs', fill('a@a')],
  ['email without tld', `${fill('a')}@${fill('b')}`],
  ['dotted domains', `x@${fill('b.')}`],
  ['percent-encoded', fill('%40a')],
  ['jwt headers', fill('eyJ')],
  ['jwt segments', `eyJ${fill('a.')}`],
  ['lwa prefixes', fill('Atza|')],
  ['bearer words', fill('Bearer ')],
  ['basic run', `Basic ${fill('A')}`],
  ['url schemes', fill('ab://a:')],
  ['key-values', fill('name:')],
  ['quoted keys', fill('"a":"')],
  ['unterminated quotes', fill('name:"\\')],
  ['escaped json', fill('\\"name\\":\\"')],
  ['open braces', fill('{')],
  ['open json', fill('{"a":')],
  ['brackets', fill('[1,')],
  ['street-ish', fill('1 A ')],
  ['german street-ish', fill('Aweg ')],
  ['postal-ish', fill('A1 1')],
  ['address segments', fill(', 12345 ')],
  ['home paths', fill('/Users/')],
  ['markers', fill('[REDACTED:phone]')],
  ['phone words', fill('phone: 1 ')],
  ['unicode letters', fill('ä1')],
  ['mixed', fill('Atza|eyJ.a@b.c +1 (415) 555 name: "x\\" {"phone":')],
];

describe('masking hostile 100 KB strings returns', () => {
  it.each(ADVERSARIAL)('%s', (_what, text) => {
    expect(text.length).toBeGreaterThanOrEqual(SIZE);
    expect(typeof maskString(text)).toBe('string');
  });

  it('a 100 KB JSON document inside a string', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({
      id: i,
      BuyerEmail: `b${String(i)}@x.com`,
    }));
    const masked = maskString(`rows: ${JSON.stringify(rows)}`);
    expect(masked).not.toContain('@x.com');
  });

  it('a wide object and a long array', () => {
    const wide = Object.fromEntries(
      Array.from({ length: 5_000 }, (_, i) => [`k${String(i)}`, 'v']),
    );
    const long = Array.from({ length: 10_000 }, () => 'a@b.co');
    expect(JSON.stringify(maskPii({ wide, long }))).not.toContain('a@b.co');
  });
});
