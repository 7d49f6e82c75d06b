/**
 * The additive parts stored per vendor × week × queue × channel × tier × site (table weekly_parts).
 * Every ratio is rebuilt from summed parts; a ratio is never averaged.
 */
export const PART_KEYS = [
  'volume',
  'escalated',
  'liveOffered',
  'liveAnsweredWithin',
  'liveAbandoned',
  'asyncDue',
  'asyncMet',
  'frtCount',
  'frtSecondsSum',
  'solved',
  'handleCount',
  'handleSecondsSum',
  'fcrResolved',
  'reopened',
  'resolutionCount',
  'resolutionSecondsSum',
  'csatResponses',
  'csatSatisfied',
] as const;
export type PartKey = (typeof PART_KEYS)[number];
export type Parts = Record<PartKey, number>;

export function emptyParts(): Parts {
  return Object.fromEntries(PART_KEYS.map((key) => [key, 0])) as Parts;
}

/** Adds `more` into `into` (mutates and returns `into`); missing keys count as 0. */
export function addParts(into: Parts, more: Partial<Parts>): Parts {
  for (const key of PART_KEYS) into[key] += more[key] ?? 0;
  return into;
}

/** The database column of a part (weekly_parts uses snake_case). */
export function partColumn(key: PartKey): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
