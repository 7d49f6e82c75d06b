import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { recompute } from '@scorecard/db/metrics/recompute';
import { claimScheduledDelivery, markDeliverySent, markDeliveryUnknown } from '@scorecard/db/reports/deliveries';
import { reportSchedulerId } from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

const WEEK = '2026-11-16';
let database: TestDatabase;
let app: FastifyInstance;
let alpha: number;
let bravo: number;
let ops: SignedInCaller;
let alphaUser: SignedInCaller;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url, { PUBLIC_URL: 'https://scorecard.test' }));
  [alpha, bravo] = (
    await database.db
      .insertInto('vendors')
      .values([
        { name: 'Alpha Support', time_zone: 'Europe/Berlin', report_recipients: ['lead@alpha.example'] },
        { name: 'Bravo Contact', report_recipients: ['lead@bravo.example'] },
      ])
      .returning('id')
      .execute()
  ).map((v) => v.id) as [number, number];
  await database.db
    .insertInto('cases')
    .values([
      {
        source: 'generic',
        external_id: 'A-1',
        vendor_id: alpha,
        channel: 'email',
        created_at: new Date('2026-11-17T10:00:00Z'),
      },
      {
        source: 'generic',
        external_id: 'A-2',
        vendor_id: alpha,
        channel: 'chat',
        created_at: new Date('2026-11-18T10:00:00Z'),
      },
      {
        source: 'generic',
        external_id: 'B-1',
        vendor_id: bravo,
        channel: 'email',
        created_at: new Date('2026-11-17T10:00:00Z'),
      },
    ])
    .execute();
  await recompute(database.db, { kind: 'all' });
  ops = await callerAs(app, 'ops');
  alphaUser = await callerAs(app, 'vendor', { vendorId: alpha });
});
afterAll(async () => {
  await app?.queues.reports.obliterate({ force: true });
  await app?.close();
  await database?.drop();
});

describe('GET /api/reports/preview', () => {
  it('shows the email that would be sent, with a summary of its attachment', async () => {
    const response = await ops.get(`/api/reports/preview?vendorId=${alpha}&week=2026-W47`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      vendorName: 'Alpha Support',
      week: '2026-W47',
      weekStart: WEEK,
      subject: 'Weekly scorecard 2026-W47: Alpha Support',
      recipients: ['lead@alpha.example'],
      attachment: { fileName: 'cases-alpha-support-2026-W47.csv', rows: 2, gzipped: false },
    });
    expect(body.html).toContain('<table');
    expect(body.html).not.toContain('Bravo');
    expect(body.text).toContain('Volume');
  });

  it('lets a vendor user preview its own vendor only (404 for another)', async () => {
    expect((await alphaUser.get(`/api/reports/preview?vendorId=${alpha}&week=2026-W47`)).statusCode).toBe(200);
    const other = await alphaUser.get(`/api/reports/preview?vendorId=${bravo}&week=2026-W47`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Bravo');
  });

  it('rejects a week that does not exist', async () => {
    expect((await ops.get(`/api/reports/preview?vendorId=${alpha}&week=2026-W54`)).statusCode).toBe(400);
  });
});

