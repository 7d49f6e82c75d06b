/**
 * compileReviewMapping: a review mapping document + one file's header row + the published forms → a row
 * normaliser with the same contract as the case mapping's (a review, a reject with line, column and reason, or
 * a skip by rule; warnings beside a review). What needs the database (the case and the vendor a row names)
 * is decided by the import's final transaction; everything the row and the forms decide is decided here.
 */
import { SOURCES, type RowReject, type RowSkip, type RowWarning, type Source } from '../mapping/canonical.ts';
import { headerIndex } from '../mapping/compile.ts';
import { compileCondition, describeCondition } from '../mapping/conditions.ts';
import { resolveZone } from '../mapping/parse/zone.ts';
import {
  cellReader,
  primaryColumn,
  RowErrors,
  textReader,
  type Reader,
  type ReaderContext,
} from '../mapping/readers.ts';
import { timestampReader } from '../mapping/timestamps.ts';
import { MappingDocumentError } from '../mapping/readers.ts';
import { criteriaOf, type FormContent } from './forms.ts';
import { readAnswer, readToolScore, SCORE_TOLERANCE, splitRootCauses } from './review-cells.ts';
import { DEFAULT_NA, type ReviewFieldName, type ReviewMappingDocument } from './review-mapping.ts';
import { scoreReview, type Answer } from './scoring.ts';

/** A published form a review may be made on. */
export interface ImportForm {
  id: number;
  key: string;
  version: number;
  content: FormContent;
}

export interface ImportedReview {
  caseSource: Source | null;
  caseId: string;
  reviewId: string;
  formId: number;
  reviewerName: string;
  reviewerKind: 'internal' | 'vendor';
  vendorName: string | null;
  reviewedAt: Date;
  feedback: string;
  toolScore: number | null;
  answers: Record<string, Answer>;
}

export type ReviewRowResult =
  | { ok: true; value: ImportedReview; warnings: readonly RowWarning[] }
  | { ok: false; reject: RowReject }
  | { ok: false; skip: RowSkip };

export interface CompiledReviewMapping {
  missingColumns: string[];
  /** Every column some field or answer of a published form reads (the dry run lists the others). */
  readColumns: ReadonlySet<string>;
  normalise(cells: readonly string[], line: number): ReviewRowResult;
}

/** Longest texts, as the tables hold them (migrations/0021_quality.sql); never truncated. */
const LIMITS = { caseId: 255, reviewId: 255, reviewer: 200, feedback: 20_000 } as const;

