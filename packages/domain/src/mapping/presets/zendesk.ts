/**
 * Zendesk ticket export (the legacy CSV export / Explore ticket columns). `Group` is the BPO: it is the
 * vendor attribution key and the queue. Timestamps carry no offset: pass the account's zone at import.
 */
import { column, optionalColumn, type Preset } from './preset.ts';

/** Zendesk "Via" values → channel (keys match case-insensitively). Decisions: docs/imports.md. */
const VIA_CHANNELS: Record<string, string> = {
  mail: 'email',
  email: 'email',
  // Follow-up tickets created when a customer replies to a closed ticket: that reply is an email.
  'closed ticket': 'email',
  // Agent-initiated outbound email (Zendesk "Outbound email"); voice calls come as "Voice"/"Phone call".
  outbound: 'email',
  'outbound email': 'email',
  'side conversation': 'email',
  // Tickets an agent opens inside Zendesk's own interface: a web form, whoever fills it.
  'internal communication': 'web',
  web: 'web',
  'web form': 'web',
  'web widget': 'web',
  'web service (api)': 'web',
  api: 'web',
  'mobile sdk': 'web',
  'help center': 'web',
  'any channel': 'web',
  'ticket sharing': 'web',
  chat: 'chat',
  'chat transcript': 'chat',
  messaging: 'chat',
  'native messaging': 'chat',
  voice: 'voice',
  phone: 'voice',
  'phone call (inbound)': 'voice',
  'phone call (outbound)': 'voice',
  voicemail: 'voice',
  sms: 'social',
  whatsapp: 'social',
  twitter: 'social',
  'twitter dm': 'social',
  facebook: 'social',
  'facebook post': 'social',
  'facebook private message': 'social',
  instagram: 'social',
};

export const zendesk: Preset = {
  key: 'zendesk',
  name: 'Zendesk ticket export',
  version: 1,
  source: 'zendesk',
  description: 'Zendesk CSV ticket export (Id, Group, Via, Created at, Solved at, Satisfaction Score, Reopens, …).',
  document: {
    source: 'zendesk',
    // Zendesk writes the Excel zero date where a timestamp is empty (unsolved tickets' Solved at).
    file: { dateFormat: 'iso', nulls: ['1900-01-01 00:00:00'] },
    vendor: { kind: 'column', column: 'Group' },
    fields: {
      externalId: column('Id'),
      createdAt: column('Created at'),
      channel: column('Via', { map: VIA_CHANNELS }),
      queue: column('Group'),
      customerId: optionalColumn('Requester id'),
      agentId: optionalColumn('Assignee'),
      status: optionalColumn('Status'),
      solvedAt: optionalColumn('Solved at'),
      updatedAt: optionalColumn('Updated at'),
      reopenCount: optionalColumn('Reopens'),
      // Offered/Unoffered = survey sent or not, no answer: not a response. Good/Bad → 2/1, digits → 1–5.
      csatScore: optionalColumn('Satisfaction Score', {
        map: { offered: null, unoffered: null, 'not offered': null },
        scale: 'auto',
      }),
      // Calendar first reply only: the business-hours figure is not elapsed time and goes to `reported`.
      firstResponseAt: {
        kind: 'offset',
        base: 'createdAt',
        add: [optionalColumn('First reply time in minutes', { unit: 'min' })],
      },
    },
    reported: {
      firstReplyMinutes: { column: 'First reply time in minutes', optional: true, type: 'number' },
      firstReplyBusinessMinutes: {
        column: 'First reply time in minutes within business hours',
        optional: true,
        type: 'number',
      },
      firstResolutionMinutes: { column: 'First resolution time in minutes', optional: true, type: 'number' },
      fullResolutionMinutes: { column: 'Full resolution time in minutes', optional: true, type: 'number' },
      fullResolutionBusinessMinutes: {
        column: 'Full resolution time in minutes within business hours',
        optional: true,
        type: 'number',
      },
      requesterWaitMinutes: { column: 'Requester wait time in minutes', optional: true, type: 'number' },
      resolutionHours: { column: 'Resolution time', optional: true, type: 'number' },
      replies: { column: 'Replies', optional: true, type: 'number' },
      priority: { column: 'Priority', optional: true, type: 'text' },
      brand: { column: 'Brand', optional: true, type: 'text' },
    },
  },
};