describe('delivery log and resend', () => {
  let alphaDelivery: number;
  beforeAll(async () => {
    for (const vendorId of [alpha, bravo]) {
      const row = await claimScheduledDelivery(database.db, vendorId, WEEK, ['someone@example.test']);
      await markDeliverySent(database.db, row!.id, `<m-${vendorId}@test>`, '250 ok');
      if (vendorId === alpha) alphaDelivery = row!.id;
    }
  });

  it('lists every delivery for ops and only its own for a vendor user', async () => {
    const all = (await ops.get('/api/reports/deliveries?week=2026-W47')).json();
    expect(all.total).toBe(2);
    const own = (await alphaUser.get('/api/reports/deliveries')).json();
    expect(own.items.map((d: { vendorId: number }) => d.vendorId)).toEqual([alpha]);
    expect(own.items[0]).toMatchObject({
      status: 'sent',
      week: '2026-W47',
      messageId: `<m-${alpha}@test>`,
      resendOf: null,
    });
    const filtered = (await alphaUser.get(`/api/reports/deliveries?vendorId=${bravo}`)).json();
    expect(filtered.total).toBe(0);
  });

  it('resends on purpose as a new delivery, queued with its own job', async () => {
    const response = await ops.post(`/api/reports/${alphaDelivery}/resend`);
    expect(response.statusCode).toBe(202);
    const { id, jobId } = response.json();
    const row = await database.db
      .selectFrom('report_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ vendor_id: alpha, week: WEEK, status: 'queued', resend_of: alphaDelivery });
    const job = await app.queues.reports.getJob(jobId);
    expect(job?.data).toEqual({ vendorId: alpha, deliveryId: id });
  });

  it('refuses a second normal send of a sent week, and resend to vendor users', async () => {
    expect((await ops.post('/api/reports/send', { vendorId: alpha, week: '2026-W47' })).statusCode).toBe(409);
    expect((await alphaUser.post(`/api/reports/${alphaDelivery}/resend`)).statusCode).toBe(403);
    expect((await ops.post('/api/reports/999999/resend')).statusCode).toBe(404);
  });
});

describe('a delivery whose outcome is unknown', () => {
  const UNKNOWN_WEEK = '2026-11-09';
  let unknownId: number;
  beforeAll(async () => {
    const row = await claimScheduledDelivery(database.db, alpha, UNKNOWN_WEEK, ['lead@alpha.example']);
    unknownId = row!.id;
    await markDeliveryUnknown(database.db, unknownId, `<report-${unknownId}@test>`, 'Timeout');
  });

  it('is listed with its Message-ID for a person to check, and a normal send of its week is refused', async () => {
    const page = (await ops.get(`/api/reports/deliveries?week=2026-W46`)).json();
    expect(page.items[0]).toMatchObject({ id: unknownId, status: 'unknown', messageId: `<report-${unknownId}@test>` });
    expect(page.items[0].unknownAt).not.toBeNull();
    expect((await ops.post('/api/reports/send', { vendorId: alpha, week: '2026-W46' })).statusCode).toBe(409);
  });

  it('is settled as sent by ops only, once', async () => {
    expect((await alphaUser.post(`/api/reports/${unknownId}/mark-sent`)).statusCode).toBe(403);
    const settled = await ops.post(`/api/reports/${unknownId}/mark-sent`);
    expect(settled.statusCode).toBe(200);
    expect(settled.json()).toMatchObject({ id: unknownId, status: 'sent', messageId: `<report-${unknownId}@test>` });
    expect(settled.json().resolvedAt).not.toBeNull();
    expect((await ops.post(`/api/reports/${unknownId}/mark-sent`)).statusCode).toBe(409);
    expect((await ops.post('/api/reports/999999/mark-sent')).statusCode).toBe(404);
  });

  it('is settled by a resend, which leaves it unknown and queues a new delivery', async () => {
    const row = await claimScheduledDelivery(database.db, bravo, UNKNOWN_WEEK, ['lead@bravo.example']);
    await markDeliveryUnknown(database.db, row!.id, '<b@test>', 'Timeout');
    const response = await ops.post(`/api/reports/${row!.id}/resend`);
    expect(response.statusCode).toBe(202);
    const original = await database.db
      .selectFrom('report_deliveries')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    expect(original.status).toBe('unknown');
    expect(original.resolved_at).not.toBeNull();
  });
});

describe('report schedules', () => {
  it('defaults to Monday 09:00 in the vendor zone', async () => {
    const body = (await ops.get(`/api/vendors/${alpha}/report-schedule`)).json();
    expect(body).toMatchObject({ cron: '0 9 * * 1', enabled: true, isDefault: true, timeZone: 'Europe/Berlin' });
  });

  it('applies a change to the BullMQ scheduler at once, and removes it when disabled', async () => {
    const put = await ops.put(`/api/vendors/${alpha}/report-schedule`, { cron: '30 7 * * 2', enabled: true });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ cron: '30 7 * * 2', isDefault: false });
    expect(put.json().nextRunAt).not.toBeNull();
    expect(await app.queues.reports.getJobScheduler(reportSchedulerId(alpha))).toMatchObject({
      pattern: '30 7 * * 2',
      tz: 'Europe/Berlin',
    });

    const off = await ops.put(`/api/vendors/${alpha}/report-schedule`, { cron: '30 7 * * 2', enabled: false });
    expect(off.json()).toMatchObject({ enabled: false, nextRunAt: null });
    expect(await app.queues.reports.getJobScheduler(reportSchedulerId(alpha))).toBeUndefined();
  });

  it('rejects a pattern the scheduler cannot use and keeps the stored schedule', async () => {
    const bad = await ops.put(`/api/vendors/${bravo}/report-schedule`, { cron: '99 9 * * 1', enabled: true });
    expect(bad.statusCode).toBe(400);
    expect((await ops.get(`/api/vendors/${bravo}/report-schedule`)).json()).toMatchObject({
      cron: '0 9 * * 1',
      isDefault: true,
    });
  });

  it('lets vendor users read their own schedule only, and change none', async () => {
    expect((await alphaUser.get(`/api/vendors/${bravo}/report-schedule`)).statusCode).toBe(404);
    expect(
      (await alphaUser.get('/api/reports/schedules')).json().items.map((s: { vendorId: number }) => s.vendorId),
    ).toEqual([alpha]);
    expect(
      (await alphaUser.put(`/api/vendors/${alpha}/report-schedule`, { cron: '0 9 * * 1', enabled: true })).statusCode,
    ).toBe(403);
  });
});
