import { describe, expect, test } from 'vitest';
import { ZENDESK_COLUMNS, zendeskPageCsv, zendeskPageRows, type ZendeskPage } from './zendesk-tickets.ts';

const page: ZendeskPage = {
  tickets: [
    {
      id: 101,
      created_at: '2026-11-16T09:00:00Z',
      updated_at: '2026-11-17T10:00:00+01:00',
      status: 'solved',
      priority: 'low',
      group_id: 7,
      requester_id: 9001,
      assignee_id: 55,
      via: { channel: 'email' },
      satisfaction_rating: { score: 'good' },
    },
    { id: 102, created_at: '2026-11-16T10:15:00Z', group_id: null, via: null, satisfaction_rating: null },
    { id: 103, created_at: '2026-11-16T11:00:00Z', group_id: 8, status: 'open' },
  ],
  metric_sets: [
    {
      ticket_id: 101,
      solved_at: '2026-11-17T09:00:00Z',
      reopens: 1,
      replies: 2,
      reply_time_in_minutes: { calendar: 30, business: 12 },
      full_resolution_time_in_minutes: { calendar: 1440, business: 480 },
      requester_wait_time_in_minutes: { calendar: 60 },
    },
  ],
  groups: [{ id: 7, name: 'Acme, Support' }],
  after_cursor: 'abc',
  end_of_stream: false,
};

const cell = (row: string[], column: (typeof ZENDESK_COLUMNS)[number]) => row[ZENDESK_COLUMNS.indexOf(column)];

describe('zendeskPageRows', () => {
  const [full, bare, unnamed] = zendeskPageRows(page) as [string[], string[], string[]];

  test.each([
    ['Id', '101'],
    ['Group', 'Acme, Support'],
    ['Via', 'email'],
    ['Created at', '2026-11-16 09:00:00'],
    // An offset is turned into UTC.
    ['Updated at', '2026-11-17 09:00:00'],
    ['Solved at', '2026-11-17 09:00:00'],
    ['Satisfaction Score', 'good'],
    ['Reopens', '1'],
    ['First reply time in minutes', '30'],
    ['First reply time in minutes within business hours', '12'],
    ['Full resolution time in minutes', '1440'],
    ['Requester wait time in minutes', '60'],
    ['Assignee', '55'],
  ] as const)('a ticket with its metric set: %s = %s', (column, expected) => {
    expect(cell(full, column)).toBe(expected);
  });

  test('a ticket without group, via, rating or metric set has empty cells', () => {
    expect(cell(bare, 'Group')).toBe('');
    expect(cell(bare, 'Via')).toBe('');
    expect(cell(bare, 'Solved at')).toBe('');
    expect(cell(bare, 'Satisfaction Score')).toBe('');
  });

  test('a group missing from the side-load keeps its id', () => {
    expect(cell(unnamed, 'Group')).toBe('8');
  });

  test('every row has one cell per column', () => {
    for (const row of zendeskPageRows(page)) expect(row).toHaveLength(ZENDESK_COLUMNS.length);
  });
});

describe('zendeskPageCsv', () => {
  test('a header row and one quoted line per ticket', () => {
    const lines = zendeskPageCsv(page).split('\r\n');
    expect(lines[0]).toBe(ZENDESK_COLUMNS.join(','));
    expect(lines[1]).toContain('"Acme, Support"');
    expect(lines).toHaveLength(page.tickets.length + 2);
  });
});
