/** Durations in seconds from `ms`, `s`, `min`, `h` or clock-style `H:MM:SS` cells, for the import hot path. */
import type { DurationUnit } from '../document.ts';
import { parseNumber } from './timestamp.ts';

const SECONDS_PER_UNIT: Record<Exclude<DurationUnit, 'hms'>, number> = { ms: 0.001, s: 1, min: 60, h: 3600 };

/**
 * Seconds (may be negative: the caller rejects), or NaN when unparseable. `hms` accepts `H:MM:SS`
 * with any number of hour digits (`0:02:23`, `26:00:00`), optional `.fff`, and `MM:SS` (minutes and
 * seconds, as call logs write durations under an hour). `text` must be trimmed.
 */
export function parseDuration(text: string, unit: DurationUnit): number {
  if (unit !== 'hms') {
    const value = parseNumber(text);
    return value * SECONDS_PER_UNIT[unit];
  }
  let index = 0;
  let sign = 1;
  if (text.charCodeAt(0) === 45) {
    sign = -1;
    index = 1;
  }
  // Up to three clock fields without allocating: values and digit counts.
  let a = 0,
    b = 0,
    c = 0,
    widthA = 0,
    widthB = 0,
    widthC = 0;
  let count = 0;
  let fraction = 0;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      const digit = code - 48;
      if (count === 0) {
        a = a * 10 + digit;
        widthA++;
      } else if (count === 1) {
        b = b * 10 + digit;
        widthB++;
      } else {
        c = c * 10 + digit;
        widthC++;
      }
    } else if (code === 58 /* : */ && count < 2 && (count === 0 ? widthA : widthB) > 0) {
      count++;
    } else if (code === 46 /* . */ && count > 0) {
      fraction = parseNumber(text.slice(index));
      if (Number.isNaN(fraction)) return Number.NaN;
      break;
    } else {
      return Number.NaN;
    }
  }
  if (count === 0 || widthA === 0 || widthB !== 2 || (count === 2 && widthC !== 2)) return Number.NaN;
  if (count === 1 ? b > 59 : b > 59 || c > 59) return Number.NaN;
  const seconds = count === 2 ? a * 3600 + b * 60 + c : a * 60 + b;
  return sign * (seconds + fraction);
}
