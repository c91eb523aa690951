import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlPost, type Middleware } from './graphql-post.js';
import { httpErrorHandler } from './http-errors.js';
import { createLogger } from './logger.js';

// The lane's own plumbing, with Apollo stood in for: what happens when a middleware throws or fails.
// Its equivalence with Express over the real server is tested in test/transport-security.int.test.ts.

const answered: string[] = [];
const apollo = {
  executeHTTPGraphQLRequest: async () => {
    answered.push('apollo');
    return {
      status: 200,
      headers: new HeaderMap([['content-type', 'application/json']]),
      body: { kind: 'complete', string: '{"data":{}}' },
    };
  },
} as unknown as ApolloServer<BaseContext>;

const throwing: Middleware = (req, _res, next) => {
  if (req.headers['x-fail'] === 'throw') throw new Error('a middleware broke');
  if (req.headers['x-fail'] === 'next') return next(new Error('a middleware failed'));
  next();
};

let server: Server;
let url: string;

beforeAll(async () => {
  const lane = graphqlPost({
    apollo,
    context: async () => ({}),
    middleware: [throwing],
    errorMiddleware: [httpErrorHandler(createLogger('silent'))],
  });
  server = createServer(lane);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (fail?: string) =>
  fetch(url, { method: 'POST', headers: fail ? { 'x-fail': fail } : {}, body: '{}' });

describe('POST /graphql lane', () => {
  it('answers a middleware that throws, or passes an error on, with a masked 500 and keeps serving', async () => {
    for (const fail of ['throw', 'next']) {
      const response = await post(fail);
      expect(response.status).toBe(500);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(body)).not.toContain('broke');
    }
    expect(answered).toEqual([]);
    const fine = await post();
    expect(fine.status).toBe(200);
    expect(fine.headers.get('content-length')).toBe('11');
    expect(await fine.text()).toBe('{"data":{}}');
    expect(answered).toEqual(['apollo']);
  });
});
