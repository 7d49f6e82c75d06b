/** Opens a source's sealed secrets with the configured key and checks them against its kind's schema. */
import type { Config } from '@scorecard/config';
import type { SourceRow } from '@scorecard/db/sources/sources';
import { openSecret } from '@scorecard/domain/sources/secret-box';
import type { TSchema, Static } from 'typebox';
import Value from 'typebox/value';
import { SourceConfigurationError } from './import-pulled.ts';

export function readSecrets<S extends TSchema>(config: Config, source: SourceRow, schema: S): Static<S> {
  if (!source.secret_ciphertext) throw new SourceConfigurationError('The source has no stored credentials.');
  const key = config.sources.secretKey;
  if (!key) throw new SourceConfigurationError('SOURCE_SECRET_KEY is not configured; the credentials cannot be read.');
  const value: unknown = JSON.parse(openSecret(key, source.id, source.secret_ciphertext));
  if (!Value.Check(schema, value)) throw new SourceConfigurationError('The stored credentials do not fit the source.');
  return value;
}

export function readSettings<S extends TSchema>(source: SourceRow, schema: S): Static<S> {
  const value = Value.Default(schema, structuredClone(source.settings));
  if (!Value.Check(schema, value)) throw new SourceConfigurationError('The stored settings do not fit the source.');
  return value;
}
