/**
 * Money as the API states it: integer minor units (two decimals, as the domain's `moneyText` writes every
 * formula), rates in basis points. Written the way the statement formulas write them (`4,000.00 EUR`).
 */
import { moneyText, percentText } from '@scorecard/domain/credits/money';

/** 400000 EUR → "4,000.00 EUR"; null (an amount the role may not see) → "hidden". */
export function formatMoney(minor: number | null, currency: string): string {
  return minor === null ? 'hidden' : moneyText(minor, currency);
}

/** "100,000.00" typed in a form → 10000000 minor units; null when it is not an amount with at most two decimals. */
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Minor units back to the text a form shows: 10000000 → "100000.00". */
export const minorToText = (minor: number): string => (minor / 100).toFixed(2);

/** 1000 bp → "10 %", 1250 → "12.5 %"; null → "—". */
export function formatBp(bp: number | null): string {
  return bp === null ? '—' : percentText(bp);
}

/** "12.5" (percent) → 1250 bp; null when empty or not a number. */
export function percentToBp(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? Math.round(value * 100) : null;
}

export const bpToPercent = (bp: number | null): string => (bp === null ? '' : String(bp / 100));
