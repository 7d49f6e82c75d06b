import { describe, expect, it } from 'vitest';
import { mergeAdjacentRanges, type KeyedRange } from './time-ranges.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 5 + n));
const range = (key: number, from: number, to: number): KeyedRange => ({ key, from: day(from), to: day(to) });

describe('mergeAdjacentRanges', () => {
  const cases: { name: string; input: KeyedRange[]; expected: KeyedRange[] }[] = [
    { name: 'nothing', input: [], expected: [] },
    { name: 'consecutive weeks of one key', input: [range(1, 7, 14), range(1, 0, 7)], expected: [range(1, 0, 14)] },
    {
      name: 'a gap stays a gap',
      input: [range(1, 0, 7), range(1, 14, 21)],
      expected: [range(1, 0, 7), range(1, 14, 21)],
    },
    { name: 'keys never merge', input: [range(2, 7, 14), range(1, 0, 7)], expected: [range(1, 0, 7), range(2, 7, 14)] },
    { name: 'a repeated range', input: [range(1, 0, 7), range(1, 0, 7)], expected: [range(1, 0, 7)] },
    { name: 'one inside another', input: [range(1, 0, 14), range(1, 3, 7)], expected: [range(1, 0, 14)] },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(mergeAdjacentRanges(input)).toEqual(expected);
  });

  it('leaves its input unchanged', () => {
    const input = [range(1, 0, 7), range(1, 7, 14)];
    mergeAdjacentRanges(input);
    expect(input).toEqual([range(1, 0, 7), range(1, 7, 14)]);
  });
});
