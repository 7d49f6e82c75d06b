/**
 * Whether a failed SMTP send may be retried (docs/reports.md "Exactly once"). A retry is safe only when the
 * server cannot have accepted the message: it answered with a reply code (4xx/5xx at or before the end of
 * DATA means "not taken"), or the message never left (connection refused, no greeting, DNS, a check the
 * client made before talking to the server). Anything else (a socket timeout or a dropped connection while
 * waiting for the reply to the message) is `unknown`: the server may have stored it, so nothing resends it
 * automatically.
 */

/** The fields nodemailer puts on its errors (`code`, the system `originalCode`, `responseCode`, `timeoutType`, `command`). */
export interface SmtpFailure {
  code?: string | undefined;
  originalCode?: string | undefined;
  responseCode?: number | undefined;
  timeoutType?: string | undefined;
  command?: string | undefined;
}

export type SmtpFailureOutcome = 'refused' | 'unknown';

const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NEVER_CONNECTED_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

export function smtpFailureOutcome(failure: SmtpFailure): SmtpFailureOutcome {
  if (failure.responseCode !== undefined && failure.responseCode >= 400 && failure.responseCode < 600) {
    return 'refused';
  }
  if (failure.command === 'API') return 'refused';
  if (failure.code === 'EDNS' || failure.code === 'EAUTH' || failure.code === 'ETLS') return 'refused';
  if (failure.originalCode !== undefined && NEVER_CONNECTED_CODES.has(failure.originalCode)) return 'refused';
  if (failure.timeoutType !== undefined && NEVER_CONNECTED_TIMEOUTS.has(failure.timeoutType)) return 'refused';
  return 'unknown';
}
