import pino from 'pino';

/**
 * Structured JSON logs. Authorization headers, tokens and secrets are redacted wherever they appear;
 * resolvers log ids and codes, never field values.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'oversight-hub' },
    redact: {
      paths: [
        'req.headers.authorization',
        'authorization',
        'token',
        '*.token',
        'password',
        '*.password',
        'secret',
      ],
      censor: '[redacted]',
    },
  });
}
