/**
 * Local wall time in an IANA zone → UTC instant, without Intl or TZDate per row: the zone's offset is
 * computed with Intl once per UTC hour and cached (hours holding a transition are computed exactly).
 */
const HOUR_MS = 3_600_000;
/** Offsets span −12 h … +14 h, so every reading of a wall time lies within this window of it. */
const WINDOW_MS = 15 * HOUR_MS;

export interface Zone {
  readonly name: string;
  /** Offset (local − UTC) in ms at a UTC instant. */
  offsetAt(utcMs: number): number;
}

const zones = new Map<string, Zone>();

/** Never throws; null for a name that is not an IANA zone this runtime knows. */
export function resolveZone(name: string): Zone | null {
  const cached = zones.get(name);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const zone = formatter.resolvedOptions().timeZone === 'UTC' ? utcZone(name) : intlZone(name, formatter);
  zones.set(name, zone);
  return zone;
}

function utcZone(name: string): Zone {
  return { name, offsetAt: () => 0 };
}

function intlZone(name: string, formatter: Intl.DateTimeFormat): Zone {
  // hour index → offset; NaN marks an hour that holds a transition (computed exactly on each call).
  const byHour = new Map<number, number>();
  const exact = (utcMs: number): number => {
    const wholeSecond = Math.floor(utcMs / 1000) * 1000;
    let year = 0,
      month = 0,
      day = 0,
      hour = 0,
      minute = 0,
      second = 0;
    for (const part of formatter.formatToParts(wholeSecond)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') second = Number(part.value);
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
  };
  return {
    name,
    offsetAt(utcMs: number): number {
      const hourIndex = Math.floor(utcMs / HOUR_MS);
      let offset = byHour.get(hourIndex);
      if (offset === undefined) {
        const start = exact(hourIndex * HOUR_MS);
        offset = start === exact(hourIndex * HOUR_MS + HOUR_MS - 1000) ? start : Number.NaN;
        byHour.set(hourIndex, offset);
      }
      return Number.isNaN(offset) ? exact(utcMs) : offset;
    },
  };
}

/**
 * The UTC instant of a wall time (given as ms of a UTC date with the same fields) in `zone`.
 * Returns NaN for a wall time that does not exist (daylight-saving gap); an ambiguous wall time
 * (the repeated hour when clocks go back) takes the earlier instant.
 */
export function wallToUtc(zone: Zone, wallMs: number): number {
  const before = zone.offsetAt(wallMs - WINDOW_MS);
  const after = zone.offsetAt(wallMs + WINDOW_MS);
  if (before === after) return wallMs - before;
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyValid = zone.offsetAt(early) === before;
  const lateValid = zone.offsetAt(late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return Number.NaN;
}

/** `YYYY-MM-DD HH:MM` (`:SS` when not zero) of a wall time given as UTC-field ms; for messages. */
export function formatWall(wallMs: number): string {
  const date = new Date(wallMs);
  const text = date.toISOString();
  return date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0
    ? `${text.slice(0, 10)} ${text.slice(11, 16)}`
    : `${text.slice(0, 10)} ${text.slice(11, 19)}`;
}

/** An instant as wall time in `zone`, for messages a lead reads in the file's own terms. */
export function formatInstant(zone: Zone, utcMs: number): string {
  return formatWall(utcMs + zone.offsetAt(utcMs));
}
