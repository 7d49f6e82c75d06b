/**
 * HTML and plain-text renderings of a report. The HTML is built for mail clients, not browsers: layout
 * tables, inline styles only, no external CSS, fonts, images or scripts (Outlook and Gmail drop them).
 * Every value from data is escaped.
 */
import type { FormattedMetric, ReportActionItem, ReportModel } from './report-model.ts';
import type { Status } from '../metrics/targets.ts';
import { escapeHtml } from './html.ts';
import { renderQualityHtml, renderQualityText } from './report-quality.ts';

export { escapeHtml };

const FONT = 'font-family:Segoe UI,Helvetica,Arial,sans-serif;';
const CELL = `${FONT}font-size:14px;color:#1f2933;padding:8px 10px;border-bottom:1px solid #e4e7eb;`;
const HEAD = `${FONT}font-size:12px;color:#52606d;padding:8px 10px;border-bottom:2px solid #cbd2d9;text-align:left;text-transform:uppercase;letter-spacing:0.04em;`;

const STATUS_COLOURS: Record<Status, { fg: string; bg: string }> = {
  met: { fg: '#05603a', bg: '#d1fadf' },
  at_risk: { fg: '#93370d', bg: '#fef0c7' },
  missed: { fg: '#912018', bg: '#fee4e2' },
  low_sample: { fg: '#344054', bg: '#eaecf0' },
  no_target: { fg: '#344054', bg: '#f2f4f7' },
  no_data: { fg: '#344054', bg: '#f2f4f7' },
};
const SENSE_COLOURS = { better: '#05603a', worse: '#912018', same: '#52606d', none: '#52606d' } as const;

export function renderReportHtml(model: ReportModel): string {
  const e = escapeHtml;
  const composite = model.composite
    ? `<p style="${FONT}font-size:14px;color:#1f2933;margin:0 0 16px;">Composite score: <strong>${e(model.composite)}</strong> / 100</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f5f7fa;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f5f7fa;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid #e4e7eb;">
<tr><td style="padding:24px;">
<h1 style="${FONT}font-size:20px;color:#102a43;margin:0 0 4px;">${e(model.vendorName)}: weekly scorecard</h1>
<p style="${FONT}font-size:14px;color:#52606d;margin:0 0 16px;">Week ${e(model.weekLabel)} (${e(model.weekRange)})</p>
${composite}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr><th style="${HEAD}">Metric</th><th style="${HEAD}text-align:right;">Value</th><th style="${HEAD}text-align:right;">Target</th><th style="${HEAD}">Status</th><th style="${HEAD}text-align:right;">vs last week</th></tr>
${model.metrics.map(metricRow).join('\n')}
</table>
${renderQualityHtml(model.quality, FONT)}
${actionItemsHtml(model.actionItems)}
<p style="${FONT}font-size:14px;color:#1f2933;margin:24px 0 0;">
<a href="${e(model.dashboardUrl)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:4px;${FONT}font-size:14px;">Open the scorecard in the dashboard</a>
</p>
<p style="${FONT}font-size:12px;color:#52606d;margin:16px 0 0;">Attached: ${e(model.attachment.fileName)}, ${e(attachmentScope(model.attachment.rows))}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function metricRow(m: FormattedMetric): string {
  const e = escapeHtml;
  const colours = STATUS_COLOURS[m.status];
  const badge = `<span style="display:inline-block;padding:2px 8px;border-radius:10px;background:${colours.bg};color:${colours.fg};${FONT}font-size:12px;font-weight:600;">${e(m.statusLabel)}</span>`;
  const formula = m.formula ? `<div style="${FONT}font-size:11px;color:#667085;">${e(m.formula)}</div>` : '';
  return `<tr><td style="${CELL}">${e(m.label)}${formula}</td><td style="${CELL}text-align:right;white-space:nowrap;">${e(m.value)}</td><td style="${CELL}text-align:right;white-space:nowrap;">${e(m.target)}</td><td style="${CELL}">${badge}</td><td style="${CELL}text-align:right;white-space:nowrap;color:${SENSE_COLOURS[m.changeSense]};font-weight:${m.changeSignificant ? 700 : 400};">${e(m.change || '—')}</td></tr>`;
}

function actionItemsHtml(items: readonly ReportActionItem[] | null): string {
  if (items === null) return '';
  const e = escapeHtml;
  const heading = `<h2 style="${FONT}font-size:16px;color:#102a43;margin:24px 0 8px;">Open action items</h2>`;
  if (items.length === 0)
    return `${heading}<p style="${FONT}font-size:14px;color:#52606d;margin:0;">No open action items.</p>`;
  const rows = items
    .map(
      (item) =>
        `<tr><td style="${CELL}">${e(item.description)}</td><td style="${CELL}">${e(item.owner ?? '—')}</td><td style="${CELL}white-space:nowrap;${item.overdue ? 'color:#912018;font-weight:600;' : ''}">${e(item.dueDate ?? '—')}${item.overdue ? ' (overdue)' : ''}</td><td style="${CELL}">${item.status === 'in_progress' ? 'In progress' : 'Open'}</td></tr>`,
    )
    .join('\n');
  return `${heading}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr><th style="${HEAD}">Action</th><th style="${HEAD}">Owner</th><th style="${HEAD}">Due</th><th style="${HEAD}">Status</th></tr>
${rows}
</table>`;
}

export function renderReportText(model: ReportModel): string {
  const lines = [`${model.vendorName}: weekly scorecard`, `Week ${model.weekLabel} (${model.weekRange})`, ''];
  if (model.composite) lines.push(`Composite score: ${model.composite} / 100`, '');
  const width = Math.max(...model.metrics.map((m) => m.label.length), 6);
  for (const m of model.metrics) {
    const change = m.change ? `, ${m.change} vs last week` : '';
    lines.push(`${m.label.padEnd(width)}  ${m.value}  (target ${m.target}; ${m.statusLabel}${change})`);
  }
  const formulas = model.metrics.filter((m) => m.formula);
  if (formulas.length > 0) lines.push('', 'Computed under these terms', ...formulas.map((m) => `  ${m.formula}`));
  lines.push(...renderQualityText(model.quality));
  if (model.actionItems !== null) {
    lines.push('', 'Open action items');
    if (model.actionItems.length === 0) lines.push('  none');
    for (const item of model.actionItems) {
      const due = item.dueDate ? `, due ${item.dueDate}${item.overdue ? ' (OVERDUE)' : ''}` : '';
      lines.push(`- ${item.description} (${item.owner ?? 'no owner'}${due})`);
    }
  }
  lines.push(
    '',
    `Dashboard: ${model.dashboardUrl}`,
    `Attached: ${model.attachment.fileName}, ${attachmentScope(model.attachment.rows)}`,
    '',
  );
  return lines.join('\n');
}

/**
 * What the attachment holds, said beside its count: every case any metric attributes to the week (created,
 * solved or surveyed in it), so it can list more cases than the volume, which counts the cases created.
 */
export function attachmentScope(rows: number): string {
  return `${rows.toLocaleString('en-GB')} case(s): every case attributed to this week by any of its metrics (created, solved or surveyed in the week), so more than the volume when cases created earlier were solved or surveyed in it; the in_*_week columns say which.`;
}
