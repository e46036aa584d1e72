import { describe, expect, it } from 'vitest';
import { createRng } from './prng.js';
import {
  PII_COUNTRIES,
  fillPattern,
  piiLocale,
  syntheticAddress,
  syntheticBuyerEmail,
  syntheticCompanyName,
  syntheticGiftMessage,
  syntheticPerson,
  syntheticPhone,
  syntheticPurchaseOrderNumber,
} from './synthetic-pii.js';

const POSTAL: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] \d[A-Z]\d$/,
  MX: /^\d{5}$/,
  GB: /^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  JP: /^\d{3}-\d{4}$/,
  AU: /^\d{4}$/,
};

const EMAIL_DOMAIN: Record<string, string> = {
  US: 'marketplace.amazon.com',
  CA: 'marketplace.amazon.ca',
  MX: 'marketplace.amazon.com.mx',
  GB: 'marketplace.amazon.co.uk',
  DE: 'marketplace.amazon.de',
  FR: 'marketplace.amazon.fr',
  JP: 'marketplace.amazon.co.jp',
  AU: 'marketplace.amazon.com.au',
};

describe('synthetic PII', () => {
  it('covers every marketplace country', () => {
    expect([...PII_COUNTRIES].sort()).toEqual(['AU', 'CA', 'DE', 'FR', 'GB', 'JP', 'MX', 'US']);
    expect(() => piiLocale('BR')).toThrow(RangeError);
  });

  it('expands # % and @ in patterns', () => {
    const rng = createRng('pattern');
    for (let i = 0; i < 100; i += 1) {
      expect(fillPattern(rng, 'M%# #@@')).toMatch(/^M[1-9]\d \d[A-Z]{2}$/);
    }
  });

  describe.each(PII_COUNTRIES)('%s', (country) => {
    const rng = createRng(`pii:${country}`);
    const samples = Array.from({ length: 200 }, () => {
      const person = syntheticPerson(rng, country);
      return { person, address: syntheticAddress(rng, country, { name: person.fullName }) };
    });

    it('shapes postal codes, countries and address lines like the country does', () => {
      for (const { address } of samples) {
        expect(address.postalCode).toMatch(POSTAL[country] ?? /./);
        expect(address.countryCode).toBe(country);
        expect(address.addressLine1.length).toBeGreaterThan(3);
        expect(address.city.length).toBeGreaterThan(1);
        expect(address.stateOrRegion.length).toBeGreaterThan(1);
        expect(address.addressType).toBe('Residential');
      }
      expect(samples.some(({ address }) => address.addressLine2 !== undefined)).toBe(true);
    });

    it('makes phone numbers with at least 8 digits in varied formats', () => {
      const phones = samples.map(({ address }) => address.phone);
      for (const phone of phones) expect(phone.replace(/\D/g, '').length).toBeGreaterThanOrEqual(8);
      expect(new Set(phones.map((p) => p.replace(/\d/g, '9'))).size).toBeGreaterThan(1);
      expect(syntheticPhone(rng, country)).toMatch(/\d/);
    });

    it("uses Amazon's relay email shape for the marketplace", () => {
      expect(syntheticBuyerEmail(rng, country)).toMatch(
        new RegExp(`^[a-z0-9]{15}@${(EMAIL_DOMAIN[country] ?? '').replaceAll('.', '\\.')}$`),
      );
    });

    it('makes company names, PO numbers and gift messages', () => {
      expect(syntheticCompanyName(rng, country).length).toBeGreaterThan(3);
      expect(syntheticPurchaseOrderNumber(rng)).toMatch(/\d/);
      const message = syntheticGiftMessage(rng, country, { to: 'Zed', from: 'Ann' });
      expect(message).not.toMatch(/\{to\}|\{from\}/);
    });
  });

  it('writes Japanese names family-first in Japanese script', () => {
    const person = syntheticPerson(createRng('jp'), 'JP');
    expect(person.fullName).toBe(`${person.familyName} ${person.givenName}`);
    expect(person.fullName).toMatch(
      /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+ [\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u,
    );
  });

  it('sometimes writes the address in capitals, as some buyers type it', () => {
    const rng = createRng('caps');
    const addresses = Array.from({ length: 300 }, () =>
      syntheticAddress(rng, 'US', { name: 'Ann Lee' }),
    );
    expect(addresses.some((a) => a.name === 'ANN LEE' && a.city === a.city.toUpperCase())).toBe(
      true,
    );
    expect(addresses.some((a) => a.name === 'Ann Lee')).toBe(true);
  });

  it('includes gift messages with line breaks (realistic input for sanitizers)', () => {
    const rng = createRng('gift-lines');
    const messages = Array.from({ length: 200 }, () =>
      syntheticGiftMessage(rng, 'GB', { to: 'Ann', from: 'Bo' }),
    );
    expect(messages.some((m) => m.includes('\n'))).toBe(true);
  });

  it('is deterministic', () => {
    const a = syntheticAddress(createRng('same'), 'DE', { name: 'X', addressType: 'Commercial' });
    const b = syntheticAddress(createRng('same'), 'DE', { name: 'X', addressType: 'Commercial' });
    expect(a).toEqual(b);
    expect(a.addressType).toBe('Commercial');
  });
});
