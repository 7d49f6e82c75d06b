import { describe, expect, it } from 'vitest';
import { smtpFailureOutcome, type SmtpFailure, type SmtpFailureOutcome } from './smtp-outcome.ts';

describe('smtpFailureOutcome', () => {
  const cases: [string, SmtpFailure, SmtpFailureOutcome][] = [
    ['451 after DATA', { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, 'refused'],
    ['550 to RCPT TO', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'refused'],
    ['421 greeting', { code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'refused'],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, 'refused'],
    ['unknown host', { code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }, 'refused'],
    ['connect timeout', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT', command: 'CONN' }, 'refused'],
    ['no greeting', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', command: 'CONN' }, 'refused'],
    ['bad credentials', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'refused'],
    ['no recipients (client check)', { code: 'EENVELOPE', command: 'API' }, 'refused'],
    // The message may be stored: no reply was read after it was sent.
    ['socket timeout', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', command: 'CONN' }, 'unknown'],
    ['connection reset', { code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'CONN' }, 'unknown'],
    ['closed without reply', { code: 'ECONNECTION', command: 'CONN' }, 'unknown'],
    ['a plain error', {}, 'unknown'],
  ];
  it.each(cases)('%s → %s', (_name, failure, expected) => {
    expect(smtpFailureOutcome(failure)).toBe(expected);
  });
});
