import { readFileSync } from 'node:fs';
import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, passwordProblem } from './password-policy.js';

/** Well-known passwords of 12+ characters that the old, curated list of ≈350 entries let in. */
const FROM_GENERAL_LIST = [
  'whosyourdaddy',
  'iseedeadpeople',
  'counterstrike',
  'needforspeed',
  'leavemealone',
  'qwertyasdfgh',
  '1qazxsw23edc',
  'zaq1xsw2cde3',
];

const PASSPHRASE = 'copper-kettle-orchard-19';

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('password policy', () => {
  it('refuses short, long, common, repetitive and email-based passwords', () => {
    expect(passwordProblem('short-pass1')).toBe('too-short');
    expect(passwordProblem('x'.repeat(257))).toBe('too-long');
    expect(passwordProblem('Password1234!')).toBe('common');
    expect(passwordProblem('passwordpassword')).toBe('common');
    expect(passwordProblem('123456789012')).toBe('common');
    expect(passwordProblem('abababababab')).toBe('repetitive');
    expect(passwordProblem('jane.doe.2030!', 'jane.doe@example.test')).toBe('contains-email');
  });

  it('refuses well-known passwords from the zxcvbn-ts common list', () => {
    const general = new Set(dictionary['passwords-common']);
    for (const password of FROM_GENERAL_LIST) {
      expect(general.has(password)).toBe(true);
      expect(passwordProblem(password)).toBe('common');
    }
  });

  it('matches the list case-insensitively and through digits and symbols at the edges', () => {
    expect(passwordProblem('WhosYourDaddy')).toBe('common');
    expect(passwordProblem('!!CounterStrike2024')).toBe('common');
    expect(passwordProblem('Leave Me Alone!')).toBe('common');
  });

  it('refuses the product-specific words of common-passwords.txt', () => {
    expect(passwordProblem('SellerCentral2024!')).toBe('common');
    expect(passwordProblem('ParcelDesk2024!')).toBe('common');
    expect(passwordProblem('Seller Central!')).toBe('common');
    expect(passwordProblem('amazonselleramazonseller')).toBe('common');
    expect(passwordProblem('correct horse battery staple')).toBe('common');
  });

  it('keeps common-passwords.txt to lower-case words the general list lacks', () => {
    const general = new Set(dictionary['passwords-common']);
    const local = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((entry) => general.has(entry) || entry !== entry.toLowerCase())).toEqual(
      [],
    );
  });

  it('accepts a strong passphrase', () => {
    expect(passwordProblem(PASSPHRASE)).toBeNull();
    expect(passwordProblem('lantern quietly gravel mosaic')).toBeNull();
    expect(() => {
      assertAcceptablePassword(PASSPHRASE, 'jane.doe@example.test');
    }).not.toThrow();
  });

  it('names the rule, never the value, when it refuses', () => {
    const refusal = thrownBy(() => {
      assertAcceptablePassword('whosyourdaddy');
    });
    expect(refusal).toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
      details: { fields: ['password'], ids: { rule: 'common' } },
    });
    expect(JSON.stringify(refusal) + String(refusal)).not.toContain('whosyourdaddy');
  });
});
