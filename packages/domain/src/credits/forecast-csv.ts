/**
 * Volume forecasts as CSV (docs/credits.md "Forecasts as CSV"): a header naming `month`, `forecast` and the
 * vendor (`vendor_id` or `vendor`, its name), then one row per vendor and month. Pure: every data row is
 * either a forecast or a reject with its line and reason, so read = accepted + rejected here, and the file as
 * a whole is refused (FileProblem) only when no row can be read at all: no header, a missing or unknown column.
 */
import { parse } from 'csv-parse/sync';

export const FORECAST_COLUMNS = ['vendor_id', 'vendor', 'month', 'forecast'] as const;
const MAX_FORECAST = 1_000_000_000;

export type VendorRef = { kind: 'id'; id: number } | { kind: 'name'; name: string };

export interface ForecastRow {
  /** The file's line the row starts on (the header is line 1). */
  line: number;
  vendor: VendorRef;
  /** 'YYYY-MM' */
  month: string;
  forecast: number;
}

export interface RowReject {
  line: number;
  reason: string;
}

export interface ParsedForecasts {
  read: number;
  rows: ForecastRow[];
  rejects: RowReject[];
}

/** The file cannot be read as forecasts at all; `message` says what to fix. */
export class ForecastFileProblem extends Error {
  override name = 'ForecastFileProblem';
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WHOLE = /^\d+$/;

export function parseForecastCsv(text: string): ParsedForecasts {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new ForecastFileProblem(`The file is not readable CSV: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (!header) throw new ForecastFileProblem('The file is empty: it needs a header and one row per vendor and month.');
  const columns = header.record.map((name) => name.toLowerCase());
  const unknown = columns.filter((c) => !(FORECAST_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new ForecastFileProblem(
      `Unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are vendor_id or vendor, month, forecast.`,
    );
  const duplicated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicated.length > 0) throw new ForecastFileProblem(`Column "${duplicated[0]}" appears twice.`);
  const missing = ['month', 'forecast'].filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ForecastFileProblem(`Missing column(s): ${missing.join(', ')}.`);
  const hasId = columns.includes('vendor_id');
  const hasName = columns.includes('vendor');
  if (hasId === hasName)
    throw new ForecastFileProblem('Name the vendor by exactly one column: vendor_id or vendor (its name).');

  const at = (record: string[], column: string) => record[columns.indexOf(column)] ?? '';
  const rows: ForecastRow[] = [];
  const rejects: RowReject[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of data) {
    // info.lines is the line the record ends on; a quoted field may span lines, so the start is counted back.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    const reject = (reason: string) => rejects.push({ line, reason });
    if (record.length !== columns.length) {
      reject(`expected ${columns.length} fields, found ${record.length}`);
      continue;
    }
    const vendorText = at(record, hasId ? 'vendor_id' : 'vendor');
    const month = at(record, 'month');
    const forecastText = at(record, 'forecast');
    if (vendorText === '') {
      reject(`${hasId ? 'vendor_id' : 'vendor'} is empty`);
      continue;
    }
    if (hasId && (!WHOLE.test(vendorText) || Number(vendorText) < 1)) {
      reject(`vendor_id "${vendorText}" is not a positive whole number`);
      continue;
    }
    if (!MONTH.test(month)) {
      reject(`month "${month}" is not YYYY-MM`);
      continue;
    }
    if (!WHOLE.test(forecastText) || Number(forecastText) > MAX_FORECAST) {
      reject(`forecast "${forecastText}" is not a whole number of cases from 0 to ${MAX_FORECAST}`);
      continue;
    }
    const vendor: VendorRef = hasId ? { kind: 'id', id: Number(vendorText) } : { kind: 'name', name: vendorText };
    const key = `${hasId ? vendorText : vendorText.toLowerCase()}|${month}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject(`the same vendor and month as line ${earlier}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, vendor, month, forecast: Number(forecastText) });
  }
  return { read: data.length, rows, rejects };
}
