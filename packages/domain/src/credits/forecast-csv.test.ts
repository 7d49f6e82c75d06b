import { describe, expect, it } from 'vitest';
import { ForecastFileProblem, parseForecastCsv } from './forecast-csv.ts';

describe('parseForecastCsv', () => {
  it('reads rows by vendor name or id, with the line each starts on', () => {
    const parsed = parseForecastCsv(
      '\uFEFFVendor,Month,Forecast\r\nAcme,2026-03,1200\r\n\r\n"Beta, Ltd",2026-04,0\r\n',
    );
    expect(parsed.read).toBe(2);
    expect(parsed.rejects).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, vendor: { kind: 'name', name: 'Acme' }, month: '2026-03', forecast: 1200 },
      { line: 4, vendor: { kind: 'name', name: 'Beta, Ltd' }, month: '2026-04', forecast: 0 },
    ]);
    expect(parseForecastCsv('vendor_id,month,forecast\n7,2026-01,5\n').rows[0]!.vendor).toEqual({ kind: 'id', id: 7 });
  });

  it.each([
    ['Acme,2026-13,10', 'month "2026-13" is not YYYY-MM'],
    ['Acme,2026-03,1.5', 'forecast "1.5" is not a whole number of cases from 0 to 1000000000'],
    ['Acme,2026-03,-4', 'forecast "-4" is not a whole number of cases from 0 to 1000000000'],
    [',2026-03,4', 'vendor is empty'],
    ['Acme,2026-03', 'expected 3 fields, found 2'],
    ['Acme,2026-03,4,9', 'expected 3 fields, found 4'],
  ])('rejects %j: %s', (row, reason) => {
    const parsed = parseForecastCsv(`vendor,month,forecast\n${row}\n`);
    expect(parsed).toEqual({ read: 1, rows: [], rejects: [{ line: 2, reason }] });
  });

  it('rejects a second row of the same vendor and month, naming the first', () => {
    const parsed = parseForecastCsv('vendor,month,forecast\nAcme,2026-03,1\nACME,2026-03,2\n');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rejects).toEqual([{ line: 3, reason: 'the same vendor and month as line 2' }]);
  });

  it.each([
    ['', /empty/],
    ['vendor,month\nAcme,2026-03\n', /Missing column\(s\): forecast/],
    ['vendor,month,forecast,notes\n', /Unknown column\(s\) "notes"/],
    ['vendor,vendor_id,month,forecast\n', /exactly one column/],
    ['month,forecast\n', /exactly one column/],
    ['vendor,month,month,forecast\n', /appears twice/],
    ['vendor,month,forecast\n"Acme,2026-03,1\n', /not readable CSV/],
  ])('refuses the file %j', (text, message) => {
    expect(() => parseForecastCsv(text)).toThrow(ForecastFileProblem);
    expect(() => parseForecastCsv(text)).toThrow(message);
  });
});
