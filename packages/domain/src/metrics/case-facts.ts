/**
 * The per-case metric rules as pure functions over one case: the oracle that the SQL view `case_facts`
 * (last defined in migrations/0019_one_home.sql) must agree with (property test in packages/db/src/metrics). Never used to
 * aggregate production data: the database does that with the view.
 */
import { ASYNC_CHANNELS, LIVE_CHANNELS, type Channel } from '../channels.ts';
import { weekOf, type WeekStart } from '../weeks.ts';
import type { Parts } from './parts.ts';

export interface MetricCase {
  id: number;
  vendorId: number | null;
  queue: string | null;
  channel: Channel;
  tier: number | null;
  site: string | null;
  customerId: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  reopenCount: number | null;
  handleSeconds: number | null;
  waitSeconds: number | null;
  answered: boolean | null;
  abandoned: boolean | null;
  csatScore: number | null;
  csatScale: 2 | 5 | null;
  csatAt: Date | null;
  escalated: boolean | null;
  firstContactResolved: boolean | null;
}

/** The thresholds a case is measured under (organisation settings today, per-vendor contract terms later). */
export interface MetricTerms {
  slThresholdVoiceSeconds: number;
  slThresholdChatSeconds: number;
  asyncSlaSeconds: number;
  shortAbandonSeconds: number;
  repeatWindowSeconds: number;
  satisfiedScore: number;
}

export const DEFAULT_TERMS: MetricTerms = {
  slThresholdVoiceSeconds: 20,
  slThresholdChatSeconds: 60,
  asyncSlaSeconds: 86_400,
  shortAbandonSeconds: 5,
  repeatWindowSeconds: 7 * 86_400,
  satisfiedScore: 4,
};

export interface CaseFacts {
  arrivalWeek: WeekStart;
  /** null for an unsolved case: it is left out of completion metrics. */
  completionWeek: WeekStart | null;
  /** null without a CSAT response. */
  surveyWeek: WeekStart | null;
  arrival: Pick<
    Parts,
    | 'volume'
    | 'escalated'
    | 'liveOffered'
    | 'liveAnsweredWithin'
    | 'liveAbandoned'
    | 'asyncDue'
    | 'asyncMet'
    | 'frtCount'
    | 'frtSecondsSum'
  >;
  completion: Pick<
    Parts,
    | 'solved'
    | 'handleCount'
    | 'handleSecondsSum'
    | 'fcrResolved'
    | 'reopened'
    | 'resolutionCount'
    | 'resolutionSecondsSum'
  >;
  survey: Pick<Parts, 'csatResponses' | 'csatSatisfied'>;
  frtSeconds: number | null;
  resolutionSeconds: number | null;
}

export interface FactsContext {
  timeZone: string;
  /** The instant the async SLA age is measured at (SQL: now() of the recompute transaction). */
  now: Date;
  /** True when another case of the same customer in the same queue followed inside the window (see hasRepeatContact). */
  repeatContact: boolean;
}

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
const bit = (value: boolean) => (value ? 1 : 0);

/**
 * docs/definitions.md live channels: abandons under the cut-off are left out; one with an unknown wait counts. The wait is
 * `wait_seconds`, else the time to the first response.
 */
export function liveOutcome(c: MetricCase, terms: MetricTerms) {
  if (!LIVE_CHANNELS.includes(c.channel)) return { offered: 0, answeredWithin: 0, abandoned: 0, waitSeconds: null };
  const waitSeconds = c.waitSeconds ?? (c.firstResponseAt ? seconds(c.createdAt, c.firstResponseAt) : null);
  const threshold = c.channel === 'voice' ? terms.slThresholdVoiceSeconds : terms.slThresholdChatSeconds;
  if (c.abandoned === true) {
    const counts = waitSeconds === null || waitSeconds >= terms.shortAbandonSeconds;
    return { offered: bit(counts), answeredWithin: 0, abandoned: bit(counts), waitSeconds };
  }
  const answered = c.answered ?? c.firstResponseAt !== null;
  const within = answered && waitSeconds !== null && waitSeconds <= threshold;
  return { offered: bit(answered), answeredWithin: bit(within), abandoned: 0, waitSeconds };
}

