/**
 * The SMTP transport, built from config (host, port, TLS, auth). One per send: reports go out once a week
 * per vendor, so a pooled connection would only sit idle.
 */
import type { Config } from '@scorecard/config';
import nodemailer from 'nodemailer';

export function createMailer(smtp: Config['smtp']) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
  });
}
