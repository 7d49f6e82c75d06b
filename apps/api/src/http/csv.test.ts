import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '@scorecard/domain/csv';
import { csvStream } from './csv.ts';

describe('csv', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
  ])('neutralises and quotes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers, booleans, dates and nulls as values', () => {
    expect(csvLine([-3, true, null, undefined, new Date('2026-11-16T00:00:00Z')])).toBe(
      '-3,true,,,2026-11-16T00:00:00.000Z\r\n',
    );
  });

  it('streams a header and the rows', async () => {
    async function* rows() {
      yield ['a', 1];
      yield ['=b', 2];
    }
    let text = '';
    for await (const chunk of csvStream(['name', 'n'], rows())) text += String(chunk);
    expect(text).toBe("\uFEFFname,n\r\na,1\r\n'=b,2\r\n");
  });
});
