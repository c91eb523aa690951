import type { CombinedError } from 'urql';
import type { Translate } from '../i18n';

/** `extensions.code` values of a result's GraphQL errors (UNAUTHENTICATED, BAD_USER_INPUT, ...). */
export function errorCodes(error: CombinedError): string[] {
  return error.graphQLErrors.flatMap((e) => {
    const code: unknown = e.extensions?.code;
    return typeof code === 'string' ? [code] : [];
  });
}

/**
 * True when the server no longer accepts our credentials: a GraphQL error coded
 * UNAUTHENTICATED, or a bare HTTP 401 (e.g. from a proxy in front of the API).
 */
export function isUnauthenticated(error: CombinedError): boolean {
  if (errorCodes(error).includes('UNAUTHENTICATED')) return true;
  const status: unknown = error.response?.status;
  return status === 401;
}

/**
 * What to show a person: the server's own messages (they are written for users and name the
 * offending field), or a translated line when the server could not be reached at all.
 */
export function describeError(error: CombinedError, t: Translate): string {
  const messages = error.graphQLErrors.map((e) => e.message).filter((m) => m.trim() !== '');
  if (messages.length > 0) return messages.join('；');
  if (error.networkError) return t('error.network');
  return t('error.unknown');
}

/**
 * The server's field-level messages (`BAD_USER_INPUT` with `extensions.field`), by field, so a form
 * can show each one at its field. Errors without a field are left to `describeError`.
 */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of error?.graphQLErrors ?? []) {
    const field: unknown = e.extensions?.field;
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') byField[field] ??= e.message;
  }
  return byField;
}
