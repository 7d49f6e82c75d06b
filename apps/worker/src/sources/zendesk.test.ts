import { describe, expect, test } from 'vitest';
import { retryAfterMs } from './zendesk.ts';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-16T09:00:00Z');
  test.each([
    ['seconds', '7', 7_000],
    ['zero', '0', 0],
    ['an HTTP date', 'Mon, 16 Nov 2026 09:00:30 GMT', 30_000],
    ['a date in the past', 'Mon, 16 Nov 2026 08:00:00 GMT', 0],
    ['absent: one minute', null, 60_000],
    ['unreadable: one minute', 'soon', 60_000],
    ['capped at five minutes', '3600', 300_000],
  ])('%s', (_name, header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
