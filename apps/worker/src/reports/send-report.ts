/**
 * Sends one vendor-week's report, at most once (docs/reports.md "Exactly once"):
 * compose → claim the delivery row (atomic; a second worker or a retry after success gets nothing) →
 * SMTP → mark sent with the server's answer. A definite refusal (a 4xx/5xx reply, connection refused:
 * domain `smtpFailureOutcome`) marks the row failed and is rethrown so that BullMQ retries with back-off;
 * the retry claims the failed row again. A failure after which the server may hold the message (a timeout
 * waiting for the reply to DATA) marks it `unknown` and ends the job without a retry, as does a crash after
 * the server accepted (the row stays `sending`): at-most-once. The deterministic Message-ID lets a person
 * find the message at the server before marking it sent or resending on purpose.
 */
import type { Config } from '@scorecard/config';
import type { Db } from '@scorecard/db/database';
import { claimStatementsForDelivery } from '@scorecard/db/credits/statement-mail';
import { composeReport } from '@scorecard/reporting/compose';
import {
  claimDelivery,
  claimScheduledDelivery,
  findDelivery,
  findScheduledDelivery,
  markDeliveryFailed,
  markDeliverySent,
  markDeliveryUnknown,
} from '@scorecard/db/reports/deliveries';
import { reportWeekFor } from '@scorecard/domain/reports/report-model';
import { smtpFailureOutcome, type SmtpFailure } from '@scorecard/domain/reports/smtp-outcome';
import { createMailer } from '../mailer.ts';

export interface SendReportRequest {
  vendorId: number;
  /** The week to report; absent for a scheduled run, which reports the week before `firedAt`. */
  week?: string | undefined;
  /** A resend row created by the API. */
  deliveryId?: number | undefined;
  firedAt: Date;
}

export type SendReportResult =
  | { outcome: 'sent'; deliveryId: number; week: string; messageId: string }
  | { outcome: 'unknown'; deliveryId: number; week: string; messageId: string; reason: string }
  | { outcome: 'skipped'; deliveryId: number | null; week: string; reason: string };

/** A failure that no retry can fix (unknown vendor, no recipients): the job must not be retried. */
export class PermanentReportError extends Error {
  override name = 'PermanentReportError';
}

export async function sendReport(db: Db, config: Config, request: SendReportRequest): Promise<SendReportResult> {
  const target = await resolveTarget(db, request);
  // A scheduler that fires before the archive removed it sends nothing (docs/definitions.md "Archived vendors").
  if (target.archived)
    return { outcome: 'skipped', deliveryId: null, week: target.week, reason: 'the vendor is archived' };
  const report = await composeReport(db, target.vendorId, target.week, { publicUrl: config.http.publicUrl });
  if (!report) throw new PermanentReportError(`Vendor ${target.vendorId} does not exist.`);
  const recipients = report.vendor.recipients;

  const claimed = target.deliveryId
    ? await claimDelivery(db, target.deliveryId, recipients)
    : await claimScheduledDelivery(db, target.vendorId, target.week, recipients);
  if (!claimed) {
    const existing = target.deliveryId
      ? await findDelivery(db, { kind: 'all' }, target.deliveryId)
      : await findScheduledDelivery(db, target.vendorId, target.week);
    return {
      outcome: 'skipped',
      deliveryId: existing?.id ?? null,
      week: target.week,
      reason: `delivery ${existing?.id ?? '?'} is already ${existing?.status ?? 'handled'}`,
    };
  }
  if (recipients.length === 0) {
    await markDeliveryFailed(db, claimed.id, 'The vendor has no report recipients.');
    throw new PermanentReportError(`Vendor ${target.vendorId} has no report recipients.`);
  }

  // Shared statements not yet emailed ride along, claimed by this delivery (its retries carry them again).
  const statements = await claimStatementsForDelivery(db, claimed.id, target.vendorId);
  const messageId = `<report-${claimed.id}.${target.vendorId}.${target.week}@${mailDomain(config.http.publicUrl)}>`;
  const mailer = createMailer(config.smtp);
  try {
    const info = await mailer.sendMail({
      from: config.smtp.from,
      to: recipients,
      subject: report.subject,
      html: statements.html ? report.html.replace('</body>', `${statements.html}</body>`) : report.html,
      text: `${report.text}${statements.text}`,
      messageId,
      attachments: [
        {
          filename: report.attachment.fileName,
          content: report.attachment.content,
          contentType: report.attachment.contentType,
        },
        ...statements.attachments,
      ],
    });
    await markDeliverySent(db, claimed.id, info.messageId || messageId, String(info.response ?? ''));
    return { outcome: 'sent', deliveryId: claimed.id, week: target.week, messageId: info.messageId || messageId };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (smtpFailureOutcome(error as SmtpFailure) === 'unknown') {
      // Not thrown: a retry could deliver a second copy. The job completes; the row waits for a person.
      await markDeliveryUnknown(db, claimed.id, messageId, reason);
      return { outcome: 'unknown', deliveryId: claimed.id, week: target.week, messageId, reason };
    }
    await markDeliveryFailed(db, claimed.id, reason);
    throw error;
  } finally {
    mailer.close();
  }
}

async function resolveTarget(db: Db, request: SendReportRequest) {
  if (request.deliveryId !== undefined) {
    const row = await findDelivery(db, { kind: 'all' }, request.deliveryId);
    if (!row || row.vendor_id !== request.vendorId) {
      throw new PermanentReportError(`No delivery ${request.deliveryId} for vendor ${request.vendorId}.`);
    }
    return { vendorId: row.vendor_id, week: row.week, deliveryId: row.id, archived: false };
  }
  if (request.week !== undefined)
    return { vendorId: request.vendorId, week: request.week, deliveryId: null, archived: false };
  const vendor = await db
    .selectFrom('vendors')
    .select(['time_zone', 'archived_at'])
    .where('id', '=', request.vendorId)
    .executeTakeFirst();
  if (!vendor) throw new PermanentReportError(`Vendor ${request.vendorId} does not exist.`);
  const week = reportWeekFor(request.firedAt, vendor.time_zone);
  return { vendorId: request.vendorId, week, deliveryId: null, archived: vendor.archived_at !== null };
}

function mailDomain(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'scorecard.invalid';
  } catch {
    return 'scorecard.invalid';
  }
}
