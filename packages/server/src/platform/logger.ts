import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino). Resident IDs, passwords and tokens are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'yilian' },
    redact: {
      paths: [
        'password',
        '*.password',
        'residentId',
        '*.residentId',
        '*.*.residentId',
        'token',
        '*.token',
        'req.headers.authorization',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
