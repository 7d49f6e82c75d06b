/**
 * Test support for the security suites: turns the app's route table (every registered method + url,
 * collected by the auth plugin's onRoute hook) into concrete requests, filling path parameters, query
 * strings and JSON bodies from each route's own schema.
 */
import type { FastifySchema } from 'fastify';
import type { RouteEntry } from '../plugins/auth.ts';

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes worth calling: the API and health, not the docs UI, static files, HEAD twins or CORS preflights. */
export function walkableRoutes(table: readonly RouteEntry[]): RouteEntry[] {
  return table.filter(
    (r) =>
      r.method !== 'HEAD' &&
      r.method !== 'OPTIONS' &&
      !r.url.startsWith('/api/docs') &&
      (r.url.startsWith('/api/') || r.url.startsWith('/health')) &&
      !r.url.includes('*'),
  );
}

export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

/** Every combination of candidate values for the route's path parameters (bounded by `limit`). */
export function pathsFor(url: string, candidatesFor: (param: string) => string[], limit = 200): string[] {
  let combos: Record<string, string>[] = [{}];
  for (const param of pathParams(url)) {
    combos = combos.flatMap((combo) => candidatesFor(param).map((value) => ({ ...combo, [param]: value })));
  }
  return combos.slice(0, limit).map((combo) => fillPath(url, combo));
}

export function isWeekParam(name: string): boolean {
  return /week/i.test(name);
}

type JsonSchema = {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  maximum?: number;
  required?: string[];
};

/** The property names and schemas of a route's querystring/body/params object schema. */
export function schemaProperties(
  schema: FastifySchema | undefined,
  part: 'querystring' | 'body' | 'params',
): Record<string, JsonSchema> {
  const object = (schema as Record<string, JsonSchema | undefined> | undefined)?.[part];
  return object?.properties ?? {};
}

function firstType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string' && schema.type !== 'null') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') as string | undefined;
  for (const option of schema.anyOf ?? []) {
    const type = firstType(option);
    if (type) return type;
  }
  return undefined;
}

function firstLiteral(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  for (const option of schema.anyOf ?? []) {
    const literal = firstLiteral(option);
    if (literal !== undefined) return literal;
  }
  return undefined;
}

export interface Fill {
  vendorId: number;
  id: number;
  week: string;
  monday: string;
}

/** A plausible value for a property, aimed at `fill`'s vendor: its vendorId, its week, one of its ids. */
export function plausibleValue(name: string, schema: JsonSchema, fill: Fill): unknown {
  if (/vendorId/i.test(name)) return fill.vendorId;
  if (isWeekParam(name)) return schema.format === 'date' ? fill.monday : fill.week;
  const literal = firstLiteral(schema);
  if (literal !== undefined) return literal;
  switch (firstType(schema)) {
    case 'integer':
    case 'number':
      return /limit/i.test(name) ? (schema.maximum ?? 1000) : /offset/i.test(name) ? 0 : fill.id;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return schema.format === 'date' ? fill.monday : schema.format === 'date-time' ? `${fill.monday}T00:00:00Z` : 'x';
  }
}

/** `only`: the properties to set (default all); `overrides` replaces the plausible value of some. */
export function plausibleQuery(
  route: RouteEntry,
  fill: Fill,
  overrides: Record<string, unknown> = {},
  only?: ReadonlySet<string>,
): string {
  const params = new URLSearchParams();
  for (const [name, schema] of Object.entries(schemaProperties(route.schema, 'querystring'))) {
    if (only && !only.has(name) && !(name in overrides)) continue;
    const value = name in overrides ? overrides[name] : plausibleValue(name, schema, fill);
    params.set(name, String(Array.isArray(value) ? value.join(',') : value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function literals(schema: JsonSchema): unknown[] {
  if (schema.const !== undefined) return [schema.const];
  if (schema.enum?.length) return schema.enum;
  return (schema.anyOf ?? []).flatMap(literals);
}

/**
 * For each fill: the plausible query with every parameter set; and, with only the required parameters and
 * `vendorId` set (optional filters such as `queue=x` would leave nothing to see), each value of every
 * enumerated parameter, one varied at a time: a drill-down by every metric, a breakdown by every dimension,
 * so that evidence only one variant shows (FCR's repeat contact) is fetched too.
 */
export function plausibleQueries(route: RouteEntry, fills: readonly Fill[]): string[] {
  const queries = new Set<string>();
  const object = (route.schema as Record<string, JsonSchema | undefined> | undefined)?.querystring;
  const essential = new Set([...(object?.required ?? []), 'vendorId']);
  const properties = Object.entries(schemaProperties(route.schema, 'querystring'));
  for (const fill of fills) {
    queries.add(plausibleQuery(route, fill));
    queries.add(plausibleQuery(route, fill, {}, essential));
    for (const [name, schema] of properties) {
      for (const value of literals(schema)) queries.add(plausibleQuery(route, fill, { [name]: value }, essential));
    }
  }
  return [...queries];
}

export function plausibleBody(route: RouteEntry, fill: Fill): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schemaProperties(route.schema, 'body')).map(([name, schema]) => [
      name,
      plausibleValue(name, schema, fill),
    ]),
  );
}
