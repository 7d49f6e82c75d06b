/**
 * Built-in mapping documents of review imports. The generic QA CSV (docs/imports.md "Review imports") is the
 * shape to ask a vendor's QA team for, or to save internal QA spreadsheets as: one row per review, one column
 * per criterion named by the criterion's key (or its title).
 */
import type { ReviewMappingDocument } from './review-mapping.ts';

export interface ReviewPreset {
  key: string;
  version: number;
  name: string;
  document: ReviewMappingDocument;
}

const column = (name: string, optional = false) => ({
  kind: 'column' as const,
  column: name,
  ...(optional ? { optional } : {}),
});

export const genericQaPreset: ReviewPreset = {
  key: 'qa-generic',
  version: 1,
  name: 'Generic QA review CSV',
  document: {
    kind: 'reviews',
    fields: {
      caseSource: column('case_source', true),
      caseId: column('case_id'),
      reviewId: column('review_id'),
      form: column('form'),
      formVersion: column('form_version', true),
      reviewer: column('reviewer'),
      reviewedAt: column('reviewed_at'),
      reviewerKind: {
        kind: 'column',
        column: 'review_by',
        map: { 'internal qa': 'internal', 'vendor qa': 'vendor', bpo: 'vendor', ours: 'internal' },
      },
      vendor: column('vendor', true),
      feedback: column('feedback', true),
      toolScore: column('score', true),
      rootCauses: column('root_causes', true),
    },
    na: ['N/A', 'NA', 'n.a.', '-', 'not applicable'],
    blankAnswer: 'na',
    rootCauseMap: {
      'agent error': 'agent_error',
      'sop unclear': 'sop_unclear_or_missing',
      'sop missing': 'sop_unclear_or_missing',
      'tool bug': 'tool_or_product_bug',
      'product bug': 'tool_or_product_bug',
    },
    unknownRootCause: 'warn',
  },
};

export const reviewPresets: readonly ReviewPreset[] = [genericQaPreset];
