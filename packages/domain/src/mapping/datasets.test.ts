/**
 * The real exports in ../shared/datasets through the mapping mechanism (skipped where they are absent). Every expected count is worked
 * out here from the file itself (independently of the mapping code) and checked against its SOURCE.md.
 */
import { describe, expect } from 'vitest';
import { datasetFile as dataset, datasetTest } from '../../../../test/datasets.ts';
import type { CanonicalCase, RowReject, RowWarning } from './canonical.ts';
import { compileMapping } from './compile.ts';
import type { MappingDocument } from './document.ts';
import { generic } from './presets/generic.ts';
import { zendesk } from './presets/zendesk.ts';
import { normaliseFile, readCsv } from './csv.testing.ts';

function split(results: ReturnType<typeof normaliseFile>['results']) {
  const cases: CanonicalCase[] = [];
  const rejects: RowReject[] = [];
  const warnings: RowWarning[] = [];
  for (const result of results) {
    if (result.ok) {
      cases.push(result.value);
      warnings.push(...result.warnings);
    } else if ('reject' in result) rejects.push(result.reject);
  }
  return { cases, rejects, warnings };
}

describe('real exports', () => {
  datasetTest('Plum Zendesk export through the built-in Zendesk preset (source zone Asia/Kolkata)', () => {
    const { headers, rows, compiled, results } = normaliseFile(
      zendesk.document,
      dataset('plum-zendesk/da_assignment.csv'),
      'Asia/Kolkata',
    );
    const column = (name: string) => headers.indexOf(name);
    const score = column('Satisfaction Score');
    const created = column('Created at');
    const solved = column('Solved at');
    const numericScores = rows.filter((row) => /^[1-5]$/.test(row[score]!)).length;
    const offered = rows.filter((row) => row[score] === 'Offered').length;
    const zeroDate = rows.filter((row) => row[solved] === '1900-01-01 00:00:00').length;
    // Same fixed-width format, so text order is time order: a solve before creation would be a reject.
    const solvedBeforeCreated = rows.filter(
      (row) => row[solved] !== '1900-01-01 00:00:00' && row[solved]! < row[created]!,
    ).length;
    expect([rows.length, numericScores, offered, zeroDate]).toEqual([16_476, 813, 4640, 2067]);

    expect(compiled.missingColumns).toEqual([]);
    const { cases, rejects } = split(results);
    expect(rejects).toHaveLength(solvedBeforeCreated);
    expect(cases).toHaveLength(16_476 - solvedBeforeCreated);
    expect(cases.filter((c) => c.csatScore !== null)).toHaveLength(813);
    expect(cases.every((c) => c.csatScore === null || c.csatScale === 5)).toBe(true);
    expect(cases.filter((c) => c.csatScore !== null && c.csatScore >= 4)).toHaveLength(720);
    expect(cases.filter((c) => c.solvedAt === null)).toHaveLength(zeroDate);
    // No calendar first-reply column: no first response, the business-hours figure is kept as reported.
    expect(cases.every((c) => c.firstResponseAt === null)).toBe(true);
    expect(cases[0]!.reported).toMatchObject({ firstReplyBusinessMinutes: 173 });
    expect(new Set(cases.map((c) => c.vendorValue))).toEqual(
      new Set(['Endorsements', 'Support', 'Reimbursement Claims', 'Onboardings']),
    );
    expect(cases.filter((c) => c.channel === 'email')).toHaveLength(13_081 + 1051 + 316);
    expect(cases.filter((c) => c.channel === 'web')).toHaveLength(2028);
  });

  datasetTest('PwC call-centre log through a document built as a user would', () => {
    const document: MappingDocument = {
      source: 'telephony',
      vendor: { kind: 'column', column: 'Agent' },
      fields: {
        externalId: { kind: 'column', column: 'Call Id' },
        createdAt: {
          kind: 'date-time',
          date: { kind: 'column', column: 'Date' },
          time: { kind: 'column', column: 'Time' },
        },
        channel: { kind: 'constant', value: 'voice' },
        queue: { kind: 'column', column: 'Topic' },
        agentId: { kind: 'column', column: 'Agent' },
        answered: { kind: 'column', column: 'Answered (Y/N)' },
        firstContactResolved: { kind: 'column', column: 'Resolved' },
        waitSeconds: { kind: 'column', column: 'Speed of answer in seconds', unit: 's' },
        handleSeconds: { kind: 'column', column: 'AvgTalkDuration', unit: 'hms' },
        csatScore: { kind: 'column', column: 'Satisfaction rating', scale: 5 },
        firstResponseAt: {
          kind: 'offset',
          base: 'createdAt',
          add: [{ kind: 'column', column: 'Speed of answer in seconds', unit: 's' }],
        },
        solvedAt: {
          kind: 'offset',
          base: 'createdAt',
          add: [
            { kind: 'column', column: 'Speed of answer in seconds', unit: 's' },
            { kind: 'column', column: 'AvgTalkDuration', unit: 'hms' },
          ],
        },
      },
    };
    const { headers, rows, compiled, results } = normaliseFile(
      document,
      dataset('pwc-call-centre/call_center_dataset.csv'),
    );
    const answeredColumn = headers.indexOf('Answered (Y/N)');
    const notAnswered = rows.filter((row) => row[answeredColumn] === 'N').length;
    const resolvedYes = rows.filter((row) => row[headers.indexOf('Resolved')] === 'Y').length;
    expect([rows.length, notAnswered, resolvedYes]).toEqual([5000, 946, 3646]);

    expect(compiled.missingColumns).toEqual([]);
    const { cases, rejects } = split(results);
    expect(rejects).toEqual([]);
    expect(cases).toHaveLength(5000);
    const abandoned = cases.filter((c) => c.abandoned === true);
    expect(abandoned).toHaveLength(notAnswered);
    expect(abandoned.every((c) => c.solvedAt === null && c.firstResponseAt === null && c.answered === false)).toBe(
      true,
    );
    expect(cases.filter((c) => c.firstContactResolved === true)).toHaveLength(resolvedYes);
    expect(cases.filter((c) => c.csatScore !== null)).toHaveLength(5000 - notAnswered);
    const first = cases[0]!;
    // ID0001: 2021-01-01 9:12:58, answered after 109 s, talked 0:02:23.
    expect(first).toMatchObject({
      externalId: 'ID0001',
      vendorField: 'Agent',
      vendorValue: 'Diane',
      waitSeconds: 109,
      handleSeconds: 143,
      csatScore: 3,
    });
    expect(first.createdAt.toISOString()).toBe('2021-01-01T09:12:58.000Z');
    expect(first.solvedAt!.toISOString()).toBe('2021-01-01T09:17:10.000Z');
  });

  datasetTest(
    'Shopzilla CSAT sample: day-first timestamps; a response before creation is dropped with a warning, the case kept',
    () => {
      const document: MappingDocument = {
        source: 'generic',
        file: { dateFormat: 'dmy' },
        vendor: { kind: 'column', column: 'Manager' },
        fields: {
          externalId: { kind: 'column', column: 'Unique id' },
          createdAt: { kind: 'column', column: 'Issue_reported at' },
          firstResponseAt: { kind: 'column', column: 'issue_responded' },
          channel: {
            kind: 'column',
            column: 'channel_name',
            map: { inbound: 'voice', outcall: 'voice', email: 'email' },
          },
          queue: { kind: 'column', column: 'category' },
          agentId: { kind: 'column', column: 'Agent_name' },
          handleSeconds: { kind: 'column', column: 'connected_handling_time', unit: 's' },
          csatScore: { kind: 'column', column: 'CSAT Score', scale: 5 },
          csatAt: { kind: 'column', column: 'Survey_response_Date', format: 'dd-mon-yy' },
        },
      };
      const { headers, rows, results } = normaliseFile(
        document,
        dataset('shopzilla-csat-sample/customer_support_data_sample20.csv'),
        'Asia/Kolkata',
      );
      const sortable = (text: string) => text.replace(/^(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d)$/, '$3-$2-$1 $4');
      const reported = headers.indexOf('Issue_reported at');
      const responded = headers.indexOf('issue_responded');
      const before = rows.filter((row) => sortable(row[responded]!) < sortable(row[reported]!)).length;
      expect([rows.length, before]).toEqual([17_182, 635]);

      const { cases, rejects, warnings } = split(results);
      expect(rejects).toHaveLength(0);
      expect(warnings).toHaveLength(635);
      expect(
        warnings.every(
          (r) =>
            r.column === 'issue_responded' &&
            /^first response \(\d{4}-\d\d-\d\d \d\d:\d\d\) is before creation \(\d{4}-\d\d-\d\d \d\d:\d\d\); the value was left empty$/.test(
              r.reason,
            ),
        ),
      ).toBe(true);
      expect(cases).toHaveLength(17_182);
      expect(cases.filter((c) => c.firstResponseAt === null)).toHaveLength(635);
      expect(cases.every((c) => c.csatScore !== null && c.csatAt !== null)).toBe(true);
      const row = rows[0]!;
      const firstCase = cases.find((c) => c.externalId === row[headers.indexOf('Unique id')])!;
      // 26/08/2023 18:39 IST, surveyed 26-Aug-23.
      expect(firstCase.createdAt.toISOString()).toBe('2023-08-26T13:09:00.000Z');
      expect(firstCase.csatAt!.toISOString()).toBe('2023-08-25T18:30:00.000Z');
    },
  );

  datasetTest('suraj520 tickets have no creation time: the missing column is named, nothing is guessed', () => {
    const { headers } = readCsv(dataset('suraj520-support-tickets/customer_support_tickets.csv'));
    expect(compileMapping(generic.document, headers).missingColumns.sort()).toEqual([
      'channel',
      'created_at',
      'external_id',
    ]);
    const document: MappingDocument = {
      source: 'generic',
      fields: {
        externalId: { kind: 'column', column: 'Ticket ID' },
        createdAt: { kind: 'column', column: 'created_at' },
        channel: { kind: 'column', column: 'Ticket Channel', map: { phone: 'voice', 'social media': 'social' } },
        firstResponseAt: { kind: 'column', column: 'First Response Time' },
        csatScore: { kind: 'column', column: 'Customer Satisfaction Rating', scale: 5 },
      },
    };
    expect(compileMapping(document, headers).missingColumns).toEqual(['created_at']);
  });
});
