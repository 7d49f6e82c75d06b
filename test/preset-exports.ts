/**
 * Small generated exports in the format of each built-in preset (Zendesk, Freshdesk, Salesforce, telephony call
 * log, generic CSV), so a clone without ../shared/datasets still tests every preset from detection to the
 * weekly figures. Each generator returns the file's text and the cases it meant to write, in plain fields the
 * tests compute their expected figures from with loops (no product code). Seeded: the same seed gives the same
 * file. Every file ends with one row whose creation time is not a date, which the import must reject.
 */

/** A case as the generator wrote it. `null` where the format has no such column or the case has no value. */
export interface WrittenCase {
  id: string;
  vendor: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  /** A survey response: satisfied or not; null without one. */
  satisfied: boolean | null;
  reopened: boolean | null;
  escalated: boolean | null;
  handleSeconds: number | null;
  waitSeconds: number | null;
  answered: boolean | null;
  abandoned: boolean | null;
}

export interface PresetExport {
  preset: 'zendesk' | 'freshdesk' | 'salesforce' | 'telephony' | 'generic';
  csv: string;
  cases: WrittenCase[];
  /** Lines (1-based, header = 1) the import must reject. */
  rejectedLines: number[];
}

export const EXPORT_VENDORS = ['North BPO', 'South BPO'] as const;

const MINUTE_MS = 60_000;

/** mulberry32: a small deterministic generator, so a failing seed can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof random>;

/** `2026-03-02 09:15:00`: UTC wall time without an offset (the import's default zone is UTC). */
const naive = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');
const csvLine = (values: readonly (string | number)[]) =>
  values.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(',');
const file = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  `${[header, ...rows].map(csvLine).join('\n')}\n`;

/**
 * A ticket: created Monday to Wednesday of the week at a whole minute, answered and solved within two days,
 * so every week it is attributed to (arrival, completion, survey) is the week it was created in.
 */
function ticket(rng: Random, weekStart: Date, id: string) {
  const createdAt = new Date(weekStart.getTime() + rng.int(0, 3 * 24 * 60 - 1) * MINUTE_MS);
  const answered = rng.chance(0.85);
  const firstResponseAt = answered ? new Date(createdAt.getTime() + rng.int(1, 30 * 60) * MINUTE_MS) : null;
  const solvedAt =
    answered && rng.chance(0.8) ? new Date(firstResponseAt!.getTime() + rng.int(0, 18 * 60) * MINUTE_MS) : null;
  return { id, vendor: rng.pick(EXPORT_VENDORS), createdAt, firstResponseAt, solvedAt };
}

const none = {
  satisfied: null,
  reopened: null,
  escalated: null,
  handleSeconds: null,
  waitSeconds: null,
  answered: null,
  abandoned: null,
} as const;

export function zendeskExport(seed: number, weekStart: Date, count: number): PresetExport {
  const rng = random(seed);
  const header = [
    'Id',
    'Requester id',
    'Group',
    'Status',
    'Priority',
    'Via',
    'Created at',
    'Updated at',
    'Solved at',
    'Satisfaction Score',
    'Reopens',
    'Replies',
    'First reply time in minutes',
    'Assignee',
  ];
  const cases: WrittenCase[] = [];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i += 1) {
    const t = ticket(rng, weekStart, String(1000 + i));
    const reopens = t.solvedAt ? rng.pick([0, 0, 0, 1, 2]) : 0;
    const survey = t.solvedAt ? rng.pick(['Good', 'Good', 'Bad', 'Offered', 'Unoffered']) : 'Unoffered';
    cases.push({
      ...none,
      ...t,
      satisfied: survey === 'Good' ? true : survey === 'Bad' ? false : null,
      reopened: reopens > 0,
    });
    rows.push([
      t.id,
      String(9000 + i),
      t.vendor,
      t.solvedAt ? 'Solved' : 'Open',
      rng.pick(['Low', 'Normal', 'High']),
      rng.pick(['Mail', 'Web form', 'Chat', 'Voice']),
      naive(t.createdAt),
      naive(t.solvedAt ?? t.firstResponseAt ?? t.createdAt),
      t.solvedAt ? naive(t.solvedAt) : '1900-01-01 00:00:00',
      survey,
      t.solvedAt ? reopens : '',
      rng.int(1, 6),
      t.firstResponseAt ? (t.firstResponseAt.getTime() - t.createdAt.getTime()) / MINUTE_MS : '',
      rng.pick(['Asha', 'Ravi', 'Lena']),
    ]);
  }
  rows.push(['bad-1', '1', EXPORT_VENDORS[0], 'Open', 'Low', 'Mail', 'not a date', '', '', '', '', '', '', '']);
  return { preset: 'zendesk', csv: file(header, rows), cases, rejectedLines: [count + 2] };
}

