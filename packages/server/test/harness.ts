import { inject } from 'vitest';
import { createServer, type ServerOptions, type YilianServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createTestDatabase, TEST_SECRET } from './database.js';

export interface TestServer extends YilianServer {
  /** POSTs a GraphQL operation; answers the parsed body and the HTTP status. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Logs a demo user in and answers the token. */
  login(username: string): Promise<string>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; field?: string } & Record<string, unknown>;
  }[];
}

/** Starts a server on a free port over a fresh copy of the seeded test database. */
export async function startTestServer(
  options: ServerOptions & { env?: Record<string, string>; databaseUrl?: string } = {},
): Promise<TestServer> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase(inject('adminDatabaseUrl')));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    YILIAN_SECRET: TEST_SECRET,
    YILIAN_DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const server = await createServer(config, options);
  const gql: TestServer['gql'] = async (query, variables, token) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  return {
    ...server,
    gql,
    async login(username) {
      const result = await gql<{ login: { token: string } }>(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: username, p: 'yilian-demo' },
      );
      if (!result.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
  };
}

/** The error codes of a response, for compact assertions. */
export const codes = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((e) => e.extensions?.code);
