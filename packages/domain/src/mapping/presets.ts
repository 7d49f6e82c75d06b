/**
 * Entry point `@scorecard/domain/mapping/presets` (the package maps `./*` to `src/*.ts`, so a folder's
 * index is not reachable by its folder name): the built-in presets and their ranking.
 */
export { builtinPresets, type Preset } from './presets/index.ts';
export { rankPresets, type RankedPreset } from './detect.ts';
