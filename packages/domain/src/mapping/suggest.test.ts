import { describe, expect, test } from 'vitest';
import { compileMapping } from './compile.ts';
import { validateMappingDocument } from './document.ts';
import { suggestMapping, tokens } from './suggest.ts';
import { readCsv } from './csv.testing.ts';
import { datasetFile as dataset, datasetTest } from '../../../../test/datasets.ts';

const sample = (path: string) => {
  const { headers, rows } = readCsv(dataset(path));
  return { headers, rows, suggestion: suggestMapping(headers, rows.slice(0, 200)) };
};

describe('suggestMapping', () => {
  test('header tokens split words, camel case and punctuation', () => {
    expect([...tokens('AvgTalkDuration')]).toEqual(['avg', 'talk', 'duration']);
    expect([...tokens('Answered (Y/N)')]).toEqual(['answered', 'y', 'n']);
  });

  datasetTest('PwC call log: Date + Time, H:MM:SS talk time, Y/N flags, voice, Agent as vendor key', () => {
    const { headers, rows, suggestion } = sample('pwc-call-centre/call_center_dataset.csv');
    expect(suggestion.unmappedRequired).toEqual([]);
    expect(suggestion.document.fields).toMatchObject({
      externalId: { kind: 'column', column: 'Call Id' },
      createdAt: { kind: 'date-time', date: { column: 'Date' }, time: { column: 'Time' } },
      channel: { kind: 'constant', value: 'voice' },
      answered: { column: 'Answered (Y/N)' },
      firstContactResolved: { column: 'Resolved' },
      waitSeconds: { column: 'Speed of answer in seconds', unit: 's' },
      handleSeconds: { column: 'AvgTalkDuration', unit: 'hms' },
      csatScore: { column: 'Satisfaction rating', scale: 5 },
      firstResponseAt: { kind: 'offset', base: 'createdAt' },
      solvedAt: { kind: 'offset', base: 'createdAt' },
    });
    expect(suggestion.document.vendor).toEqual({ kind: 'column', column: 'Agent' });
    expect(suggestion.fields.find((f) => f.field === 'createdAt')?.reason).toBe(
      "date in 'Date' + time of day in 'Time'",
    );
    // The suggestion is a usable document: every row of the file normalises through it.
    const checked = validateMappingDocument(suggestion.document);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const compiled = compileMapping(checked.document, headers);
    expect(rows.filter((row, index) => !compiled.normalise(row, index + 2).ok)).toHaveLength(0);
  });

  datasetTest('Shopzilla: day-first timestamps detected, per-column survey date format, channel words mapped', () => {
    const { suggestion } = sample('shopzilla-csat-sample/customer_support_data_sample20.csv');
    expect(suggestion.document.file).toEqual({ dateFormat: 'dmy' });
    expect(suggestion.document.fields).toMatchObject({
      externalId: { column: 'Unique id' },
      createdAt: { column: 'Issue_reported at' },
      firstResponseAt: { column: 'issue_responded' },
      csatAt: { column: 'Survey_response_Date', format: 'dd-mon-yy' },
      channel: { column: 'channel_name', map: { Inbound: 'voice', Outcall: 'voice', Email: 'email' } },
      csatScore: { column: 'CSAT Score', scale: 5 },
    });
    expect(suggestion.document.vendor).toEqual({ kind: 'column', column: 'Manager' });
  });

  datasetTest('suraj520: no creation time, and a purchase date is not taken for one', () => {
    const { suggestion } = sample('suraj520-support-tickets/customer_support_tickets.csv');
    expect(suggestion.unmappedRequired).toEqual(['createdAt']);
    expect(suggestion.fields.find((f) => f.field === 'createdAt')).toEqual({
      field: 'createdAt',
      source: null,
      reason: 'no column fits: choose one, or this file cannot be imported',
    });
    expect(suggestion.document.fields).toMatchObject({
      externalId: { column: 'Ticket ID' },
      channel: { column: 'Ticket Channel' },
    });
  });

  datasetTest('Zendesk-like values: Offered is suggested as "not a response"', () => {
    const { suggestion } = sample('plum-zendesk/da_assignment.csv');
    expect(suggestion.document.fields.csatScore).toMatchObject({
      column: 'Satisfaction Score',
      map: { Offered: null },
    });
    expect(suggestion.document.fields.channel).toMatchObject({ column: 'Via', map: { Mail: 'email' } });
  });
});
