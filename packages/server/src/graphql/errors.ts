import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../domain/errors.js';
import { redactResidentIds } from '../domain/identifiers/resident-id.js';
import type { Logger } from '../platform/logger.js';

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
]);

/** A DomainError as the GraphQL error the client sees. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ?? {}),
      ...(error.code === 'UNAUTHENTICATED' ? { http: { status: 401 } } : {}),
    },
  });
}

/**
 * The one place errors become client-visible: domain refusals keep their code and field; anything
 * unexpected is logged with a correlation id and masked, so no stack trace or SQL ever leaks.
 */
export function createErrorFormatter(logger: Logger) {
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
    const code = formatted.extensions?.code ?? (isVariableError(original) ? 'BAD_USER_INPUT' : undefined);
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
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
