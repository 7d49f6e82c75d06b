/**
 * The SMTP transport, built from config (host, port, TLS, auth). One per send: reports go out once a week
 * per vendor, so a pooled connection would only sit idle.
 */
import type { Config } from '@scorecard/config';
import nodemailer from 'nodemailer';

const SMTP_TIMEOUT_MS = 30_000;

export function createMailer(smtp: Config['smtp']) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
}
