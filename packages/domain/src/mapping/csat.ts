/**
 * CSAT from the mapping: the score column (1–5 digits, good/bad words) and, where the file states it per row,
 * the `csatScale` column. SPEC: good/bad is stored as 2/1 on scale 2; 1–5 on scale 5.
 */
import type { FieldSource } from './document.ts';
import { parseNumber } from './parse/timestamp.ts';
import { convertingReader, type Reader, type ReaderContext } from './readers.ts';

export type Csat = { score: number; scale: 2 | 5 };

export function csatReader(source: FieldSource, context: ReaderContext): Reader<Csat> {
  const scale = source.kind === 'column' ? (source.scale ?? 'auto') : 'auto';
  const words: Record<string, Csat> = { good: { score: 2, scale: 2 }, bad: { score: 1, scale: 2 } };
  const byScore: Csat[] = [1, 2, 3, 4, 5].map((score) => ({ score, scale: scale === 2 ? 2 : 5 }));
  let problem = '';
  const convert = (text: string): Csat | undefined => {
    const value = parseNumber(text);
    if (Number.isNaN(value)) {
      const word = words[text.toLowerCase()];
      if (word && scale !== 5) return word;
      problem = `CSAT: '${text}' is not a score (expected ${scale === 5 ? '1–5' : scale === 2 ? 'good/bad or 1–2' : '1–5 or good/bad'}; map other values, e.g. Offered → empty)`;
      return undefined;
    }
    const max = scale === 2 ? 2 : 5;
    if (!Number.isInteger(value)) problem = `CSAT: score ${text} is not a whole score`;
    else if (value < 1 || value > max) problem = `CSAT: score ${text} is outside the 1–${max} scale`;
    else return byScore[value - 1];
    return undefined;
  };
  return convertingReader('csatScore', source, context, convert, () => problem);
}

export function csatScaleReader(source: FieldSource, context: ReaderContext): Reader<2 | 5> {
  return convertingReader(
    'csatScale',
    source,
    context,
    (text) => {
      const value = parseNumber(text);
      return value === 2 || value === 5 ? value : undefined;
    },
    (text) => `CSAT scale: '${text}' is not 2 (good/bad) or 5 (1–5)`,
  );
}

/**
 * The score read against the scale the row states: a 1–2 digit on a stated scale 2 is good/bad; anything the
 * stated scale cannot hold (4 on scale 2, good/bad on scale 5) contradicts it. Returns the case's CSAT or a
 * reason to reject the row (the file disagrees with itself, so no reading of it is safe).
 */
export function applyStatedScale(csat: Csat, stated: 2 | 5): Csat | string {
  if (csat.scale === stated) return csat;
  if (stated === 2 && csat.score <= 2) return { score: csat.score, scale: 2 };
  return stated === 2
    ? `CSAT: score ${csat.score} contradicts the stated scale 2 (good/bad is 1–2)`
    : `CSAT: a good/bad answer contradicts the stated scale 5 (1–5)`;
}
