/**
 * Loads the demo through the public API, exactly as a lead would: vendors, organisation targets, an alert
 * rule, then the generated CSVs through POST /api/imports (the real import path: upload → job → worker →
 * recompute), one after the other; then quality reviews, money terms and statements, improvement plans and a
 * sampling plan.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addWeeks, weekLabel, type WeekStart } from '../../packages/domain/src/weeks.ts';
import { DEMO_VENDORS } from '../demo/vendors.ts';
import { waitFor, type ApiClient } from './api-client.ts';
import { createDemoAlertRule } from './partial-week.ts';
import { seedCredits, seedPlans, seedSampling } from './seed-extras.ts';
import { seedQuality } from './seed-quality.ts';

const IMPORT_TIMEOUT_MS = 10 * 60_000;
const QUEUED_HINT_AFTER_MS = 60_000;

/** Organisation-wide targets, chosen so that the demo shows met, at-risk and missed vendors side by side. */
export const DEMO_TARGETS = [
  { metric: 'csat', value: 85 },
  { metric: 'service_level', value: 75 },
  { metric: 'fcr', value: 85 },
  { metric: 'aht', value: 540 },
  { metric: 'frt', value: 60 },
  { metric: 'abandon_rate', value: 8 },
  { metric: 'reopen_rate', value: 7 },
  { metric: 'escalation_rate', value: 6 },
  { metric: 'quality_score', value: 85 },
  { metric: 'fatal_error_rate', value: 5 },
  { metric: 'avoidable_escalation_rate', value: 40 },
] as const;

type Log = (message: string) => void;

export async function seedDemo(
  api: ApiClient,
  options: { csvPaths: readonly string[]; endWeek: WeekStart; weeks: number; log: Log },
) {
  const { log } = options;
  const routes = await listRoutes(api);
  await ensureVendors(api, log);
  if (routes.has('post /api/targets')) {
    await createTargets(api, addWeeks(options.endWeek, -(options.weeks - 1)), log);
  } else log('targets: the API has no POST /api/targets yet; skipped');
  if (routes.has('post /api/alerts/rules')) await createDemoAlertRule(api, log);
  for (const csvPath of options.csvPaths) {
    const importId = await upload(api, csvPath, log);
    await waitForImport(api, importId, log);
  }
  if (routes.has('get /api/scorecards')) await waitForScorecard(api, weekLabel(options.endWeek), log);
  else log('scorecards: the API has no GET /api/scorecards yet; not waiting for the recompute');
  const formId = routes.has('post /api/quality/reviews')
    ? await seedQuality(api, api.baseUrl, options.endWeek, log)
    : null;
  if (routes.has('put /api/credits/terms')) await seedCredits(api, new Date(), log);
  const me = await api.get('/api/auth/me');
  const userId = me.status === 200 ? (me.body as { user: { id: number } }).user.id : null;
  if (userId === null) log('plans and sampling: no signed-in user to own them; skipped');
  else {
    if (routes.has('post /api/plans')) await seedPlans(api, options.endWeek, userId, log);
    if (formId !== null && routes.has('post /api/quality/sampling-plans'))
      await seedSampling(api, options.endWeek, formId, userId, log);
  }
}

