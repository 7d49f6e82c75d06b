/**
 * The set-up the review import tests share: the API and a worker on a fresh database, vendors Acme and Globex,
 * cases T-0..T-29 in Zendesk and T-0..T-9 again in Freshdesk (ids unique only with their source), and the
 * published form `support-qa` the generated QA exports answer. Test support only.
 */
import { criterion, emailAuditForm } from '@scorecard/domain/quality/forms.testing';
import type { FastifyInstance } from 'fastify';
import type { QaCase, QaCriterion } from '../../../../scripts/demo/qa-export.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { buildApp } from '../app.ts';

export const VENDORS = ['Acme', 'Globex'];
export const FORM_KEY = 'support-qa';

/** The criteria of `support-qa` as the export generator writes them; the form adds sections and weights. */
export const CRITERIA: QaCriterion[] = [
  { key: 'accuracy', scale: 'points_5', allowNa: false },
  { key: 'policy', scale: 'pass_fail', allowNa: false },
  { key: 'greeting', scale: 'pass_fail', allowNa: true },
  { key: 'tone', scale: 'points_3', allowNa: true },
];

export interface ReviewImportFixture {
  database: TestDatabase;
  app: FastifyInstance;
  ops: Caller;
  vendorIds: Map<string, number>;
  cases: QaCase[];
  close(): Promise<void>;
}

export async function startReviewImportFixture(): Promise<ReviewImportFixture> {
  const database = await createTestDatabase();
  const config = testConfig(database.url);
  const app = await buildApp(config);
  const worker: WorkerRuntime = startWorkers(config);
  const vendorIds = new Map<string, number>();
  const vendors = await database.db
    .insertInto('vendors')
    .values(VENDORS.map((name) => ({ name })))
    .returning(['id', 'name'])
    .execute();
  for (const v of vendors) vendorIds.set(v.name, v.id);
  const cases: QaCase[] = [];
  for (let i = 0; i < 30; i++) cases.push({ source: 'zendesk', externalId: `T-${i}`, vendorName: VENDORS[i % 2]! });
  for (let i = 0; i < 10; i++)
    cases.push({ source: 'freshdesk', externalId: `T-${i}`, vendorName: VENDORS[(i + 1) % 2]! });
  await database.db
    .insertInto('cases')
    .values(
      cases.map((c) => ({
        source: c.source,
        external_id: c.externalId,
        vendor_id: vendorIds.get(c.vendorName)!,
        channel: 'email',
        created_at: new Date(Date.now() - 30 * 86_400_000),
      })),
    )
    .execute();
  const ops = await callerAs(app, 'ops');
  const tone = criterion('tone', 'Tone', 'points_3', { allowNa: true });
  await createForm(ops, FORM_KEY, emailAuditForm('Support QA audit', [tone]));
  return {
    database,
    app,
    ops,
    vendorIds,
    cases,
    async close() {
      await worker.close();
      await app.close();
      await database.drop();
    },
  };
}
