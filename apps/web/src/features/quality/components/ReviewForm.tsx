/**
 * Scoring a case on a published form: one answer per criterion on its scale (N/A where allowed), a root
 * cause where the answer falls short, feedback. The score, fatal or not, is previewed under the form's own
 * rule (the domain's scoreReview, the same rule the API's view restates) and printed with the rule.
 */
import { scoreReview, type Answers } from '@scorecard/domain/quality/scoring';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import type { QualityForm } from '../api/forms.ts';
import { useCreateReview } from '../api/reviews.ts';
import { AnswerSelect } from './AnswerSelect.tsx';
import { rootCauseLabel, SCALE_LABELS } from './labels.ts';
import { ScoreBox } from './ScoreBox.tsx';

type Draft = Record<string, { value: number | null | undefined; rootCause: string }>;

export function ReviewForm({ caseId, form }: { caseId: number; form: QualityForm }) {
  const [draft, setDraft] = useState<Draft>({});
  const [feedback, setFeedback] = useState('');
  const create = useCreateReview();
  const navigate = useNavigate();
  const criteria = form.content.sections.flatMap((s) => s.criteria);
  const unanswered = criteria.filter((c) => draft[c.key]?.value === undefined);
  const answers: Answers = Object.fromEntries(
    criteria
      .filter((c) => draft[c.key]?.value !== undefined)
      .map((c) => [c.key, { value: draft[c.key]!.value ?? null, rootCause: draft[c.key]!.rootCause || null }]),
  );
  const preview = unanswered.length === 0 ? scoreReview(form.content, answers) : null;

  const set = (key: string, change: Partial<Draft[string]>) =>
    setDraft((d) => ({ ...d, [key]: { value: undefined, rootCause: '', ...d[key], ...change } }));

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { caseId, formId: form.id, answers, ...(feedback.trim() ? { feedback } : {}) },
      { onSuccess: (detail) => void navigate(`/quality/reviews/${detail.review.id}`) },
    );
  }

  return (
    <form className="card review-form" onSubmit={submit} aria-labelledby="review-form-title">
      <h2 id="review-form-title">
        {form.content.name} <span className="role">version {form.version}</span>
      </h2>
      {form.content.sections.map((section) => (
        <fieldset key={section.key} className="form-section">
          <legend>
            {section.title} <span className="role">weight {section.weight}</span>
          </legend>
          {section.criteria.map((c) => {
            const answer = draft[c.key];
            return (
              <div className="criterion-row" key={c.key} data-criterion={c.key}>
                <label htmlFor={`answer-${c.key}`}>
                  {c.title}
                  <span className="hint">
                    {' '}
                    {SCALE_LABELS[c.scale]}
                    {c.critical ? ' · critical' : ''}
                  </span>
                </label>
                <AnswerSelect
                  id={`answer-${c.key}`}
                  criterion={c}
                  value={answer?.value}
                  onChange={(value) => set(c.key, { value })}
                />
                <select
                  aria-label={`Root cause for ${c.title}`}
                  value={answer?.rootCause ?? ''}
                  onChange={(e) => set(c.key, { rootCause: e.target.value })}
                >
                  <option value="">No root cause</option>
                  {c.rootCauses.map((cause) => (
                    <option key={cause} value={cause}>
                      {rootCauseLabel(cause)}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="review-feedback">Feedback to the agent and the vendor</label>
        <textarea
          id="review-feedback"
          rows={4}
          maxLength={20000}
          value={feedback}
          onChange={(e) => setFeedback(e.target.value)}
        />
      </div>
      <ScoreBox
        score={preview?.score ?? null}
        fatal={preview?.fatal ?? false}
        rule={form.rule}
        label={preview ? 'Score (preview)' : `Score: ${unanswered.length} criteria left to answer`}
      />
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={unanswered.length > 0 || create.isPending}>
          {create.isPending ? 'Saving…' : 'Save review'}
        </button>
      </div>
    </form>
  );
}
