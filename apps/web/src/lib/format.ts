/** How numbers are shown: by the unit the API gives each metric. Never prints NaN or Infinity. */
export type Unit = '%' | 's' | 'count' | 'points';

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === '%') return `${value.toFixed(1)} %`;
  // A review score (0..100) or a difference of two: one decimal, a signed difference keeps its minus.
  if (unit === 'points') return value.toFixed(1).replace('-', '−');
  if (unit === 's') return formatDuration(value);
  return Math.round(value).toLocaleString('en-GB');
}

/** 42 s, 7m 05s, 1h 05m, 2d 03h: two units at most, the largest first. */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) return '—';
  const seconds = Math.round(Math.abs(totalSeconds));
  const sign = totalSeconds < 0 ? '−' : '';
  if (seconds < 60) return `${sign}${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes}m ${pad(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours}h ${pad(minutes % 60)}m`;
  return `${sign}${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

/** A week-over-week change in the metric's own unit: percentage points for rates. */
export function formatChange(change: number | null | undefined, unit: Unit): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const magnitude = Math.abs(change);
  if (unit === '%') return `${sign}${magnitude.toFixed(1)} pt`;
  if (unit === 'points') return `${sign}${magnitude.toFixed(1)}`;
  if (unit === 's') return `${sign}${formatDuration(magnitude)}`;
  return `${sign}${Math.round(magnitude).toLocaleString('en-GB')}`;
}

/** An instant as date and time; in `timeZone` when given (case times: the reporting zone), else the browser's. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
