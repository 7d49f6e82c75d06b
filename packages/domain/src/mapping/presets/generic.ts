/**
 * The documented generic CSV: one column per canonical field, named in snake_case, ISO-8601 timestamps
 * (with or without an offset), durations in seconds, canonical channel names. Only external_id,
 * created_at and channel are required.
 */
import { column, optionalColumn, type Preset } from './preset.ts';

export const generic: Preset = {
  key: 'generic',
  name: 'Generic CSV',
  version: 2,
  source: 'generic',
  description:
    'Canonical field names in snake_case (external_id, vendor, created_at, channel, …); see docs/imports.md.',
  document: {
    source: 'generic',
    file: { dateFormat: 'iso' },
    vendor: { kind: 'column', column: 'vendor', optional: true },
    fields: {
      externalId: column('external_id'),
      createdAt: column('created_at'),
      channel: column('channel'),
      site: optionalColumn('site'),
      queue: optionalColumn('queue'),
      tier: optionalColumn('tier'),
      customerId: optionalColumn('customer_id'),
      agentId: optionalColumn('agent_id'),
      firstResponseAt: optionalColumn('first_response_at'),
      solvedAt: optionalColumn('solved_at'),
      status: optionalColumn('status'),
      reopenCount: optionalColumn('reopen_count'),
      handleSeconds: optionalColumn('handle_seconds', { unit: 's' }),
      waitSeconds: optionalColumn('wait_seconds', { unit: 's' }),
      answered: optionalColumn('answered'),
      abandoned: optionalColumn('abandoned'),
      csatScore: optionalColumn('csat_score', { scale: 'auto' }),
      csatScale: optionalColumn('csat_scale'),
      csatAt: optionalColumn('csat_at'),
      escalated: optionalColumn('escalated'),
      firstContactResolved: optionalColumn('first_contact_resolved'),
      updatedAt: optionalColumn('updated_at'),
    },
  },
};
