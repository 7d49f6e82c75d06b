import { describe, expect, it } from 'vitest';
import { formatBp, formatMoney, minorToText, parseMoney, percentToBp } from './money.ts';

describe('money in the forms and tables', () => {
  it.each([
    [400_000, 'EUR', '4,000.00 EUR'],
    [-200_000, 'USD', '−2,000.00 USD'],
    [null, 'EUR', 'hidden'],
  ])('%s %s → %s', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  it.each([
    ['100,000.00', 10_000_000],
    ['100000', 10_000_000],
    ['0.5', 50],
    ['12.345', null],
    ['abc', null],
    ['-5', null],
    ['', null],
  ])('parses %j as %s minor units', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it('writes and reads rates in basis points, and amounts back into a form', () => {
    expect([formatBp(1000), formatBp(1250), formatBp(null)]).toEqual(['10 %', '12.5 %', '—']);
    expect([percentToBp('10'), percentToBp('12.5'), percentToBp(''), percentToBp('x')]).toEqual([
      1000,
      1250,
      null,
      null,
    ]);
    expect(minorToText(10_000_050)).toBe('100000.50');
  });
});
