import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { ErrorMiddleware, Middleware } from './http-middleware.js';

// The lane's options are made of these.
export type { ErrorMiddleware, Middleware } from './http-middleware.js';

export interface GraphqlPostOptions<T extends BaseContext> {
  readonly apollo: ApolloServer<T>;
  readonly context: (req: IncomingMessage) => Promise<T>;
  /** Run in order before Apollo (headers, CORS, the JSON body parser); any may answer or fail. */
  readonly middleware: readonly Middleware[];
  /** Run in order on a failure (the body parser's refusals, then the last-resort handler). */
  readonly errorMiddleware: readonly ErrorMiddleware[];
}

/**
 * `POST /graphql` served without Express: the same middleware in the same order, then Apollo, as
 * `expressMiddleware` would run it. Express gives every request and response a new prototype and
 * walks its router before the first middleware runs; on the API's busiest path (a slot claim) that was
 * about a sixth of the server's CPU per request (docs/capacity-benchmark.md). Every other request,
 * `GET /graphql` and CORS preflights included, still goes through Express.
 */
export function graphqlPost<T extends BaseContext>(
  options: GraphqlPostOptions<T>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, context, middleware, errorMiddleware } = options;

  const fail = (error: unknown, req: IncomingMessage, res: ServerResponse, index = 0): void => {
    const handler = errorMiddleware[index];
    if (handler) {
      try {
        handler(error, req, res, (next) => fail(next ?? error, req, res, index + 1));
      } catch {
        res.destroy();
      }
      return;
    }
    // Nobody could answer (the answer had already begun): end the exchange rather than hang it.
    res.destroy();
  };

  const answer = async (req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: req.body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('Content-Length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    const step =
      (index: number) =>
      (error?: unknown): void => {
        if (error !== undefined && error !== null) return fail(error, req, res);
        const next = middleware[index];
        if (!next) {
          answer(req, res).catch((failure: unknown) => fail(failure, req, res));
          return;
        }
        // As Express does: a middleware that throws is answered, never left to crash the process.
        try {
          next(req, res, step(index + 1));
        } catch (failure) {
          fail(failure, req, res);
        }
      };
    step(0)();
  };
}
