/**
 * fast-check generators of synthetic PII and secrets, for property tests of anything that must
 * not leak them (the masker here; loggers and crash reporters elsewhere). Every value is made
 * up. Import from `@spapi/shared/testing`, in tests only.
 */
import fc from 'fast-check';

const words = (list: string): string[] => list.split('|');

const FIRST_NAMES = words(
  "Jane|John|María|José|Jürgen|Zoë|Siobhán|Hiroshi|Yuki|Olamide|Aarav|Wei|Émilie|Søren|Mary-Kate|D'Arcy|太郎|Анна",
);
const LAST_NAMES = words(
  "Doe|Smith|Müller|O'Brien|García|Nakamura|Okafor|Kowalski|Nguyen|van der Berg|Schmidt-Weber|Lefèvre|山田|Иванова",
);
const STREET_NAMES = words('Main|Oak|Pennsylvania|Baker|Elm Tree|High|King George|Maple');
const EN_SUFFIXES = words('St|Street|Ave|Avenue|Road|Rd|Lane|Drive|Way|Court|Blvd');
const DE_STREETS = words('Haupt|Linden|Goethe|Bahnhof|Schiller|Friedrich-Ebert-|Kaiser');
const DE_SUFFIXES = words('straße|strasse|str.|weg|allee|platz|gasse|ring');
const CITIES = words('Springfield|Berlin|München|London|Toronto|Tokyo|San José|Paris');
const US_STATES = words('CA|NY|IL|TX|WA|MA');

const digits = (count: number) => fc.stringMatching(new RegExp(`^\\d{${String(count)}}$`));
const base64 = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9+/_-]{${String(min)},${String(max)}}$`));
const base64url = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${String(min)},${String(max)}}$`));

export const personName = fc
  .tuple(fc.constantFrom(...FIRST_NAMES), fc.constantFrom(...LAST_NAMES))
  .map(([first, last]) => `${first} ${last}`);

export const city = fc.constantFrom(...CITIES);

/** Street lines the value patterns recognise: number + words + suffix, or German `…straße 5`. */
export const streetLine = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 99999 }), fc.constantFrom(...STREET_NAMES))
    .chain(([n, name]) =>
      fc.constantFrom(...EN_SUFFIXES).map((suffix) => `${String(n)} ${name} ${suffix}`),
    ),
  fc
    .tuple(
      fc.constantFrom(...DE_STREETS),
      fc.constantFrom(...DE_SUFFIXES),
      fc.integer({ min: 1, max: 300 }),
      fc.constantFrom('', 'a', 'b'),
    )
    .map(([name, suffix, n, letter]) => `${name}${suffix} ${String(n)}${letter}`),
);

/** Address lines no pattern can recognise: only key rules protect these. */
export const freeformAddressLine = fc.constantFrom(
  'Flat 2, Rose Court',
  'Suite 456',
  '1-2-3 Jingumae',
  'c/o Reception',
  'Apartment 12B',
);

const pick = (formats: readonly string[]) => fc.constantFrom(...formats);

const usPhone = fc
  .tuple(fc.stringMatching(/^[2-9]\d{2}$/), fc.stringMatching(/^[2-9]\d{2}$/), digits(4))
  .chain(([a, e, l]) =>
    pick([
      `(${a}) ${e}-${l}`,
      `${a}-${e}-${l}`,
      `${a}.${e}.${l}`,
      `${a} ${e} ${l}`,
      `+1 ${a} ${e} ${l}`,
      `+1 (${a}) ${e}-${l}`,
      `1-${a}-${e}-${l}`,
      `+1${a}${e}${l}`,
    ]),
  );
const ukPhone = fc
  .tuple(digits(4), digits(4), digits(6))
  .chain(([x, y, z]) =>
    pick([
      `020 ${x} ${y}`,
      `07${x.slice(1)} ${z}`,
      `+44 20 ${x} ${y}`,
      `+44 7${x} ${z}`,
      `+44 (0)20 ${x} ${y}`,
      `01632 ${z}`,
    ]),
  );
const dePhone = fc
  .tuple(digits(8), digits(7))
  .chain(([x, y]) =>
    pick([
      `030 ${x}`,
      `0151 ${x}`,
      `030/${y}`,
      `+49 30 ${x}`,
      `+49 (0)30 ${y}`,
      `0049 30 ${x}`,
      `0171-${y}`,
    ]),
  );
