/**
 * Format detection: ranks presets by how well a file's header row matches the columns each reads, and
 * says why, so the choice can be shown and overridden.
 */
import { headerIndex } from './compile.ts';
import { documentColumns, type MappingDocument } from './document.ts';

export interface RankedPreset {
  key: string;
  name: string;
  /** 0–1: matched columns weighted (required 2, optional 1) over all the preset reads. */
  score: number;
  matchedColumns: string[];
  /** Required columns the file lacks: non-empty means the preset cannot import this file. */
  missingColumns: string[];
  missingOptional: string[];
  /** Columns of the file that the preset does not read: shown, so a file column is never ignored silently. */
  unreadColumns: string[];
  reason: string;
}

/** Usable presets first (no required column missing), then by score, then by matched count. */
export function rankPresets(
  headers: readonly string[],
  presets: readonly { key: string; name: string; document: MappingDocument }[],
): RankedPreset[] {
  const find = headerIndex(headers);
  const ranked = presets.map((preset): RankedPreset => {
    const { required, optional } = documentColumns(preset.document);
    const present = (column: string) => find(column) >= 0;
    const matchedColumns = [...required, ...optional].filter(present);
    const missingColumns = required.filter((column) => !present(column));
    const missingOptional = optional.filter((column) => !present(column));
    const total = required.length * 2 + optional.length;
    const score =
      total === 0
        ? 0
        : ((required.length - missingColumns.length) * 2 + (optional.length - missingOptional.length)) / total;
    const all = required.length + optional.length;
    const missing = [...missingColumns, ...missingOptional];
    const read = new Set(matchedColumns.map((column) => headers[find(column)]));
    const unreadColumns = headers.filter((header) => header.trim() !== '' && !read.has(header));
    let reason = `matched ${matchedColumns.length} of ${all} ${preset.name} columns`;
    if (missing.length > 0) reason += `; missing: ${missing.join(', ')}`;
    if (unreadColumns.length > 0) reason += `; file columns it does not read: ${unreadColumns.join(', ')}`;
    if (missingColumns.length > 0) reason += `; cannot import without ${missingColumns.join(', ')}`;
    return {
      key: preset.key,
      name: preset.name,
      score: Math.round(score * 1000) / 1000,
      matchedColumns,
      missingColumns,
      missingOptional,
      unreadColumns,
      reason,
    };
  });
  return ranked.sort(
    (a, b) =>
      Number(a.missingColumns.length > 0) - Number(b.missingColumns.length > 0) ||
      b.score - a.score ||
      b.matchedColumns.length - a.matchedColumns.length,
  );
}
