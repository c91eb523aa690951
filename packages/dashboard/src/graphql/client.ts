import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws/client';
import { Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { isUnauthenticated } from './errors';

/** graphql-ws closes with 4403 when the server's `onConnect` refuses the connection params. */
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

/** A urql client bound to one session's token; dispose it when the session ends. */
export interface YilianClient {
  readonly token: string | null;
  readonly client: Client;
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

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}

/**
 * Entities without an identity of their own. Returning null embeds them in their parent instead
 * of normalising them (and silences graphcache's missing-key warnings). Everything else is keyed
 * by `id` (Relay global IDs).
 */
const embedded = () => null;
const keys = {
  AuthPayload: embedded,
  BedAvailability: embedded,
  PageInfo: embedded,
  InstitutionConnection: embedded,
  InstitutionEdge: embedded,
  ReferralConnection: embedded,
  ReferralEdge: embedded,
  SlotConnection: embedded,
  SlotEdge: embedded,
  BedAvailabilityEvent: embedded,
  ReferralEvent: embedded,
  SlotEvent: embedded,
  Viewer: (viewer: { id?: unknown }) => (typeof viewer.id === 'string' ? viewer.id : null),
};

/**
 * Creates the urql client for one session: graphcache, then HTTP POST for queries and mutations,
 * then graphql-ws for subscriptions. A new session (login, logout, another user) gets a new
 * client, so no cached data or open socket outlives the credentials it was fetched with.
 */
export function createYilianClient(options: YilianClientOptions): YilianClient {
  const { token, onUnauthenticated } = options;
  const authorization = token ? `Bearer ${token}` : null;

  const ws: WsClient = createWsClient({
    url: options.wsUrl ?? graphqlWsUrl(),
    webSocketImpl: options.webSocketImpl,
    // Connect on the first subscription, close shortly after the last one ends.
    lazy: true,
    // Read at every (re)connect: the server authenticates the socket once, at connection_init.
    connectionParams: () => (authorization ? { authorization } : {}),
    retryAttempts: Number.POSITIVE_INFINITY,
    // Network drops, proxy timeouts and replica restarts are all worth retrying on a wall screen.
    shouldRetry: () => true,
    retryWait,
    // Pings keep idle sockets alive through proxies and reveal half-open connections.
    keepAlive: 15_000,
    on: {
      closed: (event) => {
        // A refused token will be refused again: end the session instead of retrying with it.
        if (isCloseEvent(event) && event.code === WS_CLOSE_FORBIDDEN) onUnauthenticated();
      },
    },
  });

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
      cacheExchange({ keys }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
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
    dispose: () => void ws.dispose(),
  };
}
