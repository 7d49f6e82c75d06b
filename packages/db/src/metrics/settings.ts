/** The organisation's metric settings (docs/definitions.md thresholds with their defaults live in migrations/0001_core.sql). */
import type { Db } from '../database.ts';

export interface MetricSettings {
  reportingTimeZone: string;
  slThresholdVoiceSeconds: number;
  slThresholdChatSeconds: number;
  asyncSlaSeconds: number;
  shortAbandonSeconds: number;
  repeatWindowSeconds: number;
  satisfiedScore: number;
  minSample: number;
  compositeWeights: Record<string, number>;
  /** Vendor users see their rank and case-mix-adjusted figures (derived from every vendor) only when true. */
  shareRankWithVendors: boolean;
  updatedAt: string;
}

const columns = {
  reportingTimeZone: 'reporting_time_zone',
  slThresholdVoiceSeconds: 'sl_threshold_voice_seconds',
  slThresholdChatSeconds: 'sl_threshold_chat_seconds',
  asyncSlaSeconds: 'async_sla_seconds',
  shortAbandonSeconds: 'short_abandon_seconds',
  repeatWindowSeconds: 'repeat_window_seconds',
  satisfiedScore: 'satisfied_score',
  minSample: 'min_sample',
  compositeWeights: 'composite_weights',
  shareRankWithVendors: 'share_rank_with_vendors',
} as const;

/** Settings whose change alters stored parts: changing one requires a full recompute. */
export const DEFINITION_SETTINGS = [
  'reportingTimeZone',
  'slThresholdVoiceSeconds',
  'slThresholdChatSeconds',
  'asyncSlaSeconds',
  'shortAbandonSeconds',
  'repeatWindowSeconds',
  'satisfiedScore',
] as const;

export type MetricSettingsPatch = Partial<Omit<MetricSettings, 'updatedAt' | 'compositeWeights'>> & {
  compositeWeights?: Record<string, number | undefined>;
};

/** The organisation_settings row: the one read of every organisation-wide setting. */
export async function readOrganisationSettings(db: Db): Promise<MetricSettings> {
  const row = await db.selectFrom('organisation_settings').selectAll().executeTakeFirstOrThrow();
  return {
    reportingTimeZone: row.reporting_time_zone,
    slThresholdVoiceSeconds: row.sl_threshold_voice_seconds,
    slThresholdChatSeconds: row.sl_threshold_chat_seconds,
    asyncSlaSeconds: row.async_sla_seconds,
    shortAbandonSeconds: row.short_abandon_seconds,
    repeatWindowSeconds: row.repeat_window_seconds,
    satisfiedScore: row.satisfied_score,
    minSample: row.min_sample,
    compositeWeights: row.composite_weights as Record<string, number>,
    shareRankWithVendors: row.share_rank_with_vendors,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Returns the new settings and whether a definition changed (the caller then enqueues a full recompute). */
export async function updateMetricSettings(db: Db, patch: MetricSettingsPatch) {
  const before = await readOrganisationSettings(db);
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = patch[key as keyof MetricSettingsPatch];
    if (value !== undefined) values[column] = key === 'compositeWeights' ? JSON.stringify(value) : value;
  }
  if (Object.keys(values).length > 0) {
    await db
      .updateTable('organisation_settings')
      .set({ ...values, updated_at: new Date() })
      .execute();
  }
  const after = await readOrganisationSettings(db);
  const definitionsChanged = DEFINITION_SETTINGS.some((key) => before[key] !== after[key]);
  return { settings: after, definitionsChanged };
}
