/**
 * Shape of the per-country tables that synthetic PII is drawn from.
 *
 * Patterns (postal codes, phones, address line 2, PO numbers) use a tiny template language:
 * `#` any digit, `%` a digit 1-9, `@` an upper-case letter valid in both UK inward codes and
 * Canadian postal codes; every other character is literal.
 *
 * Phone patterns use ranges set aside for fiction where the country has them (US/CA 555-01xx,
 * Ofcom's drama ranges, ACMA's, ARCEP's); elsewhere they only mimic the shape.
 */
export interface PiiPlace {
  city: string;
  stateOrRegion: string;
  postalPattern: string;
}

export interface PiiLocale {
  countryCode: string;
  /** Domain of Amazon's relay addresses in this marketplace. */
  emailDomain: string;
  givenNames: readonly string[];
  familyNames: readonly string[];
  /** Japanese order: family name first. */
  familyNameFirst: boolean;
  streets: readonly string[];
  /** Joins a street and a house number the way the country writes it. */
  streetLine: (street: string, houseNumber: string) => string;
  houseNumberPatterns: readonly string[];
  line2Patterns: readonly string[];
  /** Probability that a residential address has a second line. */
  line2Chance: number;
  places: readonly PiiPlace[];
  phonePatterns: readonly string[];
  companyStems: readonly string[];
  companyForms: readonly string[];
  /** Japanese order: legal form before the name (株式会社…). */
  companyFormFirst: boolean;
  /** `{to}` and `{from}` are replaced by given names. */
  giftMessages: readonly string[];
  /** Share of buyers who type their address in capitals. */
  upperCaseChance: number;
}
