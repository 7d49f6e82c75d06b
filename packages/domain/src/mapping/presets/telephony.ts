/**
 * Telephony / ACD call log: one row per offered call, durations in seconds. `Site` (the BPO's contact
 * centre) is the vendor attribution key. docs/definitions.md: an answered call is solved at the end of the call
 * (start + wait + talk + hold); an abandoned call is never solved.
 */
import { column, optionalColumn, type Preset } from './preset.ts';

export const telephony: Preset = {
  key: 'telephony',
  name: 'Telephony / ACD call log',
  version: 1,
  source: 'telephony',
  description:
    'Call log (Call ID, Queue, Agent, Site, Start Time, Wait/Talk/Hold/Wrap Time in seconds, Disposition, Caller Number).',
  document: {
    source: 'telephony',
    file: { dateFormat: 'iso' },
    vendor: { kind: 'column', column: 'Site' },
    fields: {
      externalId: column('Call ID'),
      createdAt: column('Start Time'),
      channel: { kind: 'constant', value: 'voice' },
      queue: column('Queue'),
      site: column('Site'),
      agentId: optionalColumn('Agent'),
      customerId: optionalColumn('Caller Number'),
      status: column('Disposition'),
      answered: column('Disposition', {
        map: { handled: 'true', answered: 'true', completed: 'true', abandoned: 'false', 'short abandon': 'false' },
      }),
      waitSeconds: column('Wait Time', { unit: 's' }),
      handleSeconds: {
        kind: 'sum',
        parts: [
          column('Talk Time', { unit: 's' }),
          optionalColumn('Hold Time', { unit: 's' }),
          optionalColumn('Wrap Time', { unit: 's' }),
        ],
      },
      firstResponseAt: { kind: 'offset', base: 'createdAt', add: [column('Wait Time', { unit: 's' })] },
      solvedAt: {
        kind: 'offset',
        base: 'createdAt',
        add: [
          column('Wait Time', { unit: 's' }),
          column('Talk Time', { unit: 's' }),
          optionalColumn('Hold Time', { unit: 's' }),
        ],
      },
    },
  },
};
