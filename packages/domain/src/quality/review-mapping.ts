/**
 * The mapping document of a review import (a vendor's own QA export, or internal QA kept in a spreadsheet):
 * data, never code, validated with TypeBox like the case mapping document, whose field sources, file options
 * and skip conditions it reuses. `compileReviewMapping` (review-normalise.ts) turns it into a row normaliser.
 * Reference with examples: docs/imports.md "Review imports".
 */
import Type, { type Static } from 'typebox';
import { SOURCES } from '../mapping/canonical.ts';
import {
  addSourceColumns,
  ColumnSource,
  Condition,
  FieldSource,
  FileOptions,
  validateDocument,
} from '../mapping/document.ts';

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9_]{0,62}$' });
const optional = Type.Optional(FieldSource);

export const ReviewMappingFields = Type.Object(
  {
    /** The help desk the case came from (`zendesk`, …); without it the case id alone must name one case. */
    caseSource: optional,
    caseId: FieldSource,
    /** The review's id in the QA tool: a later row with the same id replaces an earlier one. */
    reviewId: FieldSource,
    /** The form's key or its name; `formVersion` picks a version, else the latest published one. */
    form: FieldSource,
    formVersion: optional,
    reviewer: FieldSource,
    reviewedAt: FieldSource,
    /** Whose review: `internal` or `vendor` after the value map. */
    reviewerKind: FieldSource,
    /** The vendor whose QA made the review: the case must be that vendor's. Required on vendor reviews. */
    vendor: optional,
    feedback: optional,
    /** The tool's own overall score (`85`, `85%`, `0.85`, `17/20`), kept beside ours. */
    toolScore: optional,
    /** `criterion: cause` entries separated by `;` or `|`. */
    rootCauses: optional,
  },
  { additionalProperties: false },
);
export type ReviewMappingFields = Static<typeof ReviewMappingFields>;
export type ReviewFieldName = keyof ReviewMappingFields;

export const ReviewMappingDocument = Type.Object(
  {
    kind: Type.Literal('reviews'),
    /** The case source when the file carries none per row (`fields.caseSource` wins). */
    caseSource: Type.Optional(Type.Enum(SOURCES)),
    file: Type.Optional(FileOptions),
    fields: ReviewMappingFields,
    /**
     * Criterion key → the column that answers it. A criterion not listed is answered by the column whose
     * header is its key or its title (any case).
     */
    answers: Type.Optional(Type.Record(Key, ColumnSource)),
    /** Answer words → values, for every answer column (keys any case), e.g. `{ "Met": "1", "Not met": "0" }`. */
    answerValues: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 20 }))),
    /** How the file writes N/A (any case); default `N/A`, `NA`, `n.a.`, `-`, `not applicable`. */
    na: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    /** A blank answer cell: N/A, or unanswered (the row is rejected). Default unanswered. */
    blankAnswer: Type.Optional(Type.Union([Type.Literal('na'), Type.Literal('unanswered')])),
    /** The tool's root-cause wording → a root cause key of the form (keys any case). */
    rootCauseMap: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Key)),
    /** A root cause the criterion does not offer: a warning (left out, the review loaded) or a reject. */
    unknownRootCause: Type.Optional(Type.Union([Type.Literal('warn'), Type.Literal('reject')])),
    skip: Type.Optional(Type.Array(Condition, { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ReviewMappingDocument = Static<typeof ReviewMappingDocument>;

export const DEFAULT_NA = ['N/A', 'NA', 'n.a.', '-', 'not applicable'] as const;

export const validateReviewMappingDocument = (value: unknown) => validateDocument(ReviewMappingDocument, value);

/** The columns the document's fields and explicit answers read, split by whether a file must have them. */
export function reviewDocumentColumns(document: ReviewMappingDocument): { required: string[]; optional: string[] } {
  const required = new Set<string>();
  const optionalColumns = new Set<string>();
  const visit = (source: FieldSource) => addSourceColumns(source, required, optionalColumns);
  for (const source of Object.values(document.fields)) if (source) visit(source);
  for (const source of Object.values(document.answers ?? {})) visit(source);
  for (const condition of document.skip ?? []) required.add(condition.column);
  for (const column of required) optionalColumns.delete(column);
  return { required: [...required], optional: [...optionalColumns] };
}
