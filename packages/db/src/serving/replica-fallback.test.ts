import { describe, expect, it } from 'vitest';
import { isConnectionFailure, isRecoveryConflict } from './replica-fallback.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionFailure', () => {
  it.each([
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5433', 'ECONNREFUSED')],
    ['reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['shut down', withCode('terminating connection due to administrator command', '57P01')],
    ['starting up', withCode('the database system is starting up', '57P03')],
    ['connection exception', withCode('connection failure', '08006')],
    ['socket ended', new Error('Connection terminated unexpectedly')],
    ['connect timeout', new Error('timeout exceeded when trying to connect')],
    ['no answer within query_timeout', new Error('Query read timeout')],
    ['statement_timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['every address refused', new AggregateError([withCode('refused', 'ECONNREFUSED')])],
  ])('a server gone (%s) is a connection failure', (_, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['syntax', withCode('syntax error at or near "SELEC"', '42601')],
    ['division', withCode('division by zero', '22012')],
    ['recovery conflict', withCode('canceling statement due to conflict with recovery', '40001')],
    ['not an error', 'ECONNREFUSED'],
  ])('an error of the query (%s) is not', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });

  it.each([
    ['lock, snapshot or pin conflict', withCode('canceling statement due to conflict with recovery', '40001'), true],
    ['deadlock with recovery', withCode('canceling statement due to conflict with recovery', '40P01'), true],
    ['connection', withCode('connect ECONNREFUSED 127.0.0.1:5433', 'ECONNREFUSED'), false],
    ['syntax', withCode('syntax error at or near "SELEC"', '42601'), false],
    ['not an error', '40001', false],
  ])('a recovery conflict (%s): %s', (_, error, expected) => {
    expect(isRecoveryConflict(error)).toBe(expected);
  });
});
