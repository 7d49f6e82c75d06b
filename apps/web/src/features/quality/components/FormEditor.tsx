/**
 * Editing a form's content: name, kind, the scoring rule (with its words as they will be printed beside
 * every score), sections with weights, criteria with scale, N/A, critical flag and root causes. Keys follow
 * the titles until typed; they match criteria across versions and between internal and vendor reviews.
 */
import { CRITICAL_RULES, FORM_KINDS, NA_RULES, SCALES, STANDARD_ROOT_CAUSES } from '@scorecard/domain/quality/forms';
import { describeRule } from '@scorecard/domain/quality/scoring';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import type { FormContent } from '../api/forms.ts';
import { blankCriterion } from './form-content.ts';
import { KIND_LABELS, rootCauseLabel, SCALE_LABELS } from './labels.ts';

type Section = FormContent['sections'][number];
type Criterion = Section['criteria'][number];

const NA_TEXT = { excluded: 'left out of its section', pass: 'counted as a pass' } as const;
const CRITICAL_TEXT = {
  zero: 'sets the score to 0 (and counts a fatal error)',
  fatal_only: 'keeps the score as calculated and counts a fatal error',
} as const;

function keyOf(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63);
  return /^[a-z0-9]/.test(slug) ? slug : '';
}

export function FormEditor({
  initial,
  onSave,
  saving,
  error,
  saveLabel,
  children,
}: {
  initial: FormContent;
  onSave: (content: FormContent) => void;
  saving: boolean;
  error: unknown;
  saveLabel: string;
  children?: ReactNode;
}) {
  const [content, setContent] = useState<FormContent>(initial);
  const setSection = (si: number, change: Partial<Section>) =>
    setContent((c) => ({ ...c, sections: c.sections.map((s, i) => (i === si ? { ...s, ...change } : s)) }));
  const setCriterion = (si: number, ci: number, change: Partial<Criterion>) =>
    setSection(si, {
      criteria: content.sections[si]!.criteria.map((c, i) => (i === ci ? { ...c, ...change } : c)),
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave(content);
  }

  return (
    <form className="card form-editor" onSubmit={submit} aria-label="Form content">
      {children}
      <div className="grid-3">
        <div className="field">
          <label htmlFor="form-name">Name</label>
          <input
            id="form-name"
            required
            maxLength={200}
            value={content.name}
            onChange={(e) => setContent({ ...content, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="form-kind">Kind</label>
          <select
            id="form-kind"
            value={content.kind}
            onChange={(e) => setContent({ ...content, kind: e.target.value as FormContent['kind'] })}
          >
            {FORM_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="form-section">
        <legend>Scoring rule</legend>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="form-na">An N/A answer is</label>
            <select
              id="form-na"
              value={content.rule.na}
              onChange={(e) =>
                setContent({ ...content, rule: { ...content.rule, na: e.target.value as FormContent['rule']['na'] } })
              }
            >
              {NA_RULES.map((r) => (
                <option key={r} value={r}>
                  {NA_TEXT[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="form-critical">A failed critical criterion</label>
            <select
              id="form-critical"
              value={content.rule.critical}
              onChange={(e) =>
                setContent({
                  ...content,
                  rule: { ...content.rule, critical: e.target.value as FormContent['rule']['critical'] },
                })
              }
            >
              {CRITICAL_RULES.map((r) => (
                <option key={r} value={r}>
                  {CRITICAL_TEXT[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="formula" data-testid="editor-rule">
          {describeRule(content.rule)}
        </p>
      </fieldset>
      {content.sections.map((section, si) => (
        <fieldset className="form-section" key={si} data-section={si}>
          <legend>Section {si + 1}</legend>
          <div className="grid-3">
            <div className="field">
              <label htmlFor={`section-${si}-title`}>Title</label>
              <input
                id={`section-${si}-title`}
                required
                maxLength={200}
                value={section.title}
                onChange={(e) =>
                  setSection(si, {
                    title: e.target.value,
                    ...(section.key === '' || section.key === keyOf(section.title)
                      ? { key: keyOf(e.target.value) }
                      : {}),
                  })
                }
              />
            </div>
            <div className="field">
              <label htmlFor={`section-${si}-key`}>Key</label>
              <input
                id={`section-${si}-key`}
                required
                pattern="[a-z0-9][a-z0-9_]{0,62}"
                value={section.key}
                onChange={(e) => setSection(si, { key: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`section-${si}-weight`}>Weight</label>
              <input
                id={`section-${si}-weight`}
                type="number"
                required
                min={0.01}
                max={1000}
                step="any"
                value={section.weight}
                onChange={(e) => setSection(si, { weight: Number(e.target.value) })}
              />
            </div>
          </div>
          {section.criteria.map((c, ci) => (
            <CriterionEditor
              key={ci}
              id={`criterion-${si}-${ci}`}
              criterion={c}
              onChange={(change) => setCriterion(si, ci, change)}
              onRemove={
                section.criteria.length > 1
                  ? () => setSection(si, { criteria: section.criteria.filter((_, i) => i !== ci) })
                  : null
              }
            />
          ))}
          <div className="toolbar">
            <button
              type="button"
              className="button subtle"
              onClick={() => setSection(si, { criteria: [...section.criteria, blankCriterion()] })}
            >
              Add criterion
            </button>
            {content.sections.length > 1 ? (
              <button
                type="button"
                className="button subtle"
                onClick={() => setContent({ ...content, sections: content.sections.filter((_, i) => i !== si) })}
              >
                Remove section
              </button>
            ) : null}
          </div>
        </fieldset>
      ))}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="toolbar">
        <button
          type="button"
          className="button"
          onClick={() =>
            setContent({
              ...content,
              sections: [...content.sections, { key: '', title: '', weight: 1, criteria: [blankCriterion()] }],
            })
          }
        >
          Add section
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : saveLabel}
        </button>
      </div>
    </form>
  );
}

function CriterionEditor({
  id,
  criterion: c,
  onChange,
  onRemove,
}: {
  id: string;
  criterion: Criterion;
  onChange: (change: Partial<Criterion>) => void;
  onRemove: (() => void) | null;
}) {
  const extra = c.rootCauses.filter((cause) => !(STANDARD_ROOT_CAUSES as readonly string[]).includes(cause));
  return (
    <div className="criterion-editor" data-criterion-editor={id}>
      <div className="field">
        <label htmlFor={`${id}-title`}>Criterion</label>
        <input
          id={`${id}-title`}
          required
          maxLength={200}
          value={c.title}
          onChange={(e) =>
            onChange({
              title: e.target.value,
              ...(c.key === '' || c.key === keyOf(c.title) ? { key: keyOf(e.target.value) } : {}),
            })
          }
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>Key</label>
        <input
          id={`${id}-key`}
          required
          pattern="[a-z0-9][a-z0-9_]{0,62}"
          value={c.key}
          onChange={(e) => onChange({ key: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-scale`}>Scale</label>
        <select
          id={`${id}-scale`}
          value={c.scale}
          onChange={(e) => onChange({ scale: e.target.value as Criterion['scale'] })}
        >
          {SCALES.map((s) => (
            <option key={s} value={s}>
              {SCALE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={c.allowNa} onChange={(e) => onChange({ allowNa: e.target.checked })} /> N/A
        allowed
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={c.critical} onChange={(e) => onChange({ critical: e.target.checked })} />{' '}
        Critical
      </label>
      <div className="field">
        <label htmlFor={`${id}-causes`}>More root causes (comma-separated keys)</label>
        <input
          id={`${id}-causes`}
          value={extra.join(', ')}
          title={`Always offered: ${STANDARD_ROOT_CAUSES.map(rootCauseLabel).join(', ')}`}
          onChange={(e) =>
            onChange({
              rootCauses: [
                ...STANDARD_ROOT_CAUSES,
                ...e.target.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              ],
            })
          }
        />
      </div>
      {onRemove ? (
        <button type="button" className="button subtle small" onClick={onRemove} aria-label={`Remove ${c.title}`}>
          Remove
        </button>
      ) : null}
    </div>
  );
}