const jpPhone = fc
  .tuple(digits(4), digits(4), digits(3))
  .chain(([x, y, z]) =>
    pick([
      `03-${x}-${y}`,
      `090-${x}-${y}`,
      `+81 3-${x}-${y}`,
      `+81-90-${x}-${y}`,
      `0120-${z}-${z}`,
    ]),
  );
const e164Phone = fc
  .tuple(fc.constantFrom('33', '34', '39', '31', '61', '91'), digits(9))
  .map(([cc, n]) => `+${cc}${n}`);

/** Formatted phone numbers: US, UK, DE, JP, international. */
export const phone = fc.oneof(usPhone, ukPhone, dePhone, jpPhone, e164Phone);

/** An unformatted national number: recognised only under a phone key or after a phone word. */
export const barePhone = fc.stringMatching(/^0[1-9]\d{8,9}$/);

export const email = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...FIRST_NAMES.slice(0, 8)),
      fc.constantFrom('doe', 'smith', 'x'),
      fc.nat(999),
      fc.constantFrom('example.com', 'mail.example.co.uk', 'beispiel.de', 'example.jp'),
    )
    .map(([first, last, n, domain]) => `${first.toLowerCase()}.${last}${String(n)}@${domain}`),
  fc.stringMatching(/^[a-z0-9]{16}$/).map((local) => `${local}@marketplace.amazon.com`),
  fc.emailAddress(),
);

/** Postal codes recognisable anywhere: US ZIP+4, UK, CA, JP. */
export const distinctivePostalCode = fc.oneof(
  fc.tuple(digits(5), digits(4)).map(([a, b]) => `${a}-${b}`),
  fc.stringMatching(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/),
  fc.stringMatching(/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/),
  fc
    .tuple(digits(3), digits(4), fc.boolean())
    .map(([a, b, mark]) => `${mark ? '〒' : ''}${a}-${b}`),
);

/** A 5-digit ZIP/PLZ: recognised only in address context or under a postal-code key. */
export const fiveDigitPostalCode = digits(5);

/** A 5-digit code inside an address line the patterns recognise (US state, `, 10115 Berlin`). */
export const postalCodeInAddress = fc.oneof(
  fc
    .tuple(city, fc.constantFrom(...US_STATES), digits(5))
    .map(([town, state, zip]) => ({ value: zip, text: `${town}, ${state} ${zip}` })),
  fc
    .tuple(streetLine, digits(5), fc.constantFrom('Berlin', 'München', 'Paris', 'Köln'))
    .map(([street, zip, town]) => ({ value: zip, text: `${street}, ${zip} ${town}` })),
);

/** Every secret format the value patterns know. */
export const secret = fc.oneof(
  base64(40, 300).map((body) => `Atza|IwEB${body}`),
  base64(40, 300).map((body) => `Atzr|IwEB${body}`),
  base64(40, 300).map((body) => `Atz.sprdt|IQEB${body}`),
  base64(40, 120).map((body) => `Atza%7CIwEB${body}`),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `amzn1.oa2-cs.v1.${hex}`),
  fc
    .tuple(base64url(10, 40), base64url(10, 80), base64url(10, 60))
    .map(([header, payload, signature]) => `eyJ${header}.${payload}.${signature}`),
  fc.stringMatching(/^(?:AKIA|ASIA)[A-Z0-9]{16}$/),
);

/** Opaque bearer tokens: recognisable only after `Bearer `. */
export const bearerToken = base64(20, 80);

/** An LWA authorization code (`spapi_oauth_code`): mixed case, with a digit. */
export const oauthCode = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{16}$/), fc.nat(9))
  .map(([body, d]) => `AN${body.slice(0, 8)}x${String(d)}${body.slice(8)}`);

export const password = fc.string({ minLength: 12, maxLength: 40 });

export const giftMessage = fc
  .tuple(fc.constantFrom('Happy birthday', 'Love you', 'Get well soon'), personName)
  .map(([message, name]) => `${message}, ${name}!`);

/** Any value a pattern must catch wherever it appears in text. */
export const detectablePii = fc.oneof(email, phone, distinctivePostalCode, streetLine, secret);

/** Anything that is PII or a secret, whether or not a pattern can recognise it. */
export const anyPii = fc.oneof(
  detectablePii,
  personName,
  freeformAddressLine,
  fiveDigitPostalCode,
  barePhone,
  bearerToken,
  oauthCode,
  password,
  giftMessage,
);
