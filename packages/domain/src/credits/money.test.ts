import { describe, expect, it } from 'vitest';
import { applyRates, moneyText, percentText } from './money.ts';

describe('applyRates', () => {
  it.each([
    // [amount, rates, expected, the contract example]
    [10_000_000, [1000, 4000], 400_000, '40 % × 10 % of 100,000.00 = 4,000.00'],
    [10_000_000, [1000], 1_000_000, 'at-risk 10 % of 100,000.00 = 10,000.00'],
    [12_345_67, [1200, 2500], 37_037, '25 % × 12 % of 12,345.67 = 370.37 (370.3701)'],
    [1, [5000], 1, 'half a cent rounds away from zero'],
    [-1, [5000], -1, 'negative half rounds away from zero'],
    [3, [3333], 1, '0.9999 rounds to 1'],
    [900_719_925_474_099, [10_000, 10_000], 900_719_925_474_099, 'no precision lost near 2^53'],
  ])('%d × %j = %d (%s)', (amount, rates, expected) => {
    expect(applyRates(amount, ...rates)).toBe(expected);
  });
  it('refuses fractional money', () => {
    expect(() => applyRates(1.5, 100)).toThrow(RangeError);
    expect(() => applyRates(100, 0.5)).toThrow(RangeError);
  });
});

describe('texts', () => {
  it.each([
    [4000, '40 %'],
    [1050, '10.5 %'],
    [25_000, '250 %'],
  ])('%d bp is %s', (bp, text) => expect(percentText(bp)).toBe(text));
  it.each([
    [400_000, 'EUR', '4,000.00 EUR'],
    [5, 'USD', '0.05 USD'],
    [-123_456, 'GBP', '−1,234.56 GBP'],
  ])('%d %s is %s', (amount, currency, text) => expect(moneyText(amount, currency)).toBe(text));
});
