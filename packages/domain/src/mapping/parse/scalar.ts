/** Booleans and whole numbers for the import hot path. */
import { parseNumber } from './timestamp.ts';

const BOOLEAN_WORDS = new Map<string, boolean>([
  ['y', true],
  ['yes', true],
  ['true', true],
  ['t', true],
  ['1', true],
  ['n', false],
  ['no', false],
  ['false', false],
  ['f', false],
  ['0', false],
]);

/** Y/N, yes/no, true/false, t/f, 1/0 in any case; null when the word is none of those. */
export function parseBoolean(text: string): boolean | null {
  const exact = BOOLEAN_WORDS.get(text);
  if (exact !== undefined) return exact;
  return BOOLEAN_WORDS.get(text.toLowerCase()) ?? null;
}

/** A whole number (`3`, `3.0`); NaN for fractions and non-numbers. */
export function parseWholeNumber(text: string): number {
  const value = parseNumber(text);
  return Number.isInteger(value) ? value : Number.NaN;
}
