import { describe, expect, test } from 'vitest';
import { at, normaliseFile } from '../csv.testing.ts';
import { builtinPresets } from './index.ts';
import { freshdesk } from './freshdesk.ts';
import { generic } from './generic.ts';
import { salesforce } from './salesforce.ts';
import { telephony } from './telephony.ts';
import { zendesk } from './zendesk.ts';

/** `expect.stringContaining` typed as the string it stands for. */
const containing = (text: string) => expect.stringContaining(text) as string;
const fixture = (name: string) => new URL(`./fixtures/${name}.csv`, import.meta.url);
const base = {
  site: null,
  queue: null,
  tier: null,
  customerId: null,
  agentId: null,
  firstResponseAt: null,
  solvedAt: null,
  status: null,
  reopenCount: null,
  handleSeconds: null,
  waitSeconds: null,
  answered: null,
  abandoned: null,
  csatScore: null,
  csatScale: null,
  csatAt: null,
  escalated: null,
  firstContactResolved: null,
  updatedAt: null,
  reported: null,
};

describe('built-in presets on their fixtures', () => {
  test('every preset compiles against its own fixture with no missing column', () => {
    for (const preset of builtinPresets) {
      const { compiled } = normaliseFile(preset.document, fixture(preset.key));
      expect(compiled.missingColumns, preset.key).toEqual([]);
      expect(preset.document.source).toBe(preset.source);
    }
  });

  test('zendesk (source zone Asia/Kolkata)', () => {
    const { results } = normaliseFile(zendesk.document, fixture('zendesk'), 'Asia/Kolkata');
    expect(results[0]).toEqual({
      ok: true,
      warnings: [],
      value: {
        ...base,
        source: 'zendesk',
        externalId: '101',
        vendorField: 'Group',
        vendorValue: 'Acme Support',
        queue: 'Acme Support',
        channel: 'email',
        customerId: '9001',
        agentId: 'Asha',
        status: 'Solved',
        createdAt: at('2023-04-03T03:30:00Z'),
        firstResponseAt: at('2023-04-03T04:00:00Z'),
        solvedAt: at('2023-04-04T04:30:00Z'),
        updatedAt: at('2023-04-04T04:30:00Z'),
        reopenCount: 0,
        csatScore: 5,
        csatScale: 5,
        reported: {
          firstReplyMinutes: 30,
          firstReplyBusinessMinutes: 30,
          fullResolutionMinutes: 1500,
          replies: 2,
          priority: 'Low',
          brand: 'Plum',
        },
      },
    });
    expect(results[1]).toMatchObject({
      ok: true,
      warnings: [],
      value: {
        channel: 'web',
        solvedAt: null,
        csatScore: null,
        csatScale: null,
        reopenCount: null,
        firstResponseAt: null,
      },
    });
    expect(results[2]).toMatchObject({
      ok: true,
      warnings: [],
      value: {
        channel: 'email',
        createdAt: at('2023-04-05T18:00:00Z'),
        firstResponseAt: at('2023-04-05T18:45:00Z'),
        solvedAt: at('2023-04-05T19:00:00Z'),
        csatScore: 1,
        csatScale: 2,
        agentId: null,
        reopenCount: 1,
      },
    });
    expect(results[3]).toEqual({
      ok: false,
      reject: { line: 5, column: 'Via', reason: containing("unknown channel 'Fax'") },
    });
    // An optional timestamp before creation empties that field only: the case still counts on arrival.
    expect(results[4]).toMatchObject({
      ok: true,
      value: { solvedAt: null },
      warnings: [
        {
          line: 6,
          column: 'Solved at',
          reason: 'solved (2023-04-04 09:00) is before creation (2023-04-05 08:00); the value was left empty',
        },
      ],
    });
  });

  test('freshdesk', () => {
    const { results } = normaliseFile(freshdesk.document, fixture('freshdesk'));
    expect(results[0]).toEqual({
      ok: true,
      warnings: [],
      value: {
        ...base,
        source: 'freshdesk',
        externalId: '5001',
        vendorField: 'Group',
        vendorValue: 'Acme Support',
        queue: 'Acme Support',
        channel: 'email',
        agentId: 'Mia',
        customerId: 'C-77',
        status: 'Closed',
        createdAt: at('2023-08-01T09:00:00Z'),
        firstResponseAt: at('2023-08-01T09:30:00Z'),
        solvedAt: at('2023-08-01T15:00:00Z'),
        updatedAt: at('2023-08-01T15:00:00Z'),
        csatScore: 5,
        csatScale: 5,
        reported: { firstResponseHours: 0.5, resolutionHours: 6, priority: 'Low', type: 'Question' },
      },
    });
    expect(results[1]).toMatchObject({
      ok: true,
      warnings: [],
      value: { channel: 'web', solvedAt: at('2023-08-01T12:00:00Z'), csatScore: 1 },
    });
    expect(results[2]).toMatchObject({
      ok: true,
      warnings: [],
      value: { channel: 'voice', solvedAt: null, firstResponseAt: null, csatScore: null, agentId: null },
    });
    expect(results[3]).toMatchObject({
      ok: true,
      value: { firstResponseAt: null },
      warnings: [
        {
          line: 5,
          column: 'Initial response time',
          reason: 'first response (2023-08-01 09:00) is before creation (2023-08-02 09:00); the value was left empty',
        },
      ],
    });
  });

  test('salesforce (US dates with AM/PM)', () => {
    const { results } = normaliseFile(salesforce.document, fixture('salesforce'));
    expect(results[0]).toEqual({
      ok: true,
      warnings: [],
      value: {
        ...base,
        source: 'salesforce',
        externalId: '00001001',
        vendorField: 'Case Owner',
        vendorValue: 'Acme Queue',
        channel: 'voice',
        createdAt: at('2023-09-14T10:32:00Z'),
        solvedAt: at('2023-09-14T14:05:00Z'),
        status: 'Closed',
        escalated: false,
        customerId: '003A1',
        reported: { priority: 'High', accountName: 'Globex' },
      },
    });
    expect(results[1]).toMatchObject({
      ok: true,
      warnings: [],
      value: { createdAt: at('2023-09-14T23:00:00Z'), channel: 'email', escalated: true, solvedAt: null },
    });
    expect(results[2]).toMatchObject({
      ok: true,
      warnings: [],
      value: {
        createdAt: at('2023-12-01T00:15:00Z'),
        solvedAt: at('2023-12-01T12:45:00Z'),
        channel: 'web',
        customerId: null,
      },
    });
    expect(results[3]).toEqual({
      ok: false,
      reject: {
        line: 5,
        column: 'Date/Time Opened',
        reason: "created at: unparseable date '13/1/2023 9:00 AM' (expected MM/DD/YYYY[ HH:MM[:SS]])",
      },
    });
  });

  test('telephony: answered calls end at start + wait + talk + hold; abandoned calls are never solved', () => {
    const { results } = normaliseFile(telephony.document, fixture('telephony'));
    expect(results[0]).toEqual({
      ok: true,
      warnings: [],
      value: {
        ...base,
        source: 'telephony',
        externalId: 'C-1',
        vendorField: 'Site',
        vendorValue: 'Manila 1',
        site: 'Manila 1',
        queue: 'Buyer',
        channel: 'voice',
        agentId: 'a.kumar',
        customerId: '+4930111',
        status: 'Handled',
        createdAt: at('2026-03-02T09:00:00Z'),
        firstResponseAt: at('2026-03-02T09:00:12Z'),
        solvedAt: at('2026-03-02T09:05:42Z'),
        waitSeconds: 12,
        handleSeconds: 375,
        answered: true,
        abandoned: false,
      },
    });
    expect(results[1]).toMatchObject({
      ok: true,
      warnings: [],
      value: {
        answered: false,
        abandoned: true,
        waitSeconds: 40,
        handleSeconds: null,
        firstResponseAt: null,
        solvedAt: null,
      },
    });
    expect(results[2]).toMatchObject({
      ok: true,
      warnings: [],
      value: { createdAt: at('2026-03-02T08:02:00Z'), solvedAt: at('2026-03-02T08:04:20Z'), handleSeconds: 130 },
    });
    // A bad wait empties the wait and what is derived from it (first response, end of call), with warnings.
    expect(results[3]).toMatchObject({
      ok: true,
      value: { waitSeconds: null, firstResponseAt: null, solvedAt: null },
      warnings: [
        { line: 5, column: 'Wait Time', reason: containing("first response: negative duration '-5'") },
        { line: 5, column: 'Wait Time', reason: containing("solved at: negative duration '-5'") },
        { line: 5, column: 'Wait Time', reason: containing("wait time: negative duration '-5'") },
      ],
    });
    expect(results[4]).toMatchObject({
      ok: true,
      value: { answered: null, abandoned: null },
      warnings: [{ line: 6, column: 'Disposition', reason: containing("'Transferred' is not a yes/no value") }],
    });
  });

  test('generic', () => {
    const { results } = normaliseFile(generic.document, fixture('generic'));
    expect(results[0]).toEqual({
      ok: true,
      warnings: [],
      value: {
        source: 'generic',
        externalId: 'G-1',
        vendorField: 'vendor',
        vendorValue: 'Acme',
        site: 'Lisbon',
        queue: 'Buyer',
        channel: 'chat',
        tier: 1,
        customerId: 'cust-1',
        agentId: 'ag-1',
        createdAt: at('2026-11-16T08:00:00Z'),
        firstResponseAt: at('2026-11-16T08:00:45Z'),
        solvedAt: at('2026-11-16T08:10:00Z'),
        status: 'solved',
        reopenCount: 0,
        handleSeconds: 540,
        waitSeconds: 45,
        answered: true,
        abandoned: false,
        csatScore: 4,
        csatScale: 5,
        csatAt: at('2026-11-16T09:00:00Z'),
        escalated: false,
        firstContactResolved: true,
        updatedAt: at('2026-11-16T09:00:00Z'),
        reported: null,
      },
    });
    expect(results[1]).toMatchObject({
      ok: true,
      warnings: [],
      value: { channel: 'email', tier: 2, escalated: false, solvedAt: null, csatScore: null },
    });
    expect(results[2]).toMatchObject({
      ok: true,
      value: { tier: null },
      warnings: [{ line: 4, column: 'tier', reason: "tier: '3' is not 1 or 2; the value was left empty" }],
    });
    expect(results[3]).toEqual({
      ok: false,
      reject: { line: 5, column: 'channel', reason: containing("unknown channel 'fax'") },
    });
    expect(results[4]).toMatchObject({
      ok: true,
      value: { csatScore: null },
      warnings: [
        { line: 6, column: 'csat_score', reason: 'CSAT: score 7 is outside the 1–5 scale; the value was left empty' },
      ],
    });
  });
});
