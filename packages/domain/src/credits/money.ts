/**
 * Money in integer minor units (cents) and rates in basis points (1 % = 100 bp): no floating-point money.
 * Products are taken in BigInt so that an invoice × two rates never loses a cent above 2^53.
 */

/** 100 % in basis points. */
export const WHOLE_BP = 10_000;

/** amount × Π(rate ÷ 10,000), rounded half away from zero to the minor unit. */
export function applyRates(amountMinor: number, ...ratesBp: readonly number[]): number {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount ${amountMinor} is not whole minor units`);
  for (const rate of ratesBp) if (!Number.isSafeInteger(rate)) throw new RangeError(`rate ${rate} is not whole bp`);
  const numerator = ratesBp.reduce((product, rate) => product * BigInt(rate), BigInt(amountMinor));
  const denominator = BigInt(WHOLE_BP) ** BigInt(ratesBp.length);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return Number(negative ? -rounded : rounded);
}

/** 4000 bp → "40 %", 1050 bp → "10.5 %". */
export function percentText(bp: number): string {
  return `${(bp / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })} %`;
}

/** 400000 minor units of EUR → "4,000.00 EUR" (two decimals: the currencies contracts are written in). */
export function moneyText(amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? '−' : '';
  const magnitude = Math.abs(amountMinor);
  const whole = Math.trunc(magnitude / 100).toLocaleString('en-GB');
  return `${sign}${whole}.${String(magnitude % 100).padStart(2, '0')} ${currency}`;
}
