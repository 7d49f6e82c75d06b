/**
 * Test fixtures for plan tests: a vendor-week of CSAT responses written as cases through the metrics
 * engine's own fixture writer, so that the engine's recompute builds the weekly parts the plans read.
 * Used by *.int.test.ts only.
 */
import type { Db } from '../database.ts';
import { insertCases, metricCase } from '../metrics/case-fixtures.testing.ts';

/**
 * `responses` email cases created, solved and surveyed on the Tuesday of `weekStart` (UTC), of which
 * `satisfied` scored 5 and the rest 2: CSAT = satisfied ÷ responses × 100 in that week.
 */
export async function insertCsatWeek(
  db: Db,
  vendorId: number,
  weekStart: string,
  responses: number,
  satisfied: number,
): Promise<void> {
  const tuesday = new Date(`${weekStart}T10:00:00Z`).getTime() + 86_400_000;
  const cases = Array.from({ length: responses }, (_, index) =>
    metricCase(vendorId, new Date(tuesday), {
      site: null,
      firstResponseAt: new Date(tuesday + 600_000),
      solvedAt: new Date(tuesday + 3_600_000),
      handleSeconds: 300,
      csatScore: index < satisfied ? 5 : 2,
      csatScale: 5,
      csatAt: new Date(tuesday + 7_200_000),
    }),
  );
  await insertCases(db, cases);
}