/** docs/definitions.md async channels: "within" is at or under; unanswered counts as missed once older than the SLA. */
export function asyncOutcome(c: MetricCase, terms: MetricTerms, now: Date) {
  if (!ASYNC_CHANNELS.includes(c.channel)) return { due: 0, met: 0 };
  if (c.firstResponseAt) {
    return { due: 1, met: bit(seconds(c.createdAt, c.firstResponseAt) <= terms.asyncSlaSeconds) };
  }
  return { due: bit(seconds(c.createdAt, now) > terms.asyncSlaSeconds), met: 0 };
}

/**
 * docs/definitions.md FCR repeat contact: another case (any vendor) of the same customer in the same queue, opened after this
 * case's created_at and at or before solved_at + window. A case without a customer has no repeat contacts;
 * a missing queue matches only cases without a queue.
 */
export function hasRepeatContact(c: MetricCase, all: readonly MetricCase[], windowSeconds: number): boolean {
  if (c.solvedAt === null || c.customerId === null) return false;
  const until = c.solvedAt.getTime() + windowSeconds * 1000;
  return all.some(
    (o) =>
      o.customerId === c.customerId &&
      o.queue === c.queue &&
      o.createdAt.getTime() > c.createdAt.getTime() &&
      o.createdAt.getTime() <= until,
  );
}

/** docs/definitions.md FCR: the explicit flag decides; otherwise never reopened and no repeat contact. */
export function resolvedAtFirstContact(c: MetricCase, repeatContact: boolean): boolean {
  if (c.firstContactResolved !== null) return c.firstContactResolved;
  return (c.reopenCount ?? 0) === 0 && !repeatContact;
}

/** docs/definitions.md CSAT: satisfied is score ≥ the satisfied score on 1–5, "good" (stored as 2) on good/bad. */
export function isSatisfied(score: number, scale: 2 | 5, satisfiedScore: number): boolean {
  return scale === 2 ? score === 2 : score >= satisfiedScore;
}

export function caseFacts(c: MetricCase, terms: MetricTerms, context: FactsContext): CaseFacts {
  const live = liveOutcome(c, terms);
  const async = asyncOutcome(c, terms, context.now);
  const frtSeconds = c.firstResponseAt ? seconds(c.createdAt, c.firstResponseAt) : null;
  const solved = c.solvedAt !== null;
  const resolutionSeconds = c.solvedAt ? seconds(c.createdAt, c.solvedAt) : null;
  const handle = solved && c.handleSeconds !== null ? c.handleSeconds : null;
  const responded = c.csatScore !== null && c.csatScale !== null;
  const surveyAt = c.csatAt ?? c.solvedAt;
  return {
    arrivalWeek: weekOf(c.createdAt, context.timeZone),
    completionWeek: c.solvedAt ? weekOf(c.solvedAt, context.timeZone) : null,
    surveyWeek: responded && surveyAt ? weekOf(surveyAt, context.timeZone) : null,
    arrival: {
      volume: 1,
      escalated: bit(c.escalated === true),
      liveOffered: live.offered,
      liveAnsweredWithin: live.answeredWithin,
      liveAbandoned: live.abandoned,
      asyncDue: async.due,
      asyncMet: async.met,
      frtCount: bit(frtSeconds !== null),
      frtSecondsSum: frtSeconds ?? 0,
    },
    completion: {
      solved: bit(solved),
      handleCount: bit(handle !== null),
      handleSecondsSum: handle ?? 0,
      fcrResolved: bit(solved && resolvedAtFirstContact(c, context.repeatContact)),
      reopened: bit(solved && (c.reopenCount ?? 0) > 0),
      resolutionCount: bit(solved),
      resolutionSecondsSum: resolutionSeconds ?? 0,
    },
    survey: {
      csatResponses: bit(responded),
      csatSatisfied: bit(responded && isSatisfied(c.csatScore!, c.csatScale!, terms.satisfiedScore)),
    },
    frtSeconds,
    resolutionSeconds,
  };
}
