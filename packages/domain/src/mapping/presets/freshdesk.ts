/**
 * Freshdesk ticket export. `Group` is the vendor attribution key and the queue; solved is the resolved
 * time, else the closed time. Timestamps carry no offset: pass the helpdesk's zone at import.
 */
import { column, optionalColumn, type Preset } from './preset.ts';

const SOURCE_CHANNELS: Record<string, string> = {
  email: 'email',
  'outbound email': 'email',
  portal: 'web',
  'feedback widget': 'web',
  'feedback form': 'web',
  mobihelp: 'web',
  ecommerce: 'web',
  phone: 'voice',
  chat: 'chat',
  bot: 'chat',
  forum: 'social',
  twitter: 'social',
  facebook: 'social',
  whatsapp: 'social',
};

/** Freshdesk survey answers on the 1–5 scale (classic 3-point survey: Awesome 5, Just Okay 3, Not Good 1). */
const SURVEY_SCORES: Record<string, string> = {
  'extremely happy': '5',
  'very happy': '5',
  awesome: '5',
  happy: '4',
  neutral: '3',
  'just okay': '3',
  unhappy: '2',
  'very unhappy': '1',
  'extremely unhappy': '1',
  'not good': '1',
};

export const freshdesk: Preset = {
  key: 'freshdesk',
  name: 'Freshdesk ticket export',
  version: 1,
  source: 'freshdesk',
  description:
    'Freshdesk ticket export (Ticket ID, Source, Group, Agent, Created time, Resolved time, Survey results, …).',
  document: {
    source: 'freshdesk',
    file: { dateFormat: 'iso' },
    vendor: { kind: 'column', column: 'Group' },
    fields: {
      externalId: column('Ticket ID'),
      createdAt: column('Created time'),
      channel: column('Source', { map: SOURCE_CHANNELS }),
      queue: column('Group'),
      agentId: optionalColumn('Agent'),
      customerId: optionalColumn('Contact ID'),
      status: optionalColumn('Status'),
      firstResponseAt: optionalColumn('Initial response time'),
      solvedAt: { kind: 'first', of: [optionalColumn('Resolved time'), optionalColumn('Closed time')] },
      updatedAt: optionalColumn('Last update time'),
      csatScore: optionalColumn('Survey results', { map: SURVEY_SCORES, scale: 5 }),
    },
    reported: {
      firstResponseHours: { column: 'First response time (in hrs)', optional: true, type: 'number' },
      resolutionHours: { column: 'Resolution time (in hrs)', optional: true, type: 'number' },
      priority: { column: 'Priority', optional: true, type: 'text' },
      type: { column: 'Type', optional: true, type: 'text' },
    },
  },
};
