import { destination as fileDestination, pino, type DestinationStream, type Logger } from 'pino';
import { redactResidentIds } from '../domain/identifiers/resident-id.js';

export type { Logger };

/**
 * Structured JSON logs (pino), to stdout or `destination` (tests read what the server writes). Resident
 * IDs, passwords and tokens are redacted by key; and every line is rid of anything shaped like a resident
 * ID before it is written, wherever it came from (an error message quoting a client's input, say).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
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
  };
  const target = destination ?? fileDestination(1);
  return pino(options, { write: (line: string) => target.write(redactResidentIds(line)) });
}
