/**
 * The weekly figures a bank call log (scripts/demo/call-log.ts) must produce, computed straight from its text
 * with plain loops and SPEC's definitions: no product code. Arrival metrics (service level, abandon rate) by
 * the UTC week of the call's arrival, AHT by the week of the end of service. The log's wall time is
 * UTC + `offsetHours` (a fixed-offset zone such as Etc/GMT-2, so converting needs no time-zone rules).
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface CallLogWeek {
  answered: number;
  within: number;
  abandoned: number;
  handleSeconds: number;
  solved: number;
}

export interface CallLogFacts {
  rowsRead: number;
  /** Distinct (line, call number) ids of the calls that are not ghost calls. */
  distinctCalls: number;
  rowsReplaced: number;
  rowsSkipped: number;
  /** By Monday (YYYY-MM-DD, UTC). */
  weeks: Map<string, CallLogWeek>;
}

/** The Monday (UTC) of an instant, as YYYY-MM-DD. */
export function mondayOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const back = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - back * DAY_MS).toISOString().slice(0, 10);
}

export function callLogFacts(text: string, offsetHours: number, thresholdSeconds = 20, shortAbandonSeconds = 5) {
  const [header, ...lines] = text.split('\r\n').filter((line) => line !== '');
  const columns = header!.split('\t');
  const calls = new Map<string, Record<string, string>>();
  let kept = 0;
  for (const line of lines) {
    const cells = line.split('\t');
    const call = Object.fromEntries(columns.map((name, i) => [name, cells[i]!]));
    if (call.outcome === 'PHANTOM') continue;
    kept += 1;
    // The last row of an id is the call.
    calls.set(`${call['vru+line']}-${call.call_id}`, call);
  }
  const seconds = (clock: string) => {
    const [h, m, s] = clock.split(':').map(Number) as [number, number, number];
    return h * 3600 + m * 60 + s;
  };
  const weeks = new Map<string, CallLogWeek>();
  const week = (monday: string) => {
    let w = weeks.get(monday);
    if (!w) weeks.set(monday, (w = { answered: 0, within: 0, abandoned: 0, handleSeconds: 0, solved: 0 }));
    return w;
  };
  for (const call of calls.values()) {
    const d = call.date!;
    const day = Date.UTC(2000 + Number(d.slice(0, 2)), Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6)));
    const arrival = day + seconds(call.vru_entry!) * 1000 - offsetHours * HOUR_MS;
    const wait = Number(call.q_time);
    if (call.outcome === 'AGENT') {
      const arrived = week(mondayOf(arrival));
      arrived.answered += 1;
      if (wait <= thresholdSeconds) arrived.within += 1;
      // The row keeps the arrival date: a service start earlier in the day than the arrival is the next day.
      let serviceStart = day + seconds(call.ser_start!) * 1000 - offsetHours * HOUR_MS;
      if (serviceStart < arrival) serviceStart += DAY_MS;
      const solved = week(mondayOf(serviceStart + Number(call.ser_time) * 1000));
      solved.handleSeconds += Number(call.ser_time);
      solved.solved += 1;
    } else if (wait >= shortAbandonSeconds) week(mondayOf(arrival)).abandoned += 1;
  }
  return {
    rowsRead: lines.length,
    distinctCalls: calls.size,
    rowsReplaced: kept - calls.size,
    rowsSkipped: lines.length - kept,
    weeks,
  } satisfies CallLogFacts;
}
