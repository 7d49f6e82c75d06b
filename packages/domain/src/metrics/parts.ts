/**
 * The additive parts stored per vendor × week × queue × channel × tier × site: the parts of the cases
 * (`PART_KEYS`, table weekly_parts, from case_facts) and of the quality reviews (`QUALITY_PART_KEYS`, table
 * weekly_quality_parts, by the week the review was made). Every ratio is rebuilt from summed parts; a ratio is
 * never averaged.
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
export type CasePartKey = (typeof PART_KEYS)[number];

/** Internal reviews and their scores, disputes, calibration pairs and escalation reviews of a review week. */
export const QUALITY_PART_KEYS = [
  'qualityReviews',
  'qualityScored',
  'qualityScoreSum',
  'qualityScoreSquares',
  'qualityFatal',
  'qualityDisputed',
  'qualityDisputesDecided',
  'qualityDisputesAccepted',
  'calibrationPairs',
  'calibrationGapSum',
  'calibrationGapSquares',
  'escalationReviews',
  'escalationsAvoidable',
] as const;
export type QualityPartKey = (typeof QUALITY_PART_KEYS)[number];

export const ALL_PART_KEYS = [...PART_KEYS, ...QUALITY_PART_KEYS] as const;
export type PartKey = CasePartKey | QualityPartKey;
export type Parts = Record<PartKey, number>;

export function emptyParts(): Parts {
  return Object.fromEntries(ALL_PART_KEYS.map((key) => [key, 0])) as Parts;
}

/** Adds `more` into `into` (mutates and returns `into`); missing keys count as 0. */
export function addParts(into: Parts, more: Partial<Parts>): Parts {
  for (const key of ALL_PART_KEYS) into[key] += more[key] ?? 0;
  return into;
}

/** The database column of a part (weekly_parts uses snake_case). */
export function partColumn(key: PartKey): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