const FRESHDESK_SURVEY = { Awesome: true, 'Just Okay': false, 'Not Good': false } as const;

export function freshdeskExport(seed: number, weekStart: Date, count: number): PresetExport {
  const rng = random(seed);
  const header = [
    'Ticket ID',
    'Subject',
    'Status',
    'Priority',
    'Source',
    'Type',
    'Agent',
    'Group',
    'Created time',
    'Resolved time',
    'Closed time',
    'Last update time',
    'Initial response time',
    'Survey results',
    'Contact ID',
  ];
  const cases: WrittenCase[] = [];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i += 1) {
    const t = ticket(rng, weekStart, String(5000 + i));
    const survey = t.solvedAt ? rng.pick(['Awesome', 'Awesome', 'Just Okay', 'Not Good', null] as const) : null;
    // Solved is the resolved time, else the closed time: write each form.
    const resolvedColumn = t.solvedAt ? rng.pick(['Resolved time', 'Closed time']) : null;
    cases.push({ ...none, ...t, satisfied: survey === null ? null : FRESHDESK_SURVEY[survey] });
    rows.push([
      t.id,
      `Ticket ${t.id}`,
      t.solvedAt ? (resolvedColumn === 'Resolved time' ? 'Resolved' : 'Closed') : 'Open',
      rng.pick(['Low', 'Medium', 'High']),
      rng.pick(['Email', 'Portal', 'Chat', 'Phone']),
      'Question',
      rng.pick(['Mia', 'Noah']),
      t.vendor,
      naive(t.createdAt),
      resolvedColumn === 'Resolved time' ? naive(t.solvedAt!) : '',
      resolvedColumn === 'Closed time' ? naive(t.solvedAt!) : '',
      naive(t.solvedAt ?? t.createdAt),
      t.firstResponseAt ? naive(t.firstResponseAt) : '',
      survey ?? '',
      `C-${i}`,
    ]);
  }
  rows.push([
    'bad-1',
    'Bad',
    'Open',
    'Low',
    'Email',
    'Question',
    '',
    EXPORT_VENDORS[0],
    '2026-13-45',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  return { preset: 'freshdesk', csv: file(header, rows), cases, rejectedLines: [count + 2] };
}

/** `9/14/2023 2:05 PM`: a Salesforce report's US form. */
function usDateTime(at: Date): string {
  const hours = at.getUTCHours();
  const minutes = String(at.getUTCMinutes()).padStart(2, '0');
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${clock}`;
}

export function salesforceExport(seed: number, weekStart: Date, count: number): PresetExport {
  const rng = random(seed);
  const header = [
    'Case Number',
    'Date/Time Opened',
    'Date/Time Closed',
    'Case Origin',
    'Case Owner',
    'Status',
    'Priority',
    'Escalated',
    'Contact ID',
    'Account Name',
  ];
  const cases: WrittenCase[] = [];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i += 1) {
    // A case report has no first response: only opened and closed.
    const t = { ...ticket(rng, weekStart, String(1001 + i).padStart(8, '0')), firstResponseAt: null };
    const escalated = rng.chance(0.2);
    cases.push({ ...none, ...t, escalated });
    rows.push([
      t.id,
      usDateTime(t.createdAt),
      t.solvedAt ? usDateTime(t.solvedAt) : '',
      rng.pick(['Phone', 'Email', 'Web', 'Chat']),
      t.vendor,
      t.solvedAt ? 'Closed' : 'New',
      rng.pick(['Low', 'Medium', 'High']),
      escalated ? 1 : 0,
      `003A${i}`,
      rng.pick(['Globex', 'Initech', 'Hooli']),
    ]);
  }
  rows.push(['bad-1', 'yesterday', '', 'Email', EXPORT_VENDORS[0], 'New', 'Low', 0, '', '']);
  return { preset: 'salesforce', csv: file(header, rows), cases, rejectedLines: [count + 2] };
}

/** One offered call per row; the site is the BPO. Waits straddle the 5 s short-abandon and 20 s service-level cuts. */
export function telephonyExport(seed: number, weekStart: Date, count: number): PresetExport {
  const rng = random(seed);
  const header = [
    'Call ID',
    'Queue',
    'Agent',
    'Site',
    'Start Time',
    'Wait Time',
    'Talk Time',
    'Hold Time',
    'Wrap Time',
    'Disposition',
    'Caller Number',
  ];
  const cases: WrittenCase[] = [];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i += 1) {
    const createdAt = new Date(weekStart.getTime() + rng.int(0, 4 * 24 * 3600 - 1) * 1000);
    const vendor = rng.pick(EXPORT_VENDORS);
    const wait = rng.pick([0, 3, 5, 12, 20, 21, 45, rng.int(0, 90)]);
    const answered = rng.chance(0.8);
    const [talk, hold, wrap] = [rng.int(30, 900), rng.pick([0, 0, rng.int(5, 120)]), rng.int(0, 120)];
    cases.push({
      ...none,
      id: `C-${i}`,
      vendor,
      createdAt,
      // Answered: solved at the end of the call (start + wait + talk + hold); an abandoned call is never solved.
      firstResponseAt: answered ? new Date(createdAt.getTime() + wait * 1000) : null,
      solvedAt: answered ? new Date(createdAt.getTime() + (wait + talk + hold) * 1000) : null,
      handleSeconds: answered ? talk + hold + wrap : null,
      waitSeconds: wait,
      answered,
      abandoned: !answered,
    });
    rows.push([
      `C-${i}`,
      rng.pick(['Buyer', 'Seller']),
      answered ? rng.pick(['a.kumar', 'b.lee']) : '',
      vendor,
      naive(createdAt),
      wait,
      answered ? talk : '',
      answered ? hold : '',
      answered ? wrap : '',
      answered ? 'Handled' : 'Abandoned',
      `+49301${String(i).padStart(5, '0')}`,
    ]);
  }
  rows.push(['bad-1', 'Buyer', '', EXPORT_VENDORS[0], 'soon', 5, '', '', '', 'Abandoned', '']);
  return { preset: 'telephony', csv: file(header, rows), cases, rejectedLines: [count + 2] };
}

export function genericExport(seed: number, weekStart: Date, count: number): PresetExport {
  const rng = random(seed);
  const header = [
    'external_id',
    'vendor',
    'queue',
    'channel',
    'customer_id',
    'created_at',
    'first_response_at',
    'solved_at',
    'status',
    'reopen_count',
    'handle_seconds',
    'csat_score',
    'csat_scale',
    'escalated',
  ];
  const cases: WrittenCase[] = [];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i += 1) {
    const t = ticket(rng, weekStart, `G-${i}`);
    const reopens = t.solvedAt ? rng.pick([0, 0, 0, 1]) : 0;
    const handle = t.solvedAt && rng.chance(0.9) ? rng.int(60, 3600) : null;
    const csat = t.solvedAt && rng.chance(0.6) ? rng.int(1, 5) : null;
    const escalated = rng.chance(0.15);
    cases.push({
      ...none,
      ...t,
      satisfied: csat === null ? null : csat >= 4,
      reopened: reopens > 0,
      escalated,
      handleSeconds: handle,
    });
    rows.push([
      t.id,
      t.vendor,
      rng.pick(['Buyer', 'Seller']),
      rng.pick(['email', 'web', 'social']),
      `cust-${i}`,
      t.createdAt.toISOString(),
      t.firstResponseAt?.toISOString() ?? '',
      t.solvedAt?.toISOString() ?? '',
      t.solvedAt ? 'solved' : 'open',
      t.solvedAt ? reopens : '',
      handle ?? '',
      csat ?? '',
      csat === null ? '' : 5,
      escalated ? 'true' : 'false',
    ]);
  }
  rows.push(['bad-1', EXPORT_VENDORS[0], 'Buyer', 'email', '', 'never', '', '', 'open', '', '', '', '', 'false']);
  return { preset: 'generic', csv: file(header, rows), cases, rejectedLines: [count + 2] };
}
