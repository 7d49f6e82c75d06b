/**
 * Test support for the security suites: one vendor with data in every table that has a vendor, each row
 * carrying a marker string unique to that vendor, so that a response can be searched for the vendor's data.
 */
import { randomBytes } from 'node:crypto';
import { recompute } from '@scorecard/db/metrics/recompute';
import type { Db } from '@scorecard/db/database';
import { sql } from 'kysely';
import { createUser } from '../auth/users.service.ts';
import { seedQuality } from './seed-quality.ts';
import { seedCredits } from './seed-credits.ts';

export interface VendorSeed {
  vendorId: number;
  name: string;
  /** Strings that appear in this vendor's data and nowhere else. */
  markers: string[];
  /** Ids of this vendor's objects (any table), for path parameters. */
  ids: number[];
  /** ISO week labels and Mondays that hold this vendor's data. */
  weeks: string[];
  mondays: string[];
}

export const SEED_MONDAYS = ['2026-11-09', '2026-11-16'];
export const SEED_WEEKS = ['2026-W46', '2026-W47'];
// One customer who contacts every seeded vendor in turn, in one queue: the case of each vendor seeded earlier
// has a repeat contact handled by the vendor seeded after it (SPEC FCR counts repeat contacts across vendors),
// so FCR evidence naming another vendor's case would be caught.
const SHARED_CUSTOMER = 'customer-of-every-vendor';
const SHARED_QUEUE = 'Queue of every vendor';
let sharedContacts = 0;

