/**
 * The preview shows timestamps as wall time in the source zone (what the file says), not as UTC ISO strings:
 * `2026-11-16T07:00:00.000Z` in Europe/Berlin reads `2026-11-16 08:00:00`.
 */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const formats = new Map<string, Intl.DateTimeFormat>();

export function wallTime(value: string, timeZone: string): string {
  if (!ISO_INSTANT.test(value)) return value;
  let format = formats.get(timeZone);
  if (!format) {
    try {
      // sv-SE writes `YYYY-MM-DD HH:MM:SS`.
      format = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return value;
    }
    formats.set(timeZone, format);
  }
  return format.format(new Date(value));
}
