/**
 * The weekly report email of one vendor (docs/definitions.md "Weekly report emails"), as data: everything the HTML and
 * the plain-text renderings show. Pure: the caller reads the scorecard (metrics engine), the action items
 * (plans) and the cases; this module only arranges and formats them. It is given one vendor's data only,
 * so nothing of another vendor can appear in it (no rank: a rank is derived from the other vendors).
 */
import type { Direction, MetricKey, Unit } from '../metrics/catalogue.ts';
import type { Status } from '../metrics/targets.ts';
import { TZDate } from '@date-fns/tz';
import { addWeeks, weekLabel, weekOf, type WeekStart } from '../weeks.ts';
import { formatQuality, type FormattedQuality, type ReportQualityInput } from './report-quality.ts';

export interface ReportMetric {
  key: MetricKey;
  label: string;
  unit: Unit;
  direction: Direction;
  value: number | null;
  /** Why `value` is null (e.g. "no solved cases"). */
  reason: string | null;
  target: number | null;
  status: Status;
  previous: number | null;
  change: number | null;
  /** The change passed the scorecard's significance test (rates only); the email shows it in bold then. */
  changeSignificant: boolean;
  sample: number;
  /** The contract terms the value was computed under, in words (formulaText). */
  formula?: string;
}

export interface ReportActionItem {
  description: string;
  owner: string | null;
  dueDate: string | null; // 'YYYY-MM-DD'
  status: 'open' | 'in_progress';
  overdue: boolean;
}

export interface ReportAttachmentSummary {
  fileName: string;
  contentType: string;
  rows: number;
  bytes: number;
  gzipped: boolean;
}

export interface ReportInput {
  vendor: { id: number; name: string };
  week: WeekStart;
  metrics: readonly ReportMetric[];
  composite: number | null;
  /** null while the plans feature is not available: the section is then left out, not faked. */
  actionItems: readonly ReportActionItem[] | null;
  publicUrl: string;
  attachment: ReportAttachmentSummary;
  /** The quality block's data; absent or null leaves the block out. */
  quality?: ReportQualityInput | null;
}

export interface FormattedMetric {
  key: MetricKey;
  label: string;
  value: string;
  target: string;
  status: Status;
  statusLabel: string;
  change: string;
  /** 'better' | 'worse' | 'same' | 'none': how the change reads for this metric's good direction. */
  changeSense: 'better' | 'worse' | 'same' | 'none';
  changeSignificant: boolean;
  formula: string | null;
}

export interface ReportModel {
  subject: string;
  vendorName: string;
  weekLabel: string;
  /** 'Mon 16 Nov – Sun 22 Nov 2026' */
  weekRange: string;
  composite: string | null;
  metrics: FormattedMetric[];
  actionItems: readonly ReportActionItem[] | null;
  /** null when the vendor has nothing on quality this week. */
  quality: FormattedQuality | null;
  dashboardUrl: string;
  attachment: ReportAttachmentSummary;
}

export const STATUS_LABELS: Record<Status, string> = {
  met: 'Met',
  at_risk: 'At risk',
  missed: 'Missed',
  low_sample: 'Low sample',
  no_target: 'No target',
  no_data: 'No data',
};

export function buildReportModel(input: ReportInput): ReportModel {
  const label = weekLabel(input.week);
  return {
    subject: reportSubject(input.vendor.name, input.week),
    vendorName: input.vendor.name,
    weekLabel: label,
    weekRange: formatWeekRange(input.week),
    composite: input.composite === null ? null : input.composite.toFixed(1),
    metrics: input.metrics.map(formatMetric),
    actionItems: input.actionItems,
    quality: formatQuality(input.quality),
    dashboardUrl: dashboardUrl(input.publicUrl, input.vendor.id, input.week),
    attachment: input.attachment,
  };
}

export function reportSubject(vendorName: string, week: WeekStart): string {
  return `Weekly scorecard ${weekLabel(week)}: ${vendorName}`;
}

/** The vendor's page in the dashboard, at the report's week. */
export function dashboardUrl(publicUrl: string, vendorId: number, week: WeekStart): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/vendors/${vendorId}?week=${encodeURIComponent(weekLabel(week))}`;
}

/** The attachment's file name: safe in any mail client and file system, whatever the vendor is called. */
export function attachmentFileName(vendorName: string, week: WeekStart, gzipped: boolean): string {
  const slug =
    vendorName
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'vendor';
  return `cases-${slug}-${weekLabel(week)}.csv${gzipped ? '.gz' : ''}`;
}

function formatMetric(metric: ReportMetric): FormattedMetric {
  return {
    key: metric.key,
    label: metric.label,
    value: metric.value === null ? `— (${metric.reason ?? 'no data'})` : formatValue(metric.value, metric.unit),
    target: metric.target === null ? '—' : formatValue(metric.target, metric.unit),
    status: metric.status,
    statusLabel: STATUS_LABELS[metric.status],
    change: formatChange(metric.change, metric.unit),
    changeSense: changeSense(metric.change, metric.direction),
    changeSignificant: metric.changeSignificant,
    formula: metric.formula ?? null,
  };
}

function changeSense(change: number | null, direction: Direction): FormattedMetric['changeSense'] {
  if (change === null || direction === 'none') return 'none';
  if (change === 0) return 'same';
  return change > 0 === (direction === 'higher') ? 'better' : 'worse';
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === '%') return `${value.toFixed(1)} %`;
  if (unit === 's') return formatDuration(value);
  if (unit === 'points') return value.toFixed(1).replace('-', '−');
  return Math.round(value).toLocaleString('en-GB');
}

/** 42 s, 7m 05s, 1h 05m, 2d 03h: the same form as the dashboard. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(Math.abs(totalSeconds));
  const sign = totalSeconds < 0 ? '−' : '';
  if (seconds < 60) return `${sign}${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes}m ${pad(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours}h ${pad(minutes % 60)}m`;
  return `${sign}${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

/** Percentage points for rates; '' when there is no previous week to compare with. */
export function formatChange(change: number | null, unit: Unit): string {
  if (change === null || !Number.isFinite(change)) return '';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const magnitude = Math.abs(change);
  if (unit === '%') return `${sign}${magnitude.toFixed(1)} pt`;
  if (unit === 's') return `${sign}${formatDuration(magnitude)}`;
  if (unit === 'points') return `${sign}${magnitude.toFixed(1)}`;
  return `${sign}${Math.round(magnitude).toLocaleString('en-GB')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatWeekRange(week: WeekStart): string {
  const sunday = addWeeks(week, 1);
  const last = new Date(Date.parse(`${sunday}T00:00:00Z`) - 86_400_000);
  const [y, m, d] = week.split('-').map(Number) as [number, number, number];
  return `Mon ${d} ${MONTHS[m - 1]} – Sun ${last.getUTCDate()} ${MONTHS[last.getUTCMonth()]} ${last.getUTCFullYear()}${
    y !== last.getUTCFullYear() ? ` (from ${y})` : ''
  }`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The week a scheduled report covers: the week before the one the schedule fired in, in the vendor's zone
 * (docs/definitions.md: "sends the previous week's scorecard"). A Monday 09:00 Berlin send on 29 March 2027 covers 2027-W12.
 */
export function reportWeekFor(firedAt: Date, vendorTimeZone: string): WeekStart {
  return addWeeks(weekOf(firedAt, vendorTimeZone), -1);
}

/** The calendar day ('YYYY-MM-DD') of `instant` in `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  return new TZDate(instant.getTime(), timeZone).toISOString().slice(0, 10);
}
