/**
 * Reconciliation: our per-case figure against the help desk's own (cases.reported, e.g. Zendesk "First reply
 * time in minutes within business hours"), and the rule that explains a difference, in words a lead can send.
 */
export type ReconcileMetric = 'frt' | 'resolution_time';

/** Reported keys (packages/domain/src/mapping/presets) compared per metric and clock. */
export const REPORTED_KEYS = {
  frt: { calendar: 'firstReplyMinutes', business: 'firstReplyBusinessMinutes' },
  resolution_time: { calendar: 'fullResolutionMinutes', business: 'fullResolutionBusinessMinutes' },
} as const;

export interface ReconcileInput {
  /** Our figures in seconds; null when undefined for the case (no timestamp) or no calendar in the terms. */
  oursCalendarSeconds: number | null;
  oursBusinessSeconds: number | null;
  /** The help desk's figures in minutes, null when the export did not carry them. */
  theirsCalendarMinutes: number | null;
  theirsBusinessMinutes: number | null;
  /** The clock our terms count this metric in. */
  basis: 'calendar' | 'business';
  calendarName: string | null;
}

export interface ReconcileResult {
  clock: 'calendar' | 'business';
  oursMinutes: number | null;
  theirsMinutes: number | null;
  differenceMinutes: number | null;
  matches: boolean;
  rule: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Compares on the clock our terms use when the help desk reports that clock, else on the other one it reports.
 * Within `toleranceMinutes` (help desks round to whole minutes) is a match.
 */
export function reconcileCase(input: ReconcileInput, toleranceMinutes: number): ReconcileResult | null {
  const theirs = { calendar: input.theirsCalendarMinutes, business: input.theirsBusinessMinutes };
  const clock = theirs[input.basis] !== null ? input.basis : input.basis === 'business' ? 'calendar' : 'business';
  const theirsMinutes = theirs[clock];
  if (theirsMinutes === null) return null;
  const oursSeconds = clock === 'business' ? input.oursBusinessSeconds : input.oursCalendarSeconds;
  if (oursSeconds === null) {
    const rule =
      clock === 'business' && input.oursCalendarSeconds !== null
        ? 'our terms name no business-hours calendar: we count calendar time, the help desk its own business hours'
        : 'the export carries no timestamp for this event, so our figure is undefined; the help desk kept only its duration';
    return { clock, oursMinutes: null, theirsMinutes, differenceMinutes: null, matches: false, rule };
  }
  const oursMinutes = round(oursSeconds / 60);
  const difference = round(oursMinutes - theirsMinutes);
  if (Math.abs(difference) <= toleranceMinutes) {
    return {
      clock,
      oursMinutes,
      theirsMinutes,
      differenceMinutes: difference,
      matches: true,
      rule: `equal within ${toleranceMinutes} min (rounding)`,
    };
  }
  return {
    clock,
    oursMinutes,
    theirsMinutes,
    differenceMinutes: difference,
    matches: false,
    rule: explain(input, clock, oursMinutes, theirsMinutes, difference),
  };
}

function explain(
  input: ReconcileInput,
  clock: 'calendar' | 'business',
  ours: number,
  theirs: number,
  difference: number,
): string {
  if (clock === 'calendar') {
    return 'calendar time differs: the help desk measures to a different event (e.g. an earlier solve before a reopen) or edited timestamps';
  }
  const calendarMinutes = input.oursCalendarSeconds === null ? null : round(input.oursCalendarSeconds / 60);
  if (calendarMinutes !== null && Math.abs(calendarMinutes - theirs) <= 1) {
    return (
      'the help desk counted every hour (24/7 schedule or no schedule), we count only the opening hours of ' +
      (input.calendarName ?? 'our calendar')
    );
  }
  if (theirs === 0 && ours > 0)
    return 'the help desk counted none of it as business time: its schedule was closed where ours is open';
  // Time-zone offsets run up to 14 h; a larger round difference is a schedule difference like any other.
  if (Math.abs(difference) % 30 === 0 && Math.abs(difference) <= 14 * 60) {
    return `a difference of exactly ${Math.abs(difference) / 60} h (whole or half hours): the help desk's schedule is in another time zone, or a DST change or holiday only one side knows`;
  }
  return difference > 0
    ? `we count ${Math.abs(difference)} min more: our calendar ${input.calendarName ?? ''} opens hours the help desk's schedule keeps closed (longer days, weekends or no holidays)`.replace(
        '  ',
        ' ',
      )
    : `we count ${Math.abs(difference)} min less: the help desk's schedule opens hours our calendar ${input.calendarName ?? ''} keeps closed (longer days, weekends or holidays ours has)`.replace(
        '  ',
        ' ',
      );
}