/** Seeds `label`'s vendor; call `recomputeSeeded` once after seeding every vendor. */
export async function seedVendor(db: Db, label: string): Promise<VendorSeed> {
  const tag = `${label}-${randomBytes(4).toString('hex')}`;
  const name = `Vendor ${tag}`;
  const ids: number[] = [];
  const { id: vendorId } = await db
    .insertInto('vendors')
    .values({ name, report_recipients: [`${tag}-reports@vendor.example`] })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(vendorId);

  const { id: importId } = await db
    .insertInto('imports')
    .values({
      file_name: `${tag}-export.csv`,
      stored_path: `/nonexistent/${tag}.csv`,
      file_bytes: 100,
      sha256: randomBytes(32).toString('hex'),
      mapping_sha256: randomBytes(32).toString('hex'),
      status: 'succeeded',
      source: 'zendesk',
      rows_read: 4,
      rows_loaded: 3,
      rows_rejected: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(importId);
  await db
    .insertInto('import_rejects')
    .values({
      import_id: importId,
      line: 5,
      column_name: 'Created at',
      reason: 'not a date',
      raw: `${tag}-case-9,garbage`,
    })
    .execute();
  for (const week of SEED_MONDAYS) {
    await db.insertInto('import_touched_weeks').values({ import_id: importId, vendor_id: vendorId, week }).execute();
  }
  await db
    .insertInto('import_archived_vendor_cases')
    .values({ import_id: importId, vendor_id: vendorId, case_count: 1 })
    .execute();

  const { id: mappingId } = await db
    .insertInto('vendor_mappings')
    .values({ source: 'zendesk', field: 'group', value: `${tag}-group`, vendor_id: vendorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(mappingId);

  const base = {
    source: 'zendesk' as const,
    vendor_id: vendorId,
    vendor_field: 'group',
    vendor_value: `${tag}-group`,
    import_id: importId,
  };
  const cases = SEED_MONDAYS.flatMap((monday, w) => {
    const at = (hours: number) => new Date(Date.parse(`${monday}T09:00:00Z`) + hours * 3_600_000);
    const common = {
      ...base,
      site: `${tag}-site`,
      queue: `${tag}-queue`,
      customer_id: `${tag}-customer`,
      agent_id: `${tag}-agent`,
    };
    return [
      {
        ...common,
        external_id: `${tag}-case-${w}-voice`,
        channel: 'voice',
        tier: 1,
        created_at: at(0),
        first_response_at: at(0),
        solved_at: at(0.2),
        answered: true,
        abandoned: false,
        wait_seconds: 12,
        handle_seconds: 400,
        csat_score: 5,
        csat_scale: 5,
        csat_at: at(1),
      },
      {
        ...common,
        external_id: `${tag}-case-${w}-email`,
        channel: 'email',
        tier: 2,
        created_at: at(1),
        first_response_at: at(3),
        solved_at: at(20),
        reopen_count: 1,
        handle_seconds: 900,
        escalated: true,
        csat_score: 2,
        csat_scale: 5,
        csat_at: at(21),
      },
      {
        ...common,
        external_id: `${tag}-case-${w}-chat`,
        channel: 'chat',
        tier: 1,
        created_at: at(2),
        answered: false,
        abandoned: true,
        wait_seconds: 40,
      },
    ];
  });
  const sharedAt = Date.parse(`${SEED_MONDAYS[1]}T10:00:00Z`) + sharedContacts++ * 2 * 3_600_000;
  cases.push({
    ...base,
    site: `${tag}-site`,
    queue: SHARED_QUEUE,
    customer_id: SHARED_CUSTOMER,
    agent_id: `${tag}-agent`,
    external_id: `${tag}-case-shared`,
    channel: 'email',
    tier: 1,
    created_at: new Date(sharedAt),
    first_response_at: new Date(sharedAt + 600_000),
    solved_at: new Date(sharedAt + 3_600_000),
  } as (typeof cases)[number]);
  const caseRows = await db.insertInto('cases').values(cases).returning('id').execute();
  ids.push(...caseRows.map((c) => c.id));

  const { id: targetId } = await db
    .insertInto('targets')
    .values({ metric: 'csat', value: 85, vendor_id: vendorId, effective_from: SEED_MONDAYS[0]! })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(targetId);
  // A calendar only this vendor's terms use: another vendor's user must not read it.
  const { id: calendarId } = await db
    .insertInto('business_calendars')
    .values({ name: `${tag} calendar`, time_zone: 'UTC' })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(calendarId);
  const { id: termsId } = await db
    .insertInto('contract_terms')
    .values({
      vendor_id: vendorId,
      effective_from: SEED_MONDAYS[0]!,
      short_abandon_seconds: 7,
      calendar_id: calendarId,
      note: `${tag} contract terms`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(termsId);

  const user = await createUser(db, {
    email: `${tag}-user@vendor.example`,
    name: `${tag} person`,
    role: 'vendor',
    vendorId,
    password: randomBytes(12).toString('hex'),
  });
  ids.push(user.id);
  const { id: tokenId } = await db
    .insertInto('api_tokens')
    .values({
      name: `${tag}-token`,
      token_hash: randomBytes(32).toString('hex'),
      token_prefix: 'sct_xxxxxx',
      role: 'vendor',
      vendor_id: vendorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.push(tokenId);

  ids.push(...(await seedPlans(db, tag, vendorId, user.id)));
  ids.push(...(await seedReports(db, tag, vendorId)));
  ids.push(await seedImportSource(db, tag, importId));
  ids.push(...(await seedAlerts(db, tag, vendorId, user.id)));
  if (await tableExists(db, 'quality_reviews')) {
    // voice, email (escalated) and chat cases of the first week: reviewed, own-QA reviewed, escalation-reviewed.
    const [voice, email] = caseRows.map((c) => c.id) as [number, number];
    ids.push(...(await seedQuality(db, tag, vendorId, user.id, [voice, caseRows[2]!.id, email], SEED_MONDAYS[0]!)));
  }
  ids.push(...(await seedCredits(db, tag, vendorId)));

  return { vendorId, name, markers: [tag], ids: [...new Set(ids)], weeks: SEED_WEEKS, mondays: SEED_MONDAYS };
}

async function tableExists(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`SELECT to_regclass(${`public.${table}`}) IS NOT NULL AS found`.execute(
    db,
  );
  return rows[0]?.found === true;
}

async function insertReturningId(db: Db, query: ReturnType<typeof sql<{ id: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]!.id);
}

// Plans and reports are written with SQL rather than typed queries: their features own those tables,
// and the seed runs only where the table exists.
async function seedPlans(db: Db, tag: string, vendorId: number, ownerId: number): Promise<number[]> {
  if (!(await tableExists(db, 'plans'))) return [];
  const monday = SEED_MONDAYS[0]!;
  const planId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO plans (vendor_id, title, baseline_week, due_date, owner_user_id, status)
    VALUES (${vendorId}, ${`${tag} plan`}, ${monday}, ${'2027-01-04'}, ${ownerId}, 'active') RETURNING id`,
  );
  await sql`INSERT INTO plan_metrics (plan_id, metric, baseline_value, target_value) VALUES (${planId}, 'csat', 50, 85)`.execute(
    db,
  );
  const meetingId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO plan_meetings (plan_id, held_on, attendees, notes) VALUES (${planId}, ${monday}, ${[`${tag}-attendee`]}, ${`${tag} notes`}) RETURNING id`,
  );
  const itemId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO plan_items (plan_id, meeting_id, description, owner_user_id, due_date)
    VALUES (${planId}, ${meetingId}, ${`${tag} item`}, ${ownerId}, ${'2026-12-01'}) RETURNING id`,
  );
  const commentId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO plan_item_comments (item_id, author_user_id, body) VALUES (${itemId}, ${ownerId}, ${`${tag} comment`}) RETURNING id`,
  );
  const eventId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO plan_events (plan_id, item_id, actor_user_id, actor_kind, kind, note)
    VALUES (${planId}, ${itemId}, ${ownerId}, 'user', 'item_created', ${`${tag} event`}) RETURNING id`,
  );
  return [planId, meetingId, itemId, commentId, eventId];
}

async function seedReports(db: Db, tag: string, vendorId: number): Promise<number[]> {
  const ids: number[] = [];
  if (await tableExists(db, 'report_schedules')) {
    await sql`INSERT INTO report_schedules (vendor_id, cron) VALUES (${vendorId}, '0 9 * * 1')`.execute(db);
  }
  if (await tableExists(db, 'report_deliveries')) {
    ids.push(
      await insertReturningId(
        db,
        sql<{ id: number }>`
      INSERT INTO report_deliveries (vendor_id, week, status, recipients, error, failed_at)
      VALUES (${vendorId}, ${SEED_MONDAYS[0]!}, 'failed', ${[`${tag}-reports@vendor.example`]}, ${`${tag} smtp refused`}, now()) RETURNING id`,
      ),
    );
  }
  return ids;
}

async function seedAlerts(db: Db, tag: string, vendorId: number, userId: number): Promise<number[]> {
  if (!(await tableExists(db, 'alert_rules'))) return [];
  const ruleId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO alert_rules (name, vendor_id, metric, condition, email_to, webhook_url, webhook_secret)
    VALUES (${`${tag} rule`}, ${vendorId}, 'csat', 'status', ${[`${tag}-alerts@vendor.example`]},
            ${`https://${tag}.hooks.example/alerts`}, ${`${tag}-secret`}) RETURNING id`,
  );
  await sql`INSERT INTO alert_subscriptions (rule_id, user_id) VALUES (${ruleId}, ${userId})`.execute(db);
  const firingId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO alert_firings (rule_id, subject, episode, severity, vendor_id, metric, week, figures, reason, link)
    VALUES (${ruleId}, ${`vendor:${vendorId}:csat`}, 1, 'missed', ${vendorId}, 'csat', ${SEED_MONDAYS[1]!},
            ${JSON.stringify({ note: `${tag} figures` })}, ${`${tag} reason`}, ${`http://localhost/cases?vendorId=${vendorId}`})
    RETURNING id`,
  );
  const deliveryId = await insertReturningId(
    db,
    sql<{ id: number }>`
    INSERT INTO alert_deliveries (firing_id, channel, recipient, status, error, failed_at)
    VALUES (${firingId}, 'email', ${`${tag}-alerts@vendor.example`}, 'failed', ${`${tag} smtp refused`}, now()) RETURNING id`,
  );
  return [ruleId, firingId, deliveryId];
}

export async function recomputeSeeded(db: Db): Promise<void> {
  await recompute(db, { kind: 'all' });
}

/** Tables with a vendor_id column that hold no row of `vendorId`: a new table the seed must learn about. */
export async function unseededVendorTables(db: Db, vendorId: number): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'vendor_id' AND t.table_type = 'BASE TABLE'
    ORDER BY 1`.execute(db);
  const missing: string[] = [];
  for (const { table_name } of rows) {
    const { rows: found } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE vendor_id = ${vendorId}`.execute(db);
    if (!found[0]?.n) missing.push(table_name);
  }
  return missing;
}

/** A fingerprint of every row that belongs to `vendorId`, to prove a walk changed nothing of it. */
export async function vendorFingerprint(db: Db, vendorId: number): Promise<string> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'vendor_id' AND t.table_type = 'BASE TABLE'
    ORDER BY 1`.execute(db);
  const parts: string[] = [];
  for (const { table_name } of [...rows, { table_name: 'vendors' }]) {
    const column = table_name === 'vendors' ? 'id' : 'vendor_id';
    // computed_at/last_seen_at style columns change on reads; the row text without them is the fingerprint.
    const { rows: found } = await sql<{ f: string }>`
      SELECT md5(coalesce(string_agg((to_jsonb(x) - 'computed_at' - 'last_used_at')::text, ',' ORDER BY (to_jsonb(x) - 'computed_at' - 'last_used_at')::text), '')) AS f
      FROM ${sql.table(table_name)} x WHERE ${sql.ref(column)} = ${vendorId}`.execute(db);
    parts.push(`${table_name}:${found[0]?.f}`);
  }
  return parts.join(' ');
}

/**
 * An import source named after the vendor's tag, with a pulled item and a run, so that the ops-only source
 * routes are walked with ids that exist. Its secret column holds a dummy envelope: the suites never pull.
 */
async function seedImportSource(db: Db, tag: string, importId: number): Promise<number> {
  const { id } = await db
    .insertInto('import_sources')
    .values({
      name: `${tag}-drop`,
      kind: 'sftp',
      settings: JSON.stringify({
        host: '127.0.0.1',
        port: 22,
        username: `${tag}-user`,
        folder: `/${tag}`,
        pattern: '*.csv',
        hostKeySha256: `SHA256:${'A'.repeat(43)}`,
      }),
      secret_ciphertext: 'v1.not.a.real-envelope',
      preset_key: 'zendesk',
      cron: '0 2 * * *',
      enabled: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('import_source_items')
    .values({ source_id: id, item_key: `/${tag}/export.csv|100|0`, import_id: importId, sha256: '0'.repeat(64) })
    .execute();
  await db
    .insertInto('import_source_runs')
    .values({ source_id: id, trigger: 'manual', status: 'succeeded', job_id: `${tag}-run` })
    .execute();
  return id;
}
