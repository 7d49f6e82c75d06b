/** Test helpers (used by *.test.ts only): read a CSV with csv-parse and run it through a document. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { NormaliseResult } from './canonical.ts';
import { compileMapping } from './compile.ts';
import type { MappingDocument } from './document.ts';

export function readCsv(path: string | URL): { headers: string[]; rows: string[][] } {
  const records: string[][] = parse(readFileSync(path), { relax_column_count: true, bom: true });
  const [headers = [], ...rows] = records;
  return { headers, rows };
}

/** Normalises every row; line numbers assume one physical line per record after a one-line header. */
export function normaliseFile(document: MappingDocument, path: string | URL, timeZone?: string) {
  const { headers, rows } = readCsv(path);
  const compiled = compileMapping(document, headers, { timeZone });
  const results: NormaliseResult[] = rows.map((cells, index) => compiled.normalise(cells, index + 2));
  return { headers, rows, compiled, results };
}

export const at = (iso: string): Date => new Date(iso);
