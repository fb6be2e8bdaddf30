/**
 * Which errors mean "the database is away" (answered DATABASE_UNAVAILABLE, 503) and which stay masked
 * internal errors. The behaviour under a real restart is checked by `npm run faults` (CI: --short).
 */
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../src/db/health.js';
import { formatError } from '../src/http/plugins.js';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('database unavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['an administrator shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['a connection exception', pgError('08006', 'connection failure')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a full pool', new Error('Knex: Timeout acquiring a connection. The pool is probably full.')],
    ['a connect timeout', new Error('timeout expired')],
  ])('%s is DATABASE_UNAVAILABLE, through GraphQL and cause chains', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const wrapped = new GraphQLError('x', { originalError: new Error('wrapper', { cause: err }) });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    const out = formatError(
      { message: String(err.message), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      wrapped,
    );
    expect(out.extensions).toEqual({ code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(out.message).not.toMatch(/ECONNREFUSED|administrator|Knex|pool|5432/);
  });

  it.each([
    ['a syntax error', pgError('42601', 'syntax error at or near "selec"')],
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a numeric overflow', pgError('22003', 'smallint out of range')],
    ['a closed pool', new Error('Unable to acquire a connection')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('%s stays a masked INTERNAL_SERVER_ERROR', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    const out = formatError(
      { message: err.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new GraphQLError('x', { originalError: err }),
    );
    expect(out).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
