/** The organisation's quality settings (defaults in migrations/0021_quality.sql). */
import type { Db } from '../database.ts';

export interface QualitySettings {
  disputeWindowDays: number;
  reviewersShownToVendors: boolean;
}

export async function readQualitySettings(db: Db): Promise<QualitySettings> {
  const row = await db
    .selectFrom('organisation_settings')
    .select(['quality_dispute_window_days', 'quality_reviewers_shown_to_vendors'])
    .executeTakeFirstOrThrow();
  return {
    disputeWindowDays: row.quality_dispute_window_days,
    reviewersShownToVendors: row.quality_reviewers_shown_to_vendors,
  };
}

export async function updateQualitySettings(db: Db, patch: Partial<QualitySettings>): Promise<QualitySettings> {
  await db
    .updateTable('organisation_settings')
    .set({
      ...(patch.disputeWindowDays === undefined ? {} : { quality_dispute_window_days: patch.disputeWindowDays }),
      ...(patch.reviewersShownToVendors === undefined
        ? {}
        : { quality_reviewers_shown_to_vendors: patch.reviewersShownToVendors }),
      updated_at: new Date(),
    })
    .execute();
  return readQualitySettings(db);
}
