import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Gauge, type Registry } from 'prom-client';
import type { WebSocket } from 'ws';
import type { Clock } from '../domain/time.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { Logger } from '../platform/logger.js';
import type { RealtimeOptions } from './realtime.config.js';
import { EventRelay } from './relay.js';

/** graphql-ws close codes used here (the protocol's own 44xx codes, and RFC 6455's 1012/1013). */
export const CloseCodes = {
  /** The token has expired (or is no longer valid): log in again. graphql-ws clients do not retry it. */
  TokenExpired: 4401,
  /** The server is restarting: reconnect (to any replica) and resume from your last cursor. */
  ServiceRestart: 1012,
  /** Too far behind (or a transient failure): reconnect and resume from the cursor in the reason. */
  TryAgainLater: 1013,
} as const;

/** One open WebSocket and who is on it. */
export interface SocketConnection {
  readonly socket: WebSocket;
  /** Epoch milliseconds the token expires at; null for an unauthenticated socket. */
  expiresAt: number | null;
  /** The API key the socket authenticated with, if any (closed at once when it is revoked). */
  readonly apiKeyId?: string | null;
}

/** The socket an operation runs on, and its graphql-ws operation id. */
export interface SocketOperation {
  readonly connection: SocketConnection;
  readonly id: string;
}

const operationOfContext = new WeakMap<object, SocketOperation>();

/** Associates an operation's context with the socket it runs on (streams close it when they must). */
export function attachConnection(context: object, operation: SocketOperation): void {
  operationOfContext.set(context, operation);
}

export function connectionOf(context: object): SocketConnection | undefined {
  return operationOfContext.get(context)?.connection;
}

/** The socket and graphql-ws id of the operation a context belongs to. */
export function socketOperationOf(context: object): SocketOperation | undefined {
  return operationOfContext.get(context);
}

/** A close reason must fit in 123 bytes. */
export function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : Buffer.from(text).subarray(0, 123).toString('utf8');
}

/**
 * The real-time side of one server process: its relay (`committed()` is what mutations call after a
 * transaction with events commits), the open sockets (for token expiry and shutdown), and the root
 * entity manager that every delivered event forks a fresh one from.
 */
export class Realtime {
  readonly relay: EventRelay;
  readonly connections = new Set<SocketConnection>();
  private orm: MikroORM | null = null;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    databaseUrl: string,
    readonly options: RealtimeOptions,
    readonly logger: Logger,
    readonly clock: Clock,
  ) {
    this.relay = new EventRelay(databaseUrl, options, logger, clock);
  }

  /** After a transaction with events has committed: wake every replica (coalesced). */
  committed(): void {
    this.relay.committed();
  }

  async start(orm: MikroORM): Promise<void> {
    this.orm = orm;
    await this.relay.start();
    this.sweepTimer = setInterval(() => this.closeExpired(), this.options.authCheckIntervalMs).unref();
  }

  /** The entity manager fresh per-event contexts fork from (never used directly). */
  get rootEm(): EntityManager {
    if (!this.orm) throw new Error('the real-time relay has not been started');
    return this.orm.em;
  }

  /** Whether the token of a connection has expired by the server's clock; closes it if so. */
  closeIfExpired(connection: SocketConnection): boolean {
    if (connection.expiresAt === null || this.clock().getTime() < connection.expiresAt) return false;
    connection.socket.close(CloseCodes.TokenExpired, 'token expired; log in again');
    return true;
  }

  /** Closes every socket that authenticated with a key that has just been revoked (4401, as expiry). */
  closeApiKey(keyId: string): void {
    for (const connection of this.connections) {
      if (connection.apiKeyId !== keyId) continue;
      connection.socket.close(CloseCodes.TokenExpired, 'API key revoked');
      this.connections.delete(connection);
    }
  }

  /** Closes every socket whose token has expired. */
  closeExpired(): void {
    for (const connection of this.connections) this.closeIfExpired(connection);
  }

  /**
   * Shutdown, first step: close every socket with "service restart", so clients reconnect (to another
   * replica) and resume from their last cursor; waits briefly for the close handshakes.
   */
  async closeSockets(sockets: Iterable<WebSocket>, timeoutMs = 2_000): Promise<void> {
    clearInterval(this.sweepTimer);
    const closing: Promise<void>[] = [];
    for (const socket of sockets) {
      if (socket.readyState === socket.CLOSED) continue;
      closing.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
      socket.close(
        CloseCodes.ServiceRestart,
        'server restarting; reconnect and resume from your last cursor',
      );
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closing),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    // Whoever did not answer the close handshake in time is cut off.
    for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
  }

  /** Exposes the relay's state on /metrics (`yilian_realtime_*`). */
  registerMetrics(registry: Registry): void {
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name: `yilian_realtime_${name}`,
        help,
        registers: [registry],
        collect() {
          this.set(value());
        },
      });
    const stats = this.relay.stats;
    gauge('sockets', 'Open graphql-ws sockets with a finished connection_init', () => this.connections.size);
    gauge('subscriptions', 'Subscriptions this process serves', () => this.relay.subscriberCount);
    gauge('listener_up', '1 while the relay LISTEN connection is up', () =>
      this.relay.listenerConnected ? 1 : 0,
    );
    gauge('reads_total', 'Reads of the event log by the relay', () => stats.reads);
    gauge('events_total', 'Events the relay has handed to this process', () => stats.events);
    gauge(
      'notifications_total',
      'Notifications received on the LISTEN connection',
      () => stats.notifications,
    );
    gauge('notifies_total', 'NOTIFYs this process sent after commits', () => stats.notifiesSent);
    gauge(
      'listener_connects_total',
      'Times the LISTEN connection was (re)established',
      () => stats.listenerConnects,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.relay.stop();
  }
}

/** The process's real-time side, as the resolvers reach it (it is `services.events`). */
export function realtimeOf(ctx: GraphQLContext): Realtime {
  const events = ctx.services.events;
  if (!(events instanceof Realtime))
    throw new Error('subscriptions need the real-time relay (services.events)');
  return events;
}
