/** The review dry run's answer; the accounting has the shape of a case dry run's (imports.schemas.ts). */
import Type from 'typebox';
import { AccountedRow, DryRun, Reject } from './imports.schemas.ts';

const Answer = Type.Object({
  value: Type.Union([Type.Integer(), Type.Null()]),
  rootCause: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const ImportedReview = Type.Object({
  caseSource: Type.Union([Type.String(), Type.Null()]),
  caseId: Type.String(),
  reviewId: Type.String(),
  formId: Type.Integer(),
  reviewerName: Type.String(),
  reviewerKind: Type.Union([Type.Literal('internal'), Type.Literal('vendor')]),
  vendorName: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.String({ format: 'date-time' }),
  feedback: Type.String(),
  toolScore: Type.Union([Type.Number(), Type.Null()], { description: "The QA tool's own score, 0..100" }),
  answers: Type.Record(Type.String(), Answer),
});

export const ReviewDryRun = Type.Object({
  headers: Type.Array(Type.String()),
  preset: Type.Union([Type.Object({ key: Type.String(), version: Type.Integer() }), Type.Null()]),
  mapping: Type.Unknown(),
  rowsRead: Type.Integer(),
  rows: Type.Array(Type.Object({ line: Type.Integer(), review: ImportedReview })),
  rejects: Type.Array(Reject),
  warnings: Type.Array(AccountedRow),
  skipped: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
  accounting: DryRun.properties.accounting,
  unreadColumns: Type.Array(Type.String({ description: 'File columns no field reads and no criterion answers' })),
});
