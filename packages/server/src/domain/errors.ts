/** The stable error codes of the API (`extensions.code`). */
export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

/**
 * A refusal the caller can act on. Domain code throws these; the GraphQL boundary maps them once to
 * `extensions.code` (plus `field` for bad input). Anything else is an internal error and is masked.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The offending input field, as a dotted path (`input.patient.residentId`). */
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    // A refusal is an expected answer, not a bug: skip capturing a stack trace, which costs more than
    // the rest of a refused claim on a contended slot.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    // Its stack is this one line; as a plain value, reading it (graphql-js does, for every refusal) does
    // not go through the runtime's stack formatting.
    Object.defineProperty(this, 'stack', {
      value: `DomainError: ${message}`,
      writable: true,
      configurable: true,
    });
  }
}

export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('CONFLICT', message, undefined, details);
export const unauthenticated = (message: string) => new DomainError('UNAUTHENTICATED', message);
