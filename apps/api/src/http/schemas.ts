/**
 * Request schema pieces shared by every route, so that a week, a day or a page offset is held to the same
 * supported range everywhere (a value outside it is a 400 problem document, never a database error).
 */
import { FIRST_YEAR, LAST_YEAR, YEAR_PATTERN } from '@scorecard/domain/weeks';
import Type, { type TNumberOptions, type TStringOptions } from 'typebox';

/** The most rows a paged list may skip: far beyond any real page, so a larger offset is a 400, not a long scan. */
const MAX_OFFSET = 10_000_000;

export const WEEK_LABEL_PATTERN = `^${YEAR_PATTERN}-W(?:0[1-9]|[1-4]\\d|5[0-3])$`;
export const DAY_PATTERN = `^${YEAR_PATTERN}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])$`;

/** An ISO week label ('2026-W47') in the supported years (FIRST_YEAR … LAST_YEAR in @scorecard/domain/weeks). */
export const WeekLabel = (options: TStringOptions = {}) =>
  Type.String({
    pattern: WEEK_LABEL_PATTERN,
    description: "ISO week label, e.g. '2026-W47'",
    ...options,
  });

/** A row id: a positive integer JavaScript holds exactly. */
export const Id = (options: TNumberOptions = {}) => Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, ...options });

/** A calendar day ('2026-11-16') in the supported years. */
export const Day = (options: TStringOptions = {}) =>
  Type.String({
    format: 'date',
    pattern: DAY_PATTERN,
    ...options,
  });

const PATTERN_MEANINGS = new Map([
  [WEEK_LABEL_PATTERN, `must be an ISO week label such as 2026-W47, in the years ${FIRST_YEAR}–${LAST_YEAR}`],
  [DAY_PATTERN, `must be a day such as 2026-11-16, in the years ${FIRST_YEAR}–${LAST_YEAR}`],
]);

/** What a shared pattern asks for, in words, for validation messages (a regular expression tells a lead little). */
export function patternMeaning(pattern: unknown): string | undefined {
  return typeof pattern === 'string' ? PATTERN_MEANINGS.get(pattern) : undefined;
}

/** How many rows one page of a list may hold, and holds when the request does not say. */
export interface PageLimits {
  readonly maxLimit: number;
  readonly defaultLimit: number;
}

/**
 * The `limit` and `offset` of a paged list's querystring, to spread into it. Both optional in the OpenAPI
 * document; validation fills in their defaults, which the handler's types do not know: `pageOf` reads them.
 */
export function PageQuery({ maxLimit, defaultLimit }: PageLimits) {
  return {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit, default: defaultLimit })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 })),
  };
}

/** A validated `PageQuery`'s limit and offset, with the defaults validation filled in. */
export function pageOf(query: { limit?: number; offset?: number }, { defaultLimit }: PageLimits) {
  return { limit: query.limit ?? defaultLimit, offset: query.offset ?? 0 };
}

/**
 * A string that is one of `values`: validated, listed as an enum in the OpenAPI document (so the web's
 * generated types carry the union), and typed as that union here. Unsafe because a union built from a mapped
 * array infers as never in TypeBox 1.
 */
export function LiteralUnion<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string } = {},
) {
  return Type.Unsafe<Values[number]>(
    Type.Union(
      values.map((value) => Type.Literal(value)),
      options,
    ),
  );
}

/** An import's status (migrations/0001_core.sql): the imports feature and the sources that create imports. */
export const ImportStatus = LiteralUnion(['queued', 'running', 'succeeded', 'failed', 'duplicate']);
