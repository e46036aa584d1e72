/**
 * Synthetic buyer data: shaped like what Amazon returns per marketplace (scripts, postal code
 * formats, phone formats as buyers type them, capitals, second address lines, line breaks in
 * gift messages) so that PII masking is tested against realistic input. Every value is made
 * up from the tables in `pii-locales-*.ts`; phone numbers use fiction ranges where they exist.
 */
import type { SimAddress } from './order.types.js';
import type { PiiLocale } from './pii-locale.types.js';
import { AU_LOCALE, JP_LOCALE } from './pii-locales-fe.js';
import { DE_LOCALE, FR_LOCALE, GB_LOCALE } from './pii-locales-eu.js';
import { CA_LOCALE, MX_LOCALE, US_LOCALE } from './pii-locales-na.js';
import type { Prng } from './prng.js';

const LOCALES: Readonly<Record<string, PiiLocale>> = {
  US: US_LOCALE,
  CA: CA_LOCALE,
  MX: MX_LOCALE,
  GB: GB_LOCALE,
  DE: DE_LOCALE,
  FR: FR_LOCALE,
  JP: JP_LOCALE,
  AU: AU_LOCALE,
};

export const PII_COUNTRIES = Object.keys(LOCALES);

export function piiLocale(countryCode: string): PiiLocale {
  const locale = LOCALES[countryCode];
  if (!locale) throw new RangeError(`No synthetic data for country ${countryCode}`);
  return locale;
}

/** Letters valid both in UK inward codes and Canadian postal codes. */
const POSTAL_LETTERS = 'ABEGHJLNPRSTWXYZ';
const EMAIL_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Expands `#` (digit), `%` (digit 1-9) and `@` (letter); other characters are literal. */
export function fillPattern(rng: Prng, pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '#') out += String(rng.int(0, 9));
    else if (ch === '%') out += String(rng.int(1, 9));
    else if (ch === '@') out += POSTAL_LETTERS.charAt(rng.int(0, POSTAL_LETTERS.length - 1));
    else out += ch;
  }
  return out;
}

export interface SyntheticPerson {
  givenName: string;
  familyName: string;
  /** As the buyer entered it; Japanese names are family name first. */
  fullName: string;
}

export function syntheticPerson(rng: Prng, countryCode: string): SyntheticPerson {
  const locale = piiLocale(countryCode);
  const givenName = rng.pick(locale.givenNames);
  const familyName = rng.pick(locale.familyNames);
  const fullName = locale.familyNameFirst
    ? `${familyName} ${givenName}`
    : `${givenName} ${familyName}`;
  return { givenName, familyName, fullName };
}

/** Amazon's relay address: 15 lower-case letters/digits at the marketplace's domain. */
export function syntheticBuyerEmail(rng: Prng, countryCode: string): string {
  return `${rng.chars(15, EMAIL_ALPHABET)}@${piiLocale(countryCode).emailDomain}`;
}

export function syntheticPhone(rng: Prng, countryCode: string): string {
  return fillPattern(rng, rng.pick(piiLocale(countryCode).phonePatterns));
}

export function syntheticCompanyName(rng: Prng, countryCode: string): string {
  const locale = piiLocale(countryCode);
  const stem = rng.pick(locale.companyStems);
  const form = rng.pick(locale.companyForms);
  return locale.companyFormFirst ? `${form}${stem}` : `${stem} ${form}`;
}

const PO_PATTERNS = ['PO-20##-0####', '45########', 'PO%####', 'REQ-%#####', '%####-@'] as const;

export function syntheticPurchaseOrderNumber(rng: Prng): string {
  return fillPattern(rng, rng.pick(PO_PATTERNS));
}

export function syntheticGiftMessage(
  rng: Prng,
  countryCode: string,
  names: { to: string; from: string },
): string {
  return rng
    .pick(piiLocale(countryCode).giftMessages)
    .replaceAll('{to}', names.to)
    .replaceAll('{from}', names.from);
}

export interface SyntheticAddressOptions {
  name: string;
  addressType?: SimAddress['addressType'];
}

/** A shipping address in the marketplace country's conventions. */
export function syntheticAddress(
  rng: Prng,
  countryCode: string,
  options: SyntheticAddressOptions,
): SimAddress {
  const locale = piiLocale(countryCode);
  const place = rng.pick(locale.places);
  const addressType = options.addressType ?? 'Residential';
  const line1 = locale.streetLine(
    rng.pick(locale.streets),
    fillPattern(rng, rng.pick(locale.houseNumberPatterns)),
  );
  const line2Chance = addressType === 'Commercial' ? 0.6 : locale.line2Chance;
  const line2 = rng.chance(line2Chance)
    ? fillPattern(rng, rng.pick(locale.line2Patterns))
    : undefined;
  const postalCode = fillPattern(rng, place.postalPattern);
  const address: SimAddress = {
    name: options.name,
    addressLine1: line1,
    city: place.city,
    stateOrRegion: place.stateOrRegion,
    postalCode:
      countryCode === 'US' && rng.chance(0.4) ? `${postalCode}-${rng.digits(4)}` : postalCode,
    countryCode,
    phone: syntheticPhone(rng, countryCode),
    addressType,
  };
  if (line2 !== undefined) address.addressLine2 = line2;
  return rng.chance(locale.upperCaseChance) ? upperCased(address) : address;
}

/** Some buyers type everything in capitals; Amazon passes it through unchanged. */
function upperCased(address: SimAddress): SimAddress {
  const out: SimAddress = {
    ...address,
    name: address.name.toUpperCase(),
    addressLine1: address.addressLine1.toUpperCase(),
    city: address.city.toUpperCase(),
  };
  if (address.addressLine2 !== undefined) out.addressLine2 = address.addressLine2.toUpperCase();
  return out;
}
