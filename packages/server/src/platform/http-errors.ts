import { randomUUID } from 'node:crypto';
import { sendJson, type ErrorMiddleware } from './http-middleware.js';
import type { Logger } from './logger.js';

/**
 * The last word on errors met outside GraphQL (by Express or by the POST /graphql lane): a
 * GraphQL-shaped answer with a code, never Express's default page, which shows the stack trace outside
 * production. The body parser's own
 * refusals (not JSON, too large) are answered before this by `bodyErrors` (http-security.ts); any
 * other client error is BAD_REQUEST, and anything else is logged with a correlation id.
 */
export function httpErrorHandler(logger: Logger): ErrorMiddleware {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendJson(res, status, { errors: [{ message: 'bad request', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    const correlationId = randomUUID();
    logger.error({ err: error, correlationId }, 'internal error');
    sendJson(res, 500, {
      errors: [
        {
          message: `Internal server error (correlation id ${correlationId})`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
        },
      ],
    });
  };
}
