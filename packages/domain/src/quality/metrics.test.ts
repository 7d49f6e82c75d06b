import { describe, expect, it } from 'vitest';
import { meanScoreInterval, percent } from './metrics.ts';

describe('meanScoreInterval', () => {
  it.each<[number[], number, number]>([
    // mean 80, s = √((100+0+100)/2) = 10, half = 1.96·10/√3
    [[70, 80, 90], 80 - (1.959963984540054 * 10) / Math.sqrt(3), 80 + (1.959963984540054 * 10) / Math.sqrt(3)],
    [[100, 100], 100, 100],
    [[0, 100], 0, 100], // clamped
  ])('%o', (scores, low, high) => {
    let sum = 0;
    let squares = 0;
    for (const s of scores) {
      sum += s;
      squares += s * s;
    }
    const interval = meanScoreInterval(scores.length, sum, squares)!;
    expect(interval.low).toBeCloseTo(low, 9);
    expect(interval.high).toBeCloseTo(high, 9);
  });
  it('needs two scores', () => expect(meanScoreInterval(1, 50, 2500)).toBeNull());
  it('percent', () => {
    expect(percent(1, 4)).toBe(25);
    expect(percent(0, 0)).toBeNull();
  });
});
