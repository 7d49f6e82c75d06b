/**
 * Review forms: drafts are edited in place; publishing writes the relational criteria that
 * `quality_score_reviews` (migrations/0029) scores with and freezes the form (a trigger refuses later edits); a new version
 * is a new draft copied from the latest.
 */
import { criteriaOf, scaleMax, scaleMin, type FormContent } from '@scorecard/domain/quality/forms';
import type { Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';

export interface FormRow {
  id: number;
  key: string;
  version: number;
  status: 'draft' | 'published';
  content: FormContent;
  createdAt: Date;
  publishedAt: Date | null;
}

function formRow(r: {
  id: number;
  key: string;
  version: number;
  status: string;
  content: unknown;
  created_at: Date;
  published_at: Date | null;
}): FormRow {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    status: r.status as FormRow['status'],
    content: r.content as FormContent,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  };
}

const formColumns = ['id', 'key', 'version', 'status', 'content', 'created_at', 'published_at'] as const;

function contentColumns(content: FormContent) {
  return {
    name: content.name,
    kind: content.kind,
    na_rule: content.rule.na,
    critical_rule: content.rule.critical,
    content: JSON.stringify(content),
  };
}

export async function createForm(db: Db | Transaction<DB>, key: string, content: FormContent, userId: number | null) {
  const row = await db
    .insertInto('quality_forms')
    .values({ key, version: 1, ...contentColumns(content), created_by: userId })
    .returning(formColumns)
    .executeTakeFirstOrThrow();
  return formRow(row);
}

/** Replaces a draft's content; null when `id` is no draft (published forms are frozen). */
export async function updateDraft(db: Db, id: number, content: FormContent): Promise<FormRow | null> {
  const row = await db
    .updateTable('quality_forms')
    .set(contentColumns(content))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning(formColumns)
    .executeTakeFirst();
  return row ? formRow(row) : null;
}

/** Publishes a draft: criteria first (the trigger refuses them on a published form), then the status. */
export async function publishForm(trx: Transaction<DB>, id: number): Promise<FormRow | null> {
  const draft = await trx
    .selectFrom('quality_forms')
    .select(formColumns)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .forUpdate()
    .executeTakeFirst();
  if (!draft) return null;
  const content = draft.content as FormContent;
  const sections = new Map(content.sections.map((s) => [s.key, s]));
  await trx
    .insertInto('quality_form_criteria')
    .values(
      criteriaOf(content).map((c, position) => ({
        form_id: id,
        key: c.key,
        section_key: c.sectionKey,
        section_title: sections.get(c.sectionKey)!.title,
        section_weight: sections.get(c.sectionKey)!.weight,
        position,
        title: c.title,
        scale_min: scaleMin(c.scale),
        scale_max: scaleMax(c.scale),
        allow_na: c.allowNa,
        critical: c.critical,
        root_causes: c.rootCauses,
      })),
    )
    .execute();
  const row = await trx
    .updateTable('quality_forms')
    .set({ status: 'published', published_at: new Date() })
    .where('id', '=', id)
    .returning(formColumns)
    .executeTakeFirstOrThrow();
  return formRow(row);
}

/** A new draft version copied from the form's latest version; null when there is none or a draft exists. */
export async function newVersion(db: Db, id: number, userId: number | null): Promise<FormRow | null> {
  const base = await db.selectFrom('quality_forms').select(['key']).where('id', '=', id).executeTakeFirst();
  if (!base) return null;
  const latest = await db
    .selectFrom('quality_forms')
    .select(formColumns)
    .where('key', '=', base.key)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  if (latest.status === 'draft') return null;
  const content = latest.content as FormContent;
  const row = await db
    .insertInto('quality_forms')
    .values({ key: base.key, version: latest.version + 1, ...contentColumns(content), created_by: userId })
    .returning(formColumns)
    .executeTakeFirstOrThrow();
  return formRow(row);
}

export async function findForm(db: Db | Transaction<DB>, id: number): Promise<FormRow | null> {
  const row = await db.selectFrom('quality_forms').select(formColumns).where('id', '=', id).executeTakeFirst();
  return row ? formRow(row) : null;
}

export async function listForms(db: Db): Promise<FormRow[]> {
  const rows = await db.selectFrom('quality_forms').select(formColumns).orderBy('key').orderBy('version').execute();
  return rows.map(formRow);
}
