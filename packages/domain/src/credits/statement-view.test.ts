import { describe, expect, it } from 'vitest';
import type { Statement } from './statement.ts';
import { statementCsv, withAmounts } from './statement-view.ts';

/** One critical line in default with relief, one earn-back line; amounts in minor units. */
const statement: Statement = {
  month: '2026-03',
  currency: 'EUR',
  atRiskMinor: 100_000,
  capMinor: 100_000,
  lines: [
    {
      metric: 'service_level',
      kind: 'critical',
      figure: { value: 65.5, n: 200, low: 60, high: 71 },
      expected: 80,
      minimum: 70,
      allocationBp: 4000,
      outcome: 'minimum_missed',
      relief: { source: 'volume', eventId: null, reason: 'volume 130% of forecast' },
      verdict: { isDefault: true, missesInWindow: 1, reason: 'minimum missed' },
      creditMinor: 40_000,
      chargedMinor: 40_000,
      formula: '40% × 1000.00',
    },
  ],
  creditsBeforeCapMinor: 40_000,
  creditsMinor: 40_000,
  earnBack: [{ metric: 'csat', fromMonth: '2026-01', amountMinor: 5_000, formula: 'earned back' }],
  earnBackMinor: 5_000,
  bonusMinor: 0,
  bonusFormula: null,
  netMinor: 35_000,
};

describe('statementCsv', () => {
  it('writes a header, each line, each earn-back and the total, empty where a row has no value', () => {
    const view = {
      ...withAmounts(statement, new Map([['service_level', { status: 'accepted', waivedMinor: null }]]), true),
      month: '2026-03',
      status: 'final',
    };
    const lines = statementCsv(view, 'Acme').slice(1).split('\r\n');
    expect(lines).toEqual([
      'vendor,month,status,metric,kind,figure,n,low,high,expected,minimum,outcome,default,misses in window,relief,' +
        'credit (minor),charged (minor),dispute,waived in part (minor),formula',
      'Acme,2026-03,final,service_level,critical,65.5,200,60,71,80,70,minimum_missed,true,1,volume 130% of forecast,' +
        '40000,40000,accepted,,40% × 1000.00',
      'Acme,2026-03,final,csat,earn-back,,,,,,,,,,,-5000,,,,earned back',
      'Acme,2026-03,final,total,EUR,,,,,,,,,,,40000,35000,,,cap 100000; bonus 0',
      '',
    ]);
  });

  it('leaves every amount empty for a reader who may not see them', () => {
    const view = {
      ...withAmounts(
        statement,
        new Map([['service_level', { status: 'accepted_in_part', waivedMinor: 10_000 }]]),
        false,
      ),
      month: '2026-03',
      status: 'shared',
    };
    const lines = statementCsv(view, 'Acme').slice(1).split('\r\n');
    expect(lines[1]).toBe(
      'Acme,2026-03,shared,service_level,critical,65.5,200,60,71,80,70,minimum_missed,true,1,volume 130% of forecast,' +
        ',,accepted in part,,amount hidden for this role',
    );
    expect(lines[2]).toBe('Acme,2026-03,shared,csat,earn-back,,,,,,,,,,,,,,,amount hidden for this role');
    expect(lines[3]).toBe('Acme,2026-03,shared,total,EUR,,,,,,,,,,,,,,,cap hidden; bonus hidden');
  });
});