/** 'method /path' of every route in the API's OpenAPI document, so that the demo loads what the API offers. */
async function listRoutes(api: ApiClient): Promise<Set<string>> {
  const { status, body } = await api.get('/api/docs/json');
  if (status !== 200) throw new Error(`GET /api/docs/json answered ${status}`);
  const paths = (body as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return new Set(Object.entries(paths).flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m} ${route}`)));
}

async function ensureVendors(api: ApiClient, log: Log): Promise<void> {
  const listed = await api.get('/api/vendors');
  if (listed.status !== 200)
    throw new Error(`GET /api/vendors answered ${listed.status}: ${JSON.stringify(listed.body)}`);
  const existing = new Set((listed.body as { items: { name: string }[] }).items.map((v) => v.name.toLowerCase()));
  for (const vendor of DEMO_VENDORS) {
    if (existing.has(vendor.name.toLowerCase())) continue;
    const created = await api.post('/api/vendors', {
      name: vendor.name,
      timeZone: vendor.timeZone,
      reportRecipients: [],
    });
    if (created.status !== 201)
      throw new Error(`creating vendor ${vendor.name}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  log(`vendors: ${DEMO_VENDORS.map((v) => v.name).join(', ')}`);
}

async function createTargets(api: ApiClient, effectiveFrom: WeekStart, log: Log): Promise<void> {
  const label = weekLabel(effectiveFrom);
  for (const target of DEMO_TARGETS) {
    const response = await api.post('/api/targets', { ...target, effectiveFrom: label });
    // 409: the same target already exists (a previous start was interrupted after this step).
    if (response.status !== 201 && response.status !== 200 && response.status !== 409) {
      throw new Error(`creating target ${target.metric}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
  log(`targets: ${DEMO_TARGETS.map((t) => `${t.metric} ${t.value}`).join(', ')} from ${label}`);
}

async function upload(api: ApiClient, csvPath: string, log: Log): Promise<number> {
  const form = new FormData();
  // Text fields go before the file part: the API reads them before it streams the file.
  form.append('preset', 'generic');
  form.append('timeZone', 'UTC');
  form.append('file', new Blob([await readFile(csvPath)], { type: 'text/csv' }), path.basename(csvPath));
  const response = await api.post('/api/imports', form);
  const body = response.body as { id?: number; status?: string; duplicateOf?: number };
  if ((response.status !== 202 && response.status !== 200) || typeof body.id !== 'number') {
    throw new Error(`POST /api/imports answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  // A byte-identical file was uploaded before (an interrupted start): follow the first import instead.
  const id = body.status === 'duplicate' && body.duplicateOf ? body.duplicateOf : body.id;
  log(`import ${id}: ${body.status}`);
  return id;
}

async function waitForImport(api: ApiClient, id: number, log: Log): Promise<void> {
  let lastReport = 0;
  const startedAt = Date.now();
  const result = await waitFor(
    `import ${id}`,
    async () => {
      const { status, body } = await api.get(`/api/imports/${id}`);
      if (status !== 200) throw new Error(`GET /api/imports/${id} answered ${status}`);
      const state = body as {
        status: string;
        rowsRead: number;
        rowsLoaded: number;
        rowsRejected: number;
        error: string | null;
      };
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        log(`import ${id}: ${state.status}, ${state.rowsRead} rows read, ${state.rowsLoaded} loaded`);
        if (state.status === 'queued' && Date.now() - startedAt > QUEUED_HINT_AFTER_MS) {
          log(`import ${id} is still queued: is the worker running on the same REDIS_URL and QUEUE_PREFIX?`);
        }
      }
      return state.status === 'succeeded' || state.status === 'failed' ? state : undefined;
    },
    { timeoutMs: IMPORT_TIMEOUT_MS },
  );
  if (result.status === 'failed') throw new Error(`demo import ${id} failed: ${result.error}`);
  log(`import ${id}: ${result.rowsLoaded} cases loaded, ${result.rowsRejected} rejected`);
}

/** The import enqueues a recompute; the dashboard is ready when the last demo week has a scorecard. */
async function waitForScorecard(api: ApiClient, week: string, log: Log): Promise<void> {
  await waitFor(
    `the scorecard of ${week}`,
    async () => {
      const { status, body } = await api.get(`/api/scorecards?week=${week}`);
      const vendors = (body as { vendors?: unknown[] }).vendors;
      return status === 200 && vendors && vendors.length > 0 ? true : undefined;
    },
    { timeoutMs: IMPORT_TIMEOUT_MS },
  );
  log(`scorecard of ${week} computed`);
}
