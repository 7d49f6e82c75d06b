/**
 * The shared statements a weekly report email carries (docs/credits.md "In the weekly email"): the vendor's
 * statements past draft that no delivery has carried yet are claimed by the delivery being sent, in one
 * statement, so two deliveries never both claim one; the delivery's retries find them again by its id. Statements
 * shared before the email carried statements (`report_exempt`, docs/credits.md) are never claimed. Each is
 * attached as its CSV with a BOM (packages/domain/src/credits/statement-view.ts, amounts shown: the recipients are the
 * vendor's, who see their own statements' amounts) and summarised for the body.
 */
import { moneyText } from '@scorecard/domain/credits/money';
import type { Statement } from '@scorecard/domain/credits/statement';
import { statementCsv, withAmounts } from '@scorecard/domain/credits/statement-view';
import { escapeHtml } from '@scorecard/domain/reports/report-render';
import type { Db } from '../database.ts';

export interface StatementMail {
  attachments: { filename: string; content: Buffer; contentType: string }[];
  /** Appended to the text body; empty when no statement rides along. */
  text: string;
  /** Inserted before the HTML body's end; empty when no statement rides along. */
  html: string;
}

export async function claimStatementsForDelivery(db: Db, deliveryId: number, vendorId: number): Promise<StatementMail> {
  await db
    .updateTable('credit_statements')
    .set({ report_delivery_id: deliveryId })
    .where('vendor_id', '=', vendorId)
    .where('status', '<>', 'draft')
    .where('report_delivery_id', 'is', null)
    // Shared before the email carried statements (migration 0030): never attached.
    .where('report_exempt', '=', false)
    .execute();
  const rows = await db
    .selectFrom('credit_statements as s')
    .innerJoin('vendors as v', 'v.id', 's.vendor_id')
    .select(['s.id', 's.month', 's.status', 's.computed', 'v.name'])
    .where('s.report_delivery_id', '=', deliveryId)
    .where('s.vendor_id', '=', vendorId)
    .orderBy('s.month')
    .execute();
  if (rows.length === 0) return { attachments: [], text: '', html: '' };
  const disputes = await db
    .selectFrom('credit_disputes')
    .select(['statement_id', 'metric', 'status', 'waived_minor'])
    .where(
      'statement_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();

  const summaries: string[] = [];
  const attachments = rows.map((row) => {
    const month = row.month.slice(0, 7);
    const statement = row.computed as unknown as Statement;
    const view = {
      ...withAmounts(
        statement,
        new Map(
          disputes
            .filter((d) => d.statement_id === row.id)
            .map((d) => [d.metric, { status: d.status, waivedMinor: d.waived_minor }]),
        ),
        true,
      ),
      month,
      status: row.status,
    };
    const defaults = statement.lines.filter((l) => l.chargedMinor > 0).map((l) => l.metric);
    summaries.push(
      `Service credit statement ${month} (${row.status}): net ${moneyText(statement.netMinor, statement.currency)}` +
        ` (credits ${moneyText(statement.creditsMinor, statement.currency)}, earn-back ` +
        `${moneyText(statement.earnBackMinor, statement.currency)}, bonus ${moneyText(statement.bonusMinor, statement.currency)}); ` +
        `${statement.lines.length} level(s), ${defaults.length === 0 ? 'none charged' : `charged: ${defaults.join(', ')}`}.`,
    );
    return {
      filename: `statement-${month}.csv`,
      content: Buffer.from(statementCsv(view, row.name), 'utf8'),
      contentType: 'text/csv; charset=utf-8',
    };
  });
  const note = 'The statement is attached as CSV; the figures, formulas and cases behind them are on the dashboard.';
  return {
    attachments,
    text: `\n\n${summaries.join('\n')}\n${note}\n`,
    html: `<h2>Service credits</h2>\n<ul>${summaries.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>\n<p>${escapeHtml(note)}</p>\n`,
  };
}
