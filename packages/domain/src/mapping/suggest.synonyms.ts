/** What suggest.ts knows about header phrasings and values: data, kept apart from the matching logic. */
import type { FieldName } from './document.ts';

export type Need = 'id' | 'text' | 'timestamp' | 'duration' | 'count' | 'flag' | 'csat' | 'tier';
export type Target = FieldName | 'vendor';

/** Per field: what its values must look like and header phrasings (token sets) that name it. */
export const SPECS: { field: Target; need: Need; synonyms: string[] }[] = [
  {
    field: 'externalId',
    need: 'id',
    synonyms: [
      'id',
      'ticket id',
      'case number',
      'call id',
      'unique id',
      'ticket number',
      'interaction id',
      'conversation id',
      'contact id',
    ],
  },
  {
    field: 'createdAt',
    need: 'timestamp',
    synonyms: [
      'created',
      'created at',
      'created time',
      'opened',
      'start time',
      'reported at',
      'issue reported at',
      'date',
      'call date',
    ],
  },
  {
    field: 'firstResponseAt',
    need: 'timestamp',
    synonyms: ['first response', 'first reply', 'responded', 'issue responded', 'initial response', 'answered at'],
  },
  {
    field: 'solvedAt',
    need: 'timestamp',
    synonyms: ['solved', 'solved at', 'resolved at', 'resolved time', 'closed', 'closed at', 'end time'],
  },
  { field: 'updatedAt', need: 'timestamp', synonyms: ['updated', 'updated at', 'last update', 'last modified'] },
  { field: 'csatAt', need: 'timestamp', synonyms: ['survey response date', 'survey date', 'rated at', 'csat date'] },
  {
    field: 'channel',
    need: 'text',
    synonyms: ['channel', 'via', 'source', 'origin', 'medium', 'channel name', 'ticket channel'],
  },
  { field: 'queue', need: 'text', synonyms: ['queue', 'topic', 'category', 'line of business', 'skill', 'department'] },
  { field: 'site', need: 'text', synonyms: ['site', 'location', 'centre', 'center'] },
  { field: 'agentId', need: 'text', synonyms: ['agent', 'agent name', 'assignee', 'owner', 'case owner', 'agent id'] },
  {
    field: 'customerId',
    need: 'text',
    synonyms: ['customer', 'customer id', 'requester', 'requester id', 'caller', 'customer email', 'caller number'],
  },
  { field: 'status', need: 'text', synonyms: ['status', 'ticket status', 'state'] },
  { field: 'tier', need: 'tier', synonyms: ['tier', 'level', 'support level'] },
  { field: 'reopenCount', need: 'count', synonyms: ['reopens', 'reopen count', 'reopened'] },
  {
    field: 'waitSeconds',
    need: 'duration',
    synonyms: ['speed of answer', 'wait', 'wait time', 'queue time', 'asa', 'ring time'],
  },
  {
    field: 'handleSeconds',
    need: 'duration',
    synonyms: ['handle time', 'handling time', 'aht', 'talk', 'talk duration', 'talk time', 'connected handling time'],
  },
  { field: 'answered', need: 'flag', synonyms: ['answered', 'handled'] },
  { field: 'abandoned', need: 'flag', synonyms: ['abandoned'] },
  { field: 'escalated', need: 'flag', synonyms: ['escalated', 'escalation'] },
  {
    field: 'firstContactResolved',
    need: 'flag',
    synonyms: ['resolved', 'fcr', 'first contact resolution', 'first call resolution'],
  },
  {
    field: 'csatScore',
    need: 'csat',
    synonyms: ['satisfaction', 'csat', 'rating', 'satisfaction rating', 'csat score', 'survey results'],
  },
  {
    field: 'vendor',
    need: 'text',
    synonyms: ['vendor', 'bpo', 'partner', 'group', 'team', 'manager', 'brand', 'agent'],
  },
];
export const REQUIRED: FieldName[] = ['externalId', 'createdAt', 'channel'];
export const CHANNEL_WORDS: Record<string, string> = {
  voice: 'voice',
  phone: 'voice',
  call: 'voice',
  inbound: 'voice',
  outbound: 'voice',
  outcall: 'voice',
  email: 'email',
  mail: 'email',
  'e-mail': 'email',
  chat: 'chat',
  'live chat': 'chat',
  messaging: 'chat',
  web: 'web',
  portal: 'web',
  'web form': 'web',
  form: 'web',
  social: 'social',
  'social media': 'social',
  twitter: 'social',
  facebook: 'social',
};
