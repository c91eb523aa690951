import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from './logger.js';

/**
 * The last word on errors Express itself meets before GraphQL runs — a body that is not JSON, one over
 * the size limit: a GraphQL-shaped answer with a code, never Express's default page, which shows the
 * stack trace outside production. Anything that is not a client error is logged with a correlation id.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = status === 413 ? 'the request body is too large' : 'the request body is not valid JSON';
      res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    const correlationId = randomUUID();
    logger.error({ err: error, correlationId }, 'internal error');
    res.status(500).json({
      errors: [
        {
          message: `Internal server error (correlation id ${correlationId})`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
        },
      ],
    });
  };
}
