// TEMPORARY until packages/domain/src/mapping/presets lands: no built-in presets, no ranking.
import type { MappingDocument } from '@scorecard/domain/mapping/document';
export const builtinPresets: { key: string; version: number; name: string; document: MappingDocument }[] = [];
export function rankPresets(_headers: readonly string[], presets: { key: string }[]): { key: string; missingColumns: string[] }[] {
  return presets.map((p) => ({ key: p.key, missingColumns: ['?'] }));
}
