import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../domain/errors.js';
import { redactResidentIds } from '../domain/identifiers/resident-id.js';
import type { Logger } from '../platform/logger.js';
import { TOO_COMPLEX } from './validation-rules.js';

/** Codes GraphQL itself, Apollo or we produce that are safe to pass to the client as they are. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  TOO_COMPLEX,
]);

/** GraphQL's "Did you mean …?" hints: in production they would map the schema for a caller. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A DomainError as the GraphQL error the client sees. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ?? {}),
      ...(error.code === 'UNAUTHENTICATED' ? { http: { status: 401 } } : {}),
      ...(error.code === 'RATE_LIMITED' ? { http: rateLimitedHttp(error.details?.retryAfterSeconds) } : {}),
    },
  });
}

/** 429 with `Retry-After` (Apollo applies an error's `extensions.http` to the response). */
function rateLimitedHttp(retryAfterSeconds: unknown) {
  return {
    status: 429,
    headers: new Map([
      ['retry-after', String(typeof retryAfterSeconds === 'number' ? retryAfterSeconds : 1)],
    ]),
  };
}

/** Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; a limit refusal keeps its own. */
function limitCode(error: unknown): string | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && original.extensions.code === TOO_COMPLEX
    ? TOO_COMPLEX
    : undefined;
}

/**
 * The one place errors become client-visible: domain refusals keep their code and field; anything
 * unexpected is logged with a correlation id and masked, so no stack trace or SQL ever leaks.
 */
export function createErrorFormatter(logger: Logger, options: { production: boolean }) {
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...(original.details ?? {}),
        },
      };
    }
    const code =
      limitCode(error) ??
      formatted.extensions?.code ??
      (isVariableError(original) ? 'BAD_USER_INPUT' : undefined);
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
      const message = options.production ? formatted.message.replace(SUGGESTION, '') : formatted.message;
      return { ...formatted, message, extensions: { ...extensions, code } };
    }
    const correlationId = randomUUID();
    logger.error({ err: original, correlationId, path: formatted.path }, 'internal error');
    return {
      message: `Internal server error (correlation id ${correlationId})`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    };
  };
  // GraphQL's parse, validation and coercion errors quote what the client sent: never a resident ID.
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return { ...result, message: redactResidentIds(result.message) };
  };
}

/**
 * A variable that does not fit its type (graphql-js's coercion error). Apollo marks these BAD_USER_INPUT
 * over HTTP; graphql-ws passes them on without a code, and they are the client's mistake all the same.
 */
function isVariableError(error: unknown): boolean {
  return error instanceof GraphQLError && !error.path && /^Variable "\$[^"]+" /.test(error.message);
}
