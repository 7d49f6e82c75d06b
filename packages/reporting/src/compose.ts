/**
 * Composes one vendor-week's report email (subject, HTML, text, CSV attachment) from the database. The same
 * function serves the dashboard preview and the worker's send, so the preview is exactly what is sent.
 * Every read is filtered to the one vendor: nothing of another vendor can reach the message.
 */
import { gzipSync } from 'node:zlib';
import {
  attachmentFileName,
  buildReportModel,
  localDay,
  type ReportModel,
} from '@scorecard/domain/reports/report-model';
import { renderReportHtml, renderReportText } from '@scorecard/domain/reports/report-render';
import { CSV_BOM } from '@scorecard/domain/csv';
import { reportCsvHeaderLine, reportCsvLine } from '@scorecard/domain/reports/report-csv';
import type { WeekStart } from '@scorecard/domain/weeks';
import type { Db } from '@scorecard/db/database';
import { openActionItems } from '@scorecard/db/reports/action-items';
import { streamReportCases } from '@scorecard/db/reports/report-cases';
import { termsForVendors, type VendorTerms } from '@scorecard/db/terms/formulas';
import { qualityReportData } from '@scorecard/db/quality/report';
import type { ReportQualityInput } from '@scorecard/domain/reports/report-quality';
import { describeRuleChoices } from '@scorecard/domain/quality/scoring';
import { loadVendorWeekScorecard, type VendorWeekScorecard } from './scorecard.ts';

/** Above this size the CSV is attached gzipped: many mail servers refuse messages over 10–25 MB. */
export const GZIP_ATTACHMENT_ABOVE_BYTES = 5 * 1024 * 1024;

export interface ReportAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  rows: number;
  bytes: number;
  gzipped: boolean;
}

export interface ComposedReport {
  vendor: { id: number; name: string; recipients: string[] };
  week: WeekStart;
  model: ReportModel;
  subject: string;
  html: string;
  text: string;
  attachment: ReportAttachment;
}

export interface ComposeOptions {
  publicUrl: string;
  /** When the report is composed: decides which action items are overdue (default: now). */
  now?: Date;
  gzipAboveBytes?: number;
}

/** undefined when the vendor does not exist. */
export async function composeReport(
  db: Db,
  vendorId: number,
  week: WeekStart,
  options: ComposeOptions,
): Promise<ComposedReport | undefined> {
  const vendor = await db
    .selectFrom('vendors')
    .select(['id', 'name', 'time_zone', 'report_recipients'])
    .where('id', '=', vendorId)
    .executeTakeFirst();
  if (!vendor) return undefined;

  const today = localDay(options.now ?? new Date(), vendor.time_zone);
  const [scorecard, actionItems, csv, terms, quality] = await Promise.all([
    loadVendorWeekScorecard(db, vendorId, week),
    openActionItems(db, vendorId, today),
    buildCsv(db, vendorId, week),
    termsForVendors(db, [vendorId], week),
    qualityReportData(db, vendorId, week),
  ]);
  const formulas = terms.get(vendorId)?.formulas;
  const gzipped = csv.content.length > (options.gzipAboveBytes ?? GZIP_ATTACHMENT_ABOVE_BYTES);
  const content = gzipped ? gzipSync(csv.content) : csv.content;
  const attachment: ReportAttachment = {
    fileName: attachmentFileName(vendor.name, week, gzipped),
    contentType: gzipped ? 'application/gzip' : 'text/csv; charset=utf-8',
    content,
    rows: csv.rows,
    bytes: content.length,
    gzipped,
  };
  const model = buildReportModel({
    vendor: { id: vendor.id, name: vendor.name },
    week,
    metrics: scorecard.metrics.map((m) => ({ ...m, formula: formulas?.[m.key] })),
    composite: scorecard.composite,
    actionItems,
    quality: qualityInput(scorecard, terms.get(vendorId), quality),
    publicUrl: options.publicUrl,
    attachment: {
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      rows: attachment.rows,
      bytes: attachment.bytes,
      gzipped,
    },
  });
  return {
    vendor: { id: vendor.id, name: vendor.name, recipients: vendor.report_recipients },
    week,
    model,
    subject: model.subject,
    html: renderReportHtml(model),
    text: renderReportText(model),
    attachment,
  };
}

/** The quality block: the scorecard's quality cells (the dashboard's numbers) and the week's lists. */
function qualityInput(
  scorecard: VendorWeekScorecard,
  terms: VendorTerms | undefined,
  data: Awaited<ReturnType<typeof qualityReportData>>,
): ReportQualityInput {
  const cell = (key: string) => scorecard.metrics.find((m) => m.key === key);
  const score = cell('quality_score');
  const gap = cell('calibration_gap');
  return {
    score: { value: score?.value ?? null, n: score?.sample ?? 0, interval: scorecard.qualityScoreInterval },
    rules: (terms?.qualityRules ?? []).map(describeRuleChoices),
    calibrationGap: { value: gap?.value ?? null, pairs: gap?.sample ?? 0 },
    ...data,
  };
}

async function buildCsv(db: Db, vendorId: number, week: WeekStart): Promise<{ content: Buffer; rows: number }> {
  // A UTF-8 byte-order mark so that spreadsheets open non-ASCII names correctly.
  const chunks: string[] = [CSV_BOM, reportCsvHeaderLine()];
  let rows = 0;
  for await (const row of streamReportCases(db, vendorId, week)) {
    chunks.push(reportCsvLine(row));
    rows += 1;
  }
  return { content: Buffer.from(chunks.join(''), 'utf8'), rows };
}