export function compileReviewMapping(
  document: ReviewMappingDocument,
  headers: readonly string[],
  options: { timeZone?: string; forms: readonly ImportForm[]; now?: Date },
): CompiledReviewMapping {
  const zoneName = document.file?.timeZone ?? options.timeZone ?? 'UTC';
  const zone = resolveZone(zoneName);
  if (!zone) throw new MappingDocumentError(`unknown time zone '${zoneName}'`);
  const find = headerIndex(headers);
  const missing = new Set<string>();
  const read = new Set<string>();
  const errors = new RowErrors();
  const context: ReaderContext = {
    errors,
    zone,
    dateFormat: document.file?.dateFormat ?? 'iso',
    pivotYear: document.file?.pivotYear ?? 70,
    fileNulls: document.file?.nulls ?? [],
    indexOf(column, optional) {
      const index = find(column);
      if (index < 0 && !optional) missing.add(column);
      if (index >= 0) read.add(headers[index]!);
      return index;
    },
  };
  const { fields } = document;
  const text = (field: ReviewFieldName): Reader<string> => {
    const source = fields[field];
    return source ? textReader(field, source, context) : () => null;
  };
  const columnOf = (field: ReviewFieldName) => {
    const source = fields[field];
    return source ? primaryColumn(source) : null;
  };
  const readers = {
    caseSource: text('caseSource'),
    caseId: text('caseId'),
    reviewId: text('reviewId'),
    form: text('form'),
    formVersion: text('formVersion'),
    reviewer: text('reviewer'),
    reviewerKind: text('reviewerKind'),
    vendor: text('vendor'),
    feedback: text('feedback'),
    toolScore: text('toolScore'),
    rootCauses: text('rootCauses'),
  };
  const reviewedAt = timestampReader('reviewedAt', 'reviewed at', fields.reviewedAt, context);
  const skips = (document.skip ?? []).map((condition) => ({
    test: compileCondition(condition, context),
    reason: `skipped by rule: ${describeCondition(condition)}`,
  }));
  const na = new Set([...(document.na ?? DEFAULT_NA)].map((value) => value.trim().toLowerCase()));
  const answerValues = new Map(
    Object.entries(document.answerValues ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]),
  );
  const rootCauseMap = new Map(
    Object.entries(document.rootCauseMap ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]),
  );

  // Answer columns per form, resolved once: the document's explicit column, else a header equal to the key or title.
  const lowerHeaders = new Map<string, string>();
  for (const header of headers)
    if (!lowerHeaders.has(header.trim().toLowerCase())) lowerHeaders.set(header.trim().toLowerCase(), header);
  const answerReaders = new Map<number, { key: string; column: string | null; read: Reader<string> }[]>();
  for (const form of options.forms) {
    answerReaders.set(
      form.id,
      criteriaOf(form.content).map((criterion) => {
        const explicit = document.answers?.[criterion.key];
        const column =
          explicit?.column ??
          lowerHeaders.get(criterion.key) ??
          lowerHeaders.get(criterion.title.trim().toLowerCase()) ??
          null;
        if (!column) return { key: criterion.key, column: null, read: () => null };
        // A form's criteria are not columns the file must have: a row on another form never reads them.
        return {
          key: criterion.key,
          column,
          read: cellReader(explicit ?? { kind: 'column', column, optional: true }, context),
        };
      }),
    );
  }
  const formsByKey = new Map<string, ImportForm[]>();
  for (const form of options.forms) {
    for (const name of [form.key, form.content.name.trim().toLowerCase()]) {
      const list = formsByKey.get(name) ?? [];
      if (!list.includes(form)) list.push(form);
      formsByKey.set(name, list);
    }
  }
  const unknownRootCause = document.unknownRootCause ?? 'warn';
  const blankIsNa = document.blankAnswer === 'na';
  const nowMs = (options.now ?? new Date()).getTime();

  function normalise(cells: readonly string[], line: number): ReviewRowResult {
    errors.reset();
    for (const skip of skips) if (skip.test(cells)) return { ok: false, skip: { line, reason: skip.reason } };
    const reject = (field: ReviewFieldName | null, reason: string, column = field ? columnOf(field) : null) => ({
      ok: false as const,
      reject: { line, column, reason },
    });
    const required = (field: 'caseId' | 'reviewId' | 'reviewer' | 'form' | 'reviewerKind', label: string) => {
      const value = readers[field](cells);
      if (errors.failed) return { error: reject(field, errors.reason, errors.column) };
      if (value === null) return { error: reject(field, `${label}: missing (blank)`) };
      const limit = field in LIMITS ? LIMITS[field as keyof typeof LIMITS] : 200;
      if (value.length > limit)
        return { error: reject(field, `${label}: ${value.length} characters is over the limit of ${limit}`) };
      if (value.includes('\u0000')) return { error: reject(field, `${label}: the value contains a NUL character`) };
      return { value };
    };
    const caseId = required('caseId', 'case id');
    if (caseId.error) return caseId.error;
    const reviewId = required('reviewId', 'review id');
    if (reviewId.error) return reviewId.error;
    const reviewer = required('reviewer', 'reviewer');
    if (reviewer.error) return reviewer.error;
    const kindText = required('reviewerKind', 'whose review');
    if (kindText.error) return kindText.error;
    const reviewerKind = kindText.value.toLowerCase();
    if (reviewerKind !== 'internal' && reviewerKind !== 'vendor') {
      return reject('reviewerKind', `whose review: '${kindText.value}' is not internal or vendor (map it)`);
    }
    const sourceText = readers.caseSource(cells) ?? document.caseSource ?? null;
    const caseSource = sourceText === null ? null : (SOURCES.find((s) => s === sourceText.toLowerCase()) ?? null);
    if (sourceText !== null && caseSource === null) {
      return reject('caseSource', `case source: '${sourceText}' is not one of ${SOURCES.join(', ')}`);
    }
    const at = reviewedAt(cells, { createdAt: null, firstResponseAt: null, solvedAt: null });
    if (errors.failed) return reject('reviewedAt', errors.reason, errors.column);
    if (at === null) return reject('reviewedAt', 'reviewed at: missing (blank)');
    if (at > nowMs + 60_000) return reject('reviewedAt', `reviewed at: ${new Date(at).toISOString()} is in the future`);

    const formName = required('form', 'form');
    if (formName.error) return formName.error;
    const versionText = readers.formVersion(cells);
    const candidates = formsByKey.get(formName.value) ?? formsByKey.get(formName.value.trim().toLowerCase()) ?? [];
    const form =
      versionText === null
        ? candidates.reduce<ImportForm | null>((a, b) => (a && a.version > b.version ? a : b), null)
        : (candidates.find((f) => String(f.version) === versionText.replace(/^v/i, '')) ?? null);
    if (!form) {
      const version = versionText === null ? '' : ` version ${versionText}`;
      return reject('form', `form: no published form '${formName.value}'${version}`);
    }

    const answers: Record<string, Answer> = {};
    for (const answer of answerReaders.get(form.id)!) {
      const criterion = criteriaOf(form.content).find((c) => c.key === answer.key)!;
      if (answer.column === null) {
        return reject(null, `answer: no column answers "${answer.key}" of form '${form.key}' v${form.version}`, null);
      }
      const cell = answer.read(cells);
      const mapped = cell === null ? null : (answerValues.get(cell.toLowerCase()) ?? cell);
      const result = readAnswer(mapped, criterion, na, blankIsNa);
      if (!result.ok) return reject(null, `answer: ${result.reason}`, answer.column);
      answers[answer.key] = { value: result.value, rootCause: null };
    }

    const warnings: RowWarning[] = [];
    const warn = (field: ReviewFieldName, reason: string) => warnings.push({ line, column: columnOf(field), reason });
    const causes = readers.rootCauses(cells);
    for (const { criterion, cause } of causes === null ? [] : splitRootCauses(causes)) {
      const key = rootCauseMap.get(cause.toLowerCase()) ?? cause.toLowerCase().replace(/[\s-]+/g, '_');
      const target =
        criterion === null ? undefined : criteriaOf(form.content).find((c) => c.key === criterion.toLowerCase());
      const problem =
        target === undefined
          ? `root cause '${cause}' names no criterion of form '${form.key}' (write criterion: cause)`
          : !target.rootCauses.includes(key)
            ? `root cause '${cause}' is not one of "${target.key}": ${target.rootCauses.join(', ')}`
            : null;
      if (problem === null) answers[target!.key] = { ...answers[target!.key]!, rootCause: key };
      else if (unknownRootCause === 'reject') return reject('rootCauses', problem);
      else warn('rootCauses', `${problem}; the root cause was left out`);
    }

    let feedback = readers.feedback(cells) ?? '';
    if (feedback.length > LIMITS.feedback || feedback.includes('\u0000')) {
      warn(
        'feedback',
        `feedback: ${feedback.length} characters over the limit of ${LIMITS.feedback} or a NUL character; the value was left empty`,
      );
      feedback = '';
    }
    const vendorName = readers.vendor(cells);
    let toolScore: number | null = null;
    const toolText = readers.toolScore(cells);
    if (toolText !== null) {
      const parsed = readToolScore(toolText);
      if (!parsed.ok) warn('toolScore', `${parsed.reason}; the value was left empty`);
      else {
        toolScore = parsed.score;
        const ours = scoreReview(form.content, answers).score;
        if (ours === null || Math.abs(ours - parsed.score) >= SCORE_TOLERANCE) {
          const oursText = ours === null ? 'none (every answer N/A)' : String(Math.round(ours * 100) / 100);
          warn(
            'toolScore',
            `tool score ${Math.round(parsed.score * 100) / 100} differs from ours, ${oursText} (the form's rule); both are kept`,
          );
        }
      }
    }
    if (errors.failed) return reject(null, errors.reason, errors.column);
    return {
      ok: true,
      value: {
        caseSource,
        caseId: caseId.value,
        reviewId: reviewId.value,
        formId: form.id,
        reviewerName: reviewer.value,
        reviewerKind,
        vendorName,
        reviewedAt: new Date(at),
        feedback,
        toolScore,
        answers,
      },
      warnings,
    };
  }

  return { missingColumns: [...missing], readColumns: read, normalise };
}
