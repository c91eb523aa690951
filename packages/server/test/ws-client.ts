import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from './harness.js';

/** One graphql-ws connection with one operation, collecting what arrives and how the socket closed. */
export interface WsOperation {
  readonly results: { data?: Record<string, unknown> | null; errors?: readonly unknown[] }[];
  readonly errors: unknown[];
  closed: { code: number; reason: string } | null;
  /** Whether the server completed the operation. */
  completed: boolean;
  readonly client: Client;
  dispose(): Promise<void>;
}

export function wsOperation(
  server: TestServer,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): WsOperation {
  const client = createClient({
    url: server.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  // Kept apart from `operation` so a caller may present `errors` through a getter of its own.
  const errors: unknown[] = [];
  const operation: WsOperation = {
    results: [],
    errors,
    closed: null,
    completed: false,
    client,
    async dispose() {
      stop();
      await client.dispose();
    },
  };
  client.on('closed', (event) => {
    const e = event as { code: number; reason: string };
    operation.closed ??= { code: e.code, reason: String(e.reason) };
  });
  const stop = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => void operation.results.push(result),
      error: (error) => void errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => void (operation.completed = true),
    },
  );
  return operation;
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The uuid inside a global ID. */
export const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
export const toGlobal = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
