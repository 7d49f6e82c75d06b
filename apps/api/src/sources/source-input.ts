/**
 * Checks of a source's input the schema cannot express: settings and secrets against the kind's own schema,
 * the preset and zones it is read with. Each throws Problem 400 naming what is wrong.
 */
import type { Db } from '@scorecard/db/database';
import { findPreset } from '@scorecard/db/imports/presets';
import { sourceKinds, type SourceKind } from '@scorecard/domain/sources/kinds';
import { isTimeZone } from '@scorecard/domain/time-zones';
import Value from 'typebox/value';
import { Problem } from '../http/problems.ts';

export function checkPart(kind: SourceKind, part: 'settings' | 'secrets', value: unknown): Record<string, unknown> {
  const schema = sourceKinds[kind][part];
  const withDefaults = Value.Default(schema, structuredClone(value));
  if (!Value.Check(schema, withDefaults)) {
    const errors = [...Value.Errors(schema, withDefaults)].map((e) => ({
      location: `${part}${e.instancePath || ''}`,
      message: e.message,
    }));
    throw new Problem(
      'bad-request',
      `The ${kind} ${part} are invalid: ${errors.map((e) => `${e.location} ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  return withDefaults;
}

/** A Zendesk source is always read by the Zendesk preset in UTC: its pages are written that way. */
export async function checkReading(
  db: Db,
  kind: SourceKind,
  presetKey: string | undefined,
  timeZone: string | undefined,
) {
  if (kind === 'zendesk') return { presetKey: 'zendesk', timeZone: 'UTC' };
  if (!presetKey) throw new Problem('bad-request', 'A file source needs a presetKey to read its files with.');
  if (!(await findPreset(db, presetKey))) throw new Problem('bad-request', `No preset "${presetKey}".`);
  return { presetKey, timeZone: checkZone(timeZone ?? 'UTC') };
}

export function checkZone(zone: string): string {
  if (!isTimeZone(zone)) throw new Problem('bad-request', `"${zone}" is not an IANA time zone.`);
  return zone;
}
