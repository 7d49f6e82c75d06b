import { useState, type FormEvent } from 'react';
import { formText } from './form-text.ts';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useSaveCreditTerms, type CreditTerms, type CreditTermsInput } from '../api/money-terms.ts';
import { levelRow, LevelsFieldset, type LevelRow } from './LevelsFieldset.tsx';
import { bpToPercent, minorToText, parseMoney, percentToBp } from './money.ts';

/**
 * Dated money terms for a vendor, pre-filled from the terms in force: a row applies from its month until the
 * vendor's next row; saving a month that has a row replaces it (as a new version once a statement used it). The API refuses allocations over the pool and
 * an expected level worse than its minimum (400, shown here).
 */
export function MoneyTermsForm({
  vendorId,
  current,
  thisMonth,
}: {
  vendorId: number;
  current: CreditTerms | null;
  /** The current month in the reporting zone. */
  thisMonth: string;
}) {
  const save = useSaveCreditTerms();
  const [levels, setLevels] = useState<LevelRow[]>(() => current?.levels.map(levelRow) ?? [levelRow()]);
  const [currency, setCurrency] = useState(current?.currency ?? 'EUR');
  const [pool, setPool] = useState(bpToPercent(current?.poolBp ?? 10_000));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    const form = new FormData(event.currentTarget);
    const text = (key: string) => formText(form, key);
    const invoiceMinor = parseMoney(text('invoice'));
    if (invoiceMinor === null) return setProblem('The invoice amount must be a number with at most two decimals.');
    const optionalInt = (key: string) => (text(key) === '' ? null : Number(text(key)));
    const body: CreditTermsInput = {
      vendorId,
      effectiveMonth: text('effectiveMonth'),
      currency,
      invoiceMinor,
      atRiskBp: percentToBp(text('atRisk')) ?? 0,
      poolBp: percentToBp(pool) ?? 0,
      capBp: percentToBp(text('cap')),
      defaultRule: { misses: Number(text('misses')), windowMonths: Number(text('windowMonths')) },
      earnBackMonths: optionalInt('earnBackMonths'),
      bonusBp: percentToBp(text('bonus')),
      volumeLowBp: percentToBp(text('volumeLow')) ?? 0,
      volumeHighBp: percentToBp(text('volumeHigh')) ?? 0,
      note: text('note') || null,
      levels: levels.map((l) => ({
        metric: l.metric,
        kind: l.kind,
        expected: Number(l.expected),
        minimum: Number(l.minimum),
        allocationBp: l.kind === 'critical' ? (percentToBp(l.allocation) ?? 0) : 0,
        bonusLevel: l.bonusLevel === '' ? null : Number(l.bonusLevel),
        volumeSensitive: l.volumeSensitive,
      })),
    };
    setProblem(null);
    save.mutate(body, { onSuccess: () => setSaved(`Saved: these terms apply from ${body.effectiveMonth}.`) });
  };

  return (
    <form className="card credits-form" onSubmit={onSubmit} aria-labelledby="money-terms-form-title">
      <h2 id="money-terms-form-title">Add dated money terms</h2>
      <label>
        Applies from (month)
        <input name="effectiveMonth" type="month" required defaultValue={thisMonth} />
      </label>
      <label>
        Currency (ISO 4217)
        <input
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          required
          pattern="[A-Z]{3}"
          maxLength={3}
        />
      </label>
      <label>
        Monthly invoice amount
        <input
          name="invoice"
          required
          inputMode="decimal"
          placeholder="100,000.00"
          defaultValue={current ? minorToText(current.invoiceMinor) : ''}
        />
      </label>
      <PercentField label="At risk (% of the invoice)" name="atRisk" required bp={current?.atRiskBp ?? 1000} />
      <label>
        Pool (% to allocate, may exceed 100)
        <input
          type="number"
          required
          min={0}
          max={1000}
          step="any"
          value={pool}
          onChange={(e) => setPool(e.target.value)}
        />
      </label>
      <PercentField label="Cap (% of the invoice; blank: the at-risk amount)" name="cap" bp={current?.capBp ?? null} />
      <label>
        Expected-level misses that make a default
        <input name="misses" type="number" required min={1} max={36} defaultValue={current?.defaultRule.misses ?? 4} />
      </label>
      <label>
        … within a rolling window of (months)
        <input
          name="windowMonths"
          type="number"
          required
          min={1}
          max={36}
          defaultValue={current?.defaultRule.windowMonths ?? 12}
        />
      </label>
      <label>
        Earn-back after (months met; blank: none)
        <input name="earnBackMonths" type="number" min={1} max={24} defaultValue={current?.earnBackMonths ?? ''} />
      </label>
      <PercentField label="Bonus (% of the invoice; blank: none)" name="bonus" bp={current?.bonusBp ?? null} />
      <PercentField
        label="Volume band low (% of forecast)"
        name="volumeLow"
        required
        bp={current?.volumeLowBp ?? 9000}
      />
      <PercentField
        label="Volume band high (% of forecast)"
        name="volumeHigh"
        required
        min={100}
        max={1000}
        bp={current?.volumeHighBp ?? 11_000}
      />
      <LevelsFieldset levels={levels} setLevels={setLevels} poolBp={percentToBp(pool) ?? 0} />
      <label className="wide">
        Note (contract clause, amendment)
        <input name="note" maxLength={2000} defaultValue={current?.note ?? ''} />
      </label>
      <button type="submit" className="button primary" disabled={save.isPending}>
        Save money terms
      </button>
      {problem ? (
        <p role="alert" className="state state-error">
          {problem}
        </p>
      ) : null}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {saved ? <p role="status">{saved}</p> : null}
    </form>
  );
}

/** A percentage of the form, shown from basis points (blank for null); 0–100 % unless `min`/`max` say otherwise. */
function PercentField(props: {
  label: string;
  name: string;
  bp: number | null;
  required?: boolean;
  min?: number;
  max?: number;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        type="number"
        required={props.required ?? false}
        min={props.min ?? 0}
        max={props.max ?? 100}
        step="any"
        defaultValue={bpToPercent(props.bp)}
      />
    </label>
  );
}
