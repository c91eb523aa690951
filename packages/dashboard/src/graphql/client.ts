import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws/client';
import { Client, fetchExchange, mapExchange, subscriptionExchange, type ExecutionResult } from 'urql';
import { yilianCacheExchange } from './cache';
import { ConnectionStore } from './connection';
import { isUnauthenticated } from './errors';
import { isCursorExpired, SubscriptionCursors } from './resumable';

/**
 * The server closes a socket with 4401 when its token expires and refuses connection_init with 4403
 * for a bad token (docs/realtime.md). Both mean: sign in again, never retry with the same token.
 */
const WS_CLOSE_TOKEN_EXPIRED = 4401;
const WS_CLOSE_FORBIDDEN = 4403;

export interface YilianClientOptions {
  /** Bearer token of the signed-in person, or null before login (only `login` is allowed then). */
  token: string | null;
  /** Called when the server says the token is not (or no longer) valid. */
  onUnauthenticated: () => void;
  /** Defaults to same-origin `/graphql` (the server serves the dashboard; Vite proxies in dev). */
  url?: string;
  wsUrl?: string;
  /** WebSocket constructor where there is no global one (Node 20 test runs, Node-based clients). */
  webSocketImpl?: unknown;
}

/** A urql client bound to one session's token, with its socket's state; dispose it when the session ends. */
export interface YilianClient {
  readonly token: string | null;
  readonly client: Client;
  readonly connection: ConnectionStore;
  readonly cursors: SubscriptionCursors;
  readonly dispose: () => void;
}

/** `ws(s)://<host>/graphql` for the page's own origin. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/graphql`;
}

/**
 * Retry forever, but never hammer: exponential backoff capped at 30 s with jitter, so when a
 * replica restarts the big screens that were connected to it do not all reconnect in step.
 */
async function retryWait(retries: number): Promise<void> {
  const ceiling = Math.min(30_000, 1_000 * 2 ** Math.min(retries, 5));
  const delay = ceiling / 2 + Math.random() * (ceiling / 2);
  await new Promise((resolve) => setTimeout(resolve, delay));
}

function closeCode(value: unknown): number | null {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number'
    ? value.code
    : null;
}

const endsSession = (event: unknown) => {
  const code = closeCode(event);
  return code === WS_CLOSE_TOKEN_EXPIRED || code === WS_CLOSE_FORBIDDEN;
};

/**
 * Creates the urql client for one session: graphcache, then HTTP POST for queries and mutations,
 * then graphql-ws for subscriptions. A new session (login, logout, another user) gets a new
 * client, so no cached data or open socket outlives the credentials it was fetched with.
 */
export function createYilianClient(options: YilianClientOptions): YilianClient {
  const { token, onUnauthenticated } = options;
  const authorization = token ? `Bearer ${token}` : null;
  const browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine !== false;
  const connection = new ConnectionStore(browserOnline);
  const cursors = new SubscriptionCursors();

  const ws: WsClient = createWsClient({
    url: options.wsUrl ?? graphqlWsUrl(),
    webSocketImpl: options.webSocketImpl,
    // Signed in: connect at once and stay connected, so the indicator tells the truth before the
    // first subscription. Signed out: no socket at all until something subscribes (nothing does).
    lazy: token === null,
    onNonLazyError: () => undefined,
    // Read at every (re)connect: the server authenticates the socket once, at connection_init.
    connectionParams: () => (authorization ? { authorization } : {}),
    retryAttempts: Number.POSITIVE_INFINITY,
    // Network drops, proxy timeouts and replica restarts (1012) are worth retrying on a wall
    // screen; a refused or expired token is not.
    shouldRetry: (event) => !endsSession(event),
    retryWait,
    // Pings keep idle sockets alive through proxies and reveal half-open connections.
    keepAlive: 15_000,
    on: {
      connected: () => connection.onConnected(),
      closed: (event) => {
        connection.onClosed();
        if (endsSession(event)) onUnauthenticated();
      },
    },
  });

  const onOnline = () => connection.onBrowserOnline(true);
  const onOffline = () => connection.onBrowserOnline(false);
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
  }

  const client = new Client({
    url: options.url ?? '/graphql',
    // POST only: the server's CSRF protection rejects simple GET requests.
    preferGetMethod: false,
    fetchOptions: (): RequestInit => (authorization ? { headers: { Authorization: authorization } } : {}),
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      yilianCacheExchange(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request, operation) {
          const key = String(operation.key);
          const payload = cursors.payload(key, {
            query: request.query ?? '',
            operationName: request.operationName,
            variables: request.variables ?? {},
            extensions: request.extensions,
          });
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(payload, {
                next(result) {
                  if (isCursorExpired(result.errors)) cursors.expire(key);
                  else cursors.rememberFrom(key, result.data);
                  // Same JSON on the wire; urql's type is only wider about what an error may be.
                  sink.next(result as ExecutionResult);
                },
                error(error) {
                  if (isCursorExpired(error)) cursors.expire(key);
                  sink.error(error);
                },
                complete: () => sink.complete(),
              });
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    token,
    client,
    connection,
    cursors,
    dispose: () => {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      void ws.dispose();
    },
  };
}
