import { describe, expect, it } from 'vitest';
import { moneyOf, multiplyAmount, shippingAddressOf } from './map-common.js';

describe('multiplyAmount (exact decimal, no float drift)', () => {
  it.each([
    ['3.30', 3, '9.90'],
    ['0.10', 3, '0.30'],
    ['19.99', 7, '139.93'],
    ['1200', 2, '2400'],
    ['0.05', 1, '0.05'],
    ['-0.50', 3, '-1.50'],
    ['-0.50', 0, '0.00'],
    ['0.001', 5, '0.005'],
  ])('%s × %i = %s', (amount, factor, expected) => {
    expect(multiplyAmount(amount, factor)).toBe(expected);
  });
});

describe('moneyOf / shippingAddressOf', () => {
  it('an amount needs both parts', () => {
    expect(moneyOf('1.00', 'EUR')).toEqual({ amount: '1.00', currencyCode: 'EUR' });
    expect(moneyOf('1.00', undefined)).toBeNull();
    expect(moneyOf(null, 'EUR')).toBeNull();
  });

  it('keeps the lines present, empty texts become null', () => {
    expect(
      shippingAddressOf({
        lines: ['a', '', null, undefined, 'c'],
        city: '',
        stateOrRegion: 'S',
        district: null,
      }),
    ).toEqual({ lines: ['a', 'c'], city: null, stateOrRegion: 'S', district: null });
  });
});
