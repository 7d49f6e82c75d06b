import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('the browser-built CSV', () => {
  it('neutralises formula text and quotes like the API downloads, numbers stay numbers', () => {
    expect(
      toCsv(
        ['vendor', 'change'],
        [
          ['=HYPERLINK("x")', -3],
          ['-3', null],
          ['@Alpha, Ltd', true],
        ],
      ),
    ).toBe('vendor,change\r\n"\'=HYPERLINK(""x"")",-3\r\n\'-3,\r\n"\'@Alpha, Ltd",true\r\n');
  });
});
