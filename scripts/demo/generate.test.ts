import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addWeeks, lastCompleteWeek, weekOf } from '../../packages/domain/src/weeks.ts';
import { DEMO_COLUMNS, demoCsvLines, demoRows, type DemoRow } from './generate.ts';
import { DEMO_VENDORS } from './vendors.ts';

const END_WEEK = '2026-11-16';
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function sha(options: Parameters<typeof demoCsvLines>[0]): string {
  const hash = createHash('sha256');
  for (const line of demoCsvLines(options)) hash.update(line);
  return hash.digest('hex');
}

const rows: DemoRow[] = [...demoRows({ endWeek: END_WEEK })];
const weekOfRow = new Map(rows.map((r) => [r, weekOf(new Date(r.created_at), 'UTC')]));
const ms = (value: string) => Date.parse(value);

// Generating ~20 k rows takes a second or two; a loaded CI machine may need more than the 5 s default.
describe('demo data generator', { timeout: 30_000 }, () => {
  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    expect(sha({ endWeek: END_WEEK, weeks: 4, seed: 7 })).toBe(sha({ endWeek: END_WEEK, weeks: 4, seed: 7 }));
    expect(sha({ endWeek: END_WEEK, weeks: 4, seed: 7 })).not.toBe(sha({ endWeek: END_WEEK, weeks: 4, seed: 8 }));
  });

  it('writes the generic format header and one line per row, with no value needing CSV quoting', () => {
    const lines = [...demoCsvLines({ endWeek: END_WEEK, weeks: 2 })];
    expect(lines[0]).toBe(`${DEMO_COLUMNS.join(',')}\n`);
    for (const line of lines) expect(line.trimEnd().split(',')).toHaveLength(DEMO_COLUMNS.length);
    expect(lines.join('')).not.toMatch(/["\r]/);
  });

  it('creates about the configured number of cases per vendor and week, over exactly 12 weeks', () => {
    const firstWeek = addWeeks(END_WEEK, -11);
    const perVendorWeek = new Map<string, number>();
    for (const row of rows) {
      const week = weekOfRow.get(row) ?? '';
      expect(week >= firstWeek && week <= END_WEEK).toBe(true);
      const key = `${row.vendor}|${week}`;
      perVendorWeek.set(key, (perVendorWeek.get(key) ?? 0) + 1);
    }
    expect(perVendorWeek.size).toBe(DEMO_VENDORS.length * 12);
    for (const vendor of DEMO_VENDORS) {
      const counts = [...perVendorWeek].filter(([key]) => key.startsWith(`${vendor.name}|`)).map(([, n]) => n);
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      // Base volume plus repeat contacts (up to ~20 %), with weekly noise.
      expect(mean).toBeGreaterThan(vendor.weeklyCases * 0.95);
      expect(mean).toBeLessThan(vendor.weeklyCases * 1.3);
    }
  });

  it('produces only valid values', () => {
    const ids = new Set(rows.map((r) => r.external_id));
    expect(ids.size).toBe(rows.length);
    const exportAt = ms(`${addWeeks(END_WEEK, 1)}T00:00:00Z`);
    // Collected rather than asserted row by row: one expect per value would make this test take seconds.
    const problems: string[] = [];
    const check = (ok: boolean, row: DemoRow, what: string) => {
      if (!ok && problems.length < 10) problems.push(`${row.external_id}: ${what}`);
    };
    for (const row of rows) {
      for (const column of ['created_at', 'updated_at'] as const) check(ISO_UTC.test(row[column]), row, column);
      for (const column of ['first_response_at', 'solved_at', 'csat_at'] as const) {
        if (!row[column]) continue;
        check(ISO_UTC.test(row[column]), row, `${column} format`);
        check(ms(row[column]) >= ms(row.created_at), row, `${column} before created_at`);
        check(ms(row[column]) < exportAt, row, `${column} after the export`);
      }
      check(['voice', 'chat', 'email'].includes(row.channel), row, 'channel');
      check(['Buyer', 'Seller', 'Creator'].includes(row.queue), row, 'queue');
      check(['1', '2'].includes(row.tier), row, 'tier');
      if (row.csat_score) {
        const valid =
          row.csat_scale === '2' ? ['good', 'bad'] : row.csat_scale === '5' ? ['1', '2', '3', '4', '5'] : [];
        check(valid.includes(row.csat_score), row, `csat ${row.csat_score} on scale ${row.csat_scale}`);
        check(row.solved_at !== '', row, 'CSAT on an unsolved case');
      }
      if (row.abandoned === 'true')
        check(row.solved_at === '' && row.answered === 'false', row, 'abandoned but solved');
      if (row.channel !== 'email') check(/^\d+$/.test(row.wait_seconds), row, 'live contact without wait');
      if (row.solved_at) {
        check(ms(row.solved_at) >= ms(row.first_response_at || row.created_at), row, 'solved before first response');
      }
    }
    expect(problems).toEqual([]);
  });

  it('has the features the metrics need: short abandons, reopens, escalations, repeat contacts, CSAT skewed to 5', () => {
    const live = rows.filter((r) => r.channel !== 'email');
    expect(live.filter((r) => r.abandoned === 'true' && Number(r.wait_seconds) < 5).length).toBeGreaterThan(20);
    expect(live.filter((r) => r.abandoned === 'true' && Number(r.wait_seconds) >= 5).length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.reopen_count !== '0').length).toBeGreaterThan(200);
    expect(rows.filter((r) => r.escalated === 'true').length).toBeGreaterThan(200);
    const fivePoint = rows.filter((r) => r.csat_scale === '5').map((r) => Number(r.csat_score));
    const fives = fivePoint.filter((s) => s === 5).length;
    expect(fives).toBeGreaterThan(fivePoint.length * 0.45);
    for (const score of [1, 2, 3, 4]) expect(fives).toBeGreaterThan(fivePoint.filter((s) => s === score).length);
    const byCustomerQueue = new Map<string, number>();
    for (const r of rows)
      byCustomerQueue.set(`${r.customer_id}|${r.queue}`, (byCustomerQueue.get(`${r.customer_id}|${r.queue}`) ?? 0) + 1);
    expect([...byCustomerQueue.values()].filter((n) => n > 1).length).toBeGreaterThan(500);
    // Long tail: the slowest waits are many times the median.
    const waits = live.map((r) => Number(r.wait_seconds)).sort((a, b) => a - b);
    expect(waits[Math.floor(waits.length * 0.99)]).toBeGreaterThan(5 * (waits[Math.floor(waits.length / 2)] ?? 0));
  });

  it('makes some vendors better than others, one decline and one improve', () => {
    const answeredWithin20s = (vendor: string, fromWeek: number, toWeek: number) => {
      const from = addWeeks(END_WEEK, fromWeek - 11);
      const to = addWeeks(END_WEEK, toWeek - 11);
      const calls = rows.filter((r) => {
        const week = weekOfRow.get(r) ?? '';
        return (
          r.vendor === vendor && r.channel === 'voice' && week >= from && week <= to && Number(r.wait_seconds) >= 5
        );
      });
      return calls.filter((r) => r.answered === 'true' && Number(r.wait_seconds) <= 20).length / calls.length;
    };
    const whole = (vendor: string) => answeredWithin20s(vendor, 0, 11);
    expect(whole('Vistula Support')).toBeGreaterThan(whole('Deccan Services') + 0.1);
    expect(answeredWithin20s('Nile Customer Care', 8, 11)).toBeLessThan(
      answeredWithin20s('Nile Customer Care', 0, 3) - 0.1,
    );
    expect(answeredWithin20s('Andes Contact Center', 8, 11)).toBeGreaterThan(
      answeredWithin20s('Andes Contact Center', 0, 3) + 0.1,
    );
  });

  it('ends with the last complete week before today', () => {
    expect(lastCompleteWeek(new Date('2026-11-23T00:00:00Z'), 'UTC')).toBe('2026-11-16');
    expect(lastCompleteWeek(new Date('2026-11-22T23:59:59Z'), 'UTC')).toBe('2026-11-09');
  });
});
