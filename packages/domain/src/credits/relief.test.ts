import { describe, expect, it } from 'vitest';
import { DEFAULT_VOLUME_BAND, reliefFor, volumeRelief } from './relief.ts';

describe('volumeRelief, band 90–110 % of the forecast', () => {
  it.each([
    [10_000, 10_000, false],
    [9_000, 10_000, false],
    [11_000, 10_000, false],
    [8_999, 10_000, true],
    [11_001, 10_000, true],
    [0, 10_000, true],
    [500, null, false],
    [500, 0, false],
  ])('actual %d against forecast %s: relief %s', (actual, forecast, relieved) => {
    expect(volumeRelief(actual, forecast, DEFAULT_VOLUME_BAND) !== null).toBe(relieved);
  });
  it('says why', () => {
    expect(volumeRelief(12_000, 10_000, DEFAULT_VOLUME_BAND)?.reason).toBe(
      'volume 12000 is 120.0 % of the forecast 10000, outside 90 %–110 %',
    );
  });
});

describe('reliefFor', () => {
  const volume = volumeRelief(12_000, 10_000, DEFAULT_VOLUME_BAND);
  const events = [
    { id: 7, title: 'Client CRM outage', metrics: ['frt', 'service_level'] as const, agreed: true },
    { id: 8, title: 'Proposed by the vendor', metrics: ['csat'] as const, agreed: false },
  ];
  it.each([
    ['an agreed event naming the metric', 'service_level', true, 'event'],
    ['an event not agreed by the client excuses nothing', 'csat', false, null],
    ['volume excuses a volume-sensitive level', 'aht', true, 'volume'],
    ['volume does not excuse other levels', 'aht', false, null],
  ] as const)('%s', (_, metric, sensitive, source) => {
    expect(reliefFor(metric, events, volume, sensitive)?.source ?? null).toBe(source);
  });
});
