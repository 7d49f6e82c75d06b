import { describe, expect, it } from 'vitest';
import { growthMatrix } from './table.ts';

describe('growthMatrix', () => {
  const cases: { columns: string[]; values: number[]; expected: { columns: string[]; values: number[] } }[] = [
    { columns: ['100k'], values: [5], expected: { columns: [], values: [] } },
    { columns: ['100k', '1M'], values: [2, 3], expected: { columns: ['1M ÷ 100k'], values: [1.5] } },
    {
      columns: ['100k', '1M', '5M'],
      values: [2, 4, 10],
      expected: { columns: ['1M ÷ 100k', '5M ÷ 1M', '5M ÷ 100k'], values: [2, 2.5, 5] },
    },
  ];
  it.each(cases)('$columns', ({ columns, values, expected }) => {
    const growth = growthMatrix(columns, [{ label: 'figure', values }]);
    expect(growth.columns).toEqual(expected.columns);
    expect(growth.rows).toEqual([{ label: 'figure', values: expected.values }]);
  });

  it('leaves a figure missing at a size as NaN rather than a number', () => {
    const growth = growthMatrix(['a', 'b'], [{ label: 'figure', values: [1] }]);
    expect(growth.rows[0]?.values[0]).toBeNaN();
  });
});
