/**
 * Salesforce Case report export (CSV). `Case Owner` (a user or a queue) is the vendor attribution key.
 * Report exports write dates in the exporting user's locale: this preset reads the US form
 * (`9/14/2023 10:32 AM`); save a copy with `dmy` for day-first locales.
 */
import { column, optionalColumn, type Preset } from './preset.ts';

const ORIGIN_CHANNELS: Record<string, string> = {
  phone: 'voice',
  voice: 'voice',
  email: 'email',
  'email-to-case': 'email',
  web: 'web',
  'web-to-case': 'web',
  chat: 'chat',
  'live chat': 'chat',
  messaging: 'chat',
  social: 'social',
  twitter: 'social',
  facebook: 'social',
};

export const salesforce: Preset = {
  key: 'salesforce',
  name: 'Salesforce Case report',
  version: 1,
  source: 'salesforce',
  description:
    'Salesforce Case report export (Case Number, Date/Time Opened, Date/Time Closed, Case Origin, Case Owner, …).',
  document: {
    source: 'salesforce',
    file: { dateFormat: 'mdy' },
    vendor: { kind: 'column', column: 'Case Owner' },
    fields: {
      externalId: column('Case Number'),
      createdAt: column('Date/Time Opened'),
      channel: column('Case Origin', { map: ORIGIN_CHANNELS }),
      solvedAt: optionalColumn('Date/Time Closed'),
      status: optionalColumn('Status'),
      escalated: optionalColumn('Escalated'),
      customerId: optionalColumn('Contact ID'),
      updatedAt: optionalColumn('Last Modified Date'),
    },
    reported: {
      priority: { column: 'Priority', optional: true, type: 'text' },
      accountName: { column: 'Account Name', optional: true, type: 'text' },
    },
  },
};
