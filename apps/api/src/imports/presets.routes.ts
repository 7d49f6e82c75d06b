/**
 * Column-mapping presets: the built-in formats (read-only, from packages/domain) and user presets
 * (named, versioned, in `mapping_presets`). Saving a preset again adds a version; imports keep a snapshot
 * of the document and the key + version they used.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deleteUserPreset, saveUserPreset } from '@scorecard/db/imports/presets';
import { validateMappingDocument, type MappingDocument } from '@scorecard/domain/mapping/document';
import { builtinPresets } from '@scorecard/domain/mapping/presets';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { allPresets, findPreset, type PresetEntry } from './mapping-resolution.ts';

const tags = ['presets'];
const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 404: Problems, 409: Problems };
const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'lower-case letters, digits and dashes' });
const KeyParams = Type.Object({ key: Key });
const Name = Type.String({ minLength: 1, maxLength: 200 });

const PresetView = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  builtin: Type.Boolean(),
  source: Type.String(),
  document: Type.Record(Type.String(), Type.Unknown()),
});
/** The export file format; `POST /api/presets/import` takes the same shape. */
const PresetFile = Type.Object({
  format: Type.Literal('scorecard-preset'),
  key: Key,
  name: Name,
  document: Type.Unknown(),
});

function view(preset: PresetEntry) {
  return {
    key: preset.key,
    version: preset.version,
    name: preset.name,
    builtin: preset.builtin,
    source: preset.document.source,
    document: preset.document,
  };
}

function checkDocument(value: unknown): MappingDocument {
  const result = validateMappingDocument(value);
  if (!result.ok) {
    throw new Problem('bad-request', `The mapping document is invalid: ${result.errors.join('; ')}`, {
      errors: result.errors.map((message) => ({ location: 'body/document', message })),
    });
  }
  return result.document;
}

function refuseBuiltin(key: string) {
  if (builtinPresets.some((p) => p.key === key)) {
    throw new Problem(
      'conflict',
      `"${key}" is a built-in preset and cannot be changed; save your version under another key.`,
    );
  }
}

const presetsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/presets',
    {
      config: { access: 'ops' },
      schema: { operationId: 'listPresets', tags, response: { 200: Type.Object({ items: Type.Array(PresetView) }) } },
    },
    async () => ({ items: (await allPresets(app.db)).map(view) }),
  );

  app.post(
    '/api/presets',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createPreset',
        tags,
        body: Type.Object({ key: Key, name: Name, document: Type.Unknown() }, { additionalProperties: false }),
        response: { 201: PresetView, ...problems },
      },
    },
    async (request, reply) => {
      refuseBuiltin(request.body.key);
      const document = checkDocument(request.body.document);
      const saved = await saveUserPreset(app.db, { key: request.body.key, name: request.body.name, document }, true);
      if (!saved)
        throw new Problem(
          'conflict',
          `A preset "${request.body.key}" exists; PUT /api/presets/${request.body.key} adds a version.`,
        );
      return reply.code(201).send(view({ ...saved, builtin: false, document }));
    },
  );

  app.put(
    '/api/presets/:key',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updatePreset',
        tags,
        summary: 'Save a new version of a user preset',
        params: KeyParams,
        body: Type.Object({ name: Name, document: Type.Unknown() }, { additionalProperties: false }),
        response: { 200: PresetView, ...problems },
      },
    },
    async (request) => {
      refuseBuiltin(request.params.key);
      const document = checkDocument(request.body.document);
      const saved = await saveUserPreset(app.db, { key: request.params.key, name: request.body.name, document }, false);
      if (!saved) throw new Problem('not-found', `No preset "${request.params.key}".`);
      return view({ ...saved, builtin: false, document });
    },
  );

  app.delete(
    '/api/presets/:key',
    {
      config: { access: 'ops' },
      schema: { operationId: 'deletePreset', tags, params: KeyParams, response: { 204: Type.Null(), ...problems } },
    },
    async (request, reply) => {
      refuseBuiltin(request.params.key);
      if (!(await deleteUserPreset(app.db, request.params.key)))
        throw new Problem('not-found', `No preset "${request.params.key}".`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/presets/:key/export',
    {
      config: { access: 'ops' },
      schema: { operationId: 'exportPreset', tags, params: KeyParams, response: { 200: PresetFile, ...problems } },
    },
    async (request, reply) => {
      const preset = await findPreset(app.db, request.params.key);
      if (!preset) throw new Problem('not-found', `No preset "${request.params.key}".`);
      reply.header('content-disposition', `attachment; filename="${preset.key}.preset.json"`);
      return { format: 'scorecard-preset' as const, key: preset.key, name: preset.name, document: preset.document };
    },
  );

  app.post(
    '/api/presets/import',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'importPreset',
        tags,
        summary: 'Import an exported preset: creates it, or adds a version when the key exists',
        body: PresetFile,
        response: { 200: PresetView, 201: PresetView, ...problems },
      },
    },
    async (request, reply) => {
      const { key, name } = request.body;
      refuseBuiltin(key);
      const document = checkDocument(request.body.document);
      const created = await saveUserPreset(app.db, { key, name, document }, true);
      if (created) return reply.code(201).send(view({ ...created, builtin: false, document }));
      const updated = await saveUserPreset(app.db, { key, name, document }, false);
      if (!updated) throw new Problem('conflict', `The preset "${key}" changed while importing; try again.`);
      return reply.code(200).send(view({ ...updated, builtin: false, document }));
    },
  );
};

export default presetsRoutes;
