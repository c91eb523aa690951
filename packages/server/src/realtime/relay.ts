import pg from 'pg';
import type { Clock } from '../domain/time.js';
import type { Logger } from '../platform/logger.js';
import { LOG_START, type EventCursor } from './cursor.js';
import { CurrentState } from './current-state.js';
import { pruneEvents, readCommitted, readHorizonCursor, type Db, type LoggedEvent } from './event-log.js';
import type { EventAggregate } from './event-log.writer.js';
import type { RealtimeOptions } from './realtime.config.js';

/** Something in this process that wants the events of one aggregate type, as they commit. */
export interface RelaySubscriber {
  readonly aggregateType: EventAggregate;
  /** Called synchronously, in cursor order, once per event; must not throw or block. */
  offer(event: LoggedEvent, state: CurrentState): void;
}

/** The `application_name` of the relay's LISTEN connection (operators and tests find it by this). */
export const LISTEN_APPLICATION_NAME = 'yilian-relay-listen';
const POOL_APPLICATION_NAME = 'yilian-relay';
const READER_APPLICATION_NAME = 'yilian-relay-reader';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_RECONNECT_DELAY_MS = 5_000;
const LISTENER_HEALTH_EVERY_POLLS = 10;

/**
 * The real-time relay of one server process.
 *
 * - `committed()` (called by mutations after a transaction with events commits) sends a coalesced
 *   `NOTIFY` on its own pooled connection, outside any transaction: at most one in flight; commits
 *   during it cause exactly one more.
 * - One dedicated connection LISTENs. A notification, the slow poll timer, and every (re)connection of
 *   the listener wake the relay; a wake-up while a read is running just marks it dirty, so a burst
 *   costs one read, not one per event.
 * - Each read takes the rows after the relay's cursor of finished transactions only (see
 *   event-log.ts) and hands them, in cursor order, to this process's subscribers.
 * - Occasionally, any replica prunes events older than the retention window.
 */
export class EventRelay {
  readonly db: Db;
  private readonly pool: pg.Pool;
  /** The relay's reads have a connection of their own: replays and shared reads never hold them up. */
  private readonly reader: pg.Pool;
  private lastReadAt = -Infinity;
  private lastNotifyAt = -Infinity;
  private readonly subscribers = new Map<EventAggregate, Set<RelaySubscriber>>();
  private readonly watchers = new Map<EventAggregate, Set<(event: LoggedEvent) => void>>();
  private cursor: EventCursor = LOG_START;
  private listener: pg.Client | null = null;
  private started = false;
  private stopped = false;
  private reading = false;
  private dirty = false;
  private notifying = false;
  private notifyAgain = false;
  private reconnectDelay = 100;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pendingTimer: NodeJS.Timeout | undefined;
  private pendingDelay = 2;
  private pollTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private polls = 0;
  private readonly listening: Promise<void>;
  private markListening!: () => void;
  /** Counters for /metrics and tests. */
  readonly stats = { reads: 0, events: 0, notifications: 0, notifiesSent: 0, listenerConnects: 0 };

  constructor(
    private readonly databaseUrl: string,
    readonly options: RealtimeOptions,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: options.poolSize,
      idleTimeoutMillis: 30_000,
      application_name: POOL_APPLICATION_NAME,
    });
    // An idle pooled connection that dies (e.g. terminated by an operator) must not crash the process.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'relay pool connection lost'));
    this.reader = new pg.Pool({
      connectionString: databaseUrl,
      max: 1,
      idleTimeoutMillis: 60_000,
      application_name: READER_APPLICATION_NAME,
    });
    this.reader.on('error', (error) => this.logger.warn({ err: error }, 'relay reader connection lost'));
    this.db = this.pool;
    this.listening = new Promise((resolve) => (this.markListening = resolve));
  }

  /** Where the relay has read up to: the cursor of the last event it handed on. */
  get position(): EventCursor {
    return this.cursor;
  }

  /** Whether the relay is serving (started and not stopped). */
  get running(): boolean {
    return this.started && !this.stopped;
  }

  /** Starts at the current end of the log, then listens, polls and prunes. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.cursor = (await readHorizonCursor(this.reader)) ?? LOG_START;
    void this.connectListener();
    this.pollTimer = setInterval(() => {
      if (++this.polls % LISTENER_HEALTH_EVERY_POLLS === 0) this.checkListener();
      this.wake();
    }, this.options.pollIntervalMs).unref();
    // The first prune runs soon after start, later ones at the interval, jittered so replicas spread out.
    this.schedulePrune(this.jitter(Math.min(60_000, this.options.pruneIntervalMs)));
    // Wait (briefly) for LISTEN, so a change right after start reaches other replicas' subscribers
    // without waiting for a poll; polling covers it anyway if the database is slow to answer.
    await Promise.race([this.listening, new Promise((r) => setTimeout(r, 2_000).unref())]);
  }

  /** Stops reading and listening and closes the relay's connections. Subscribers are not closed. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.pruneTimer);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.pendingTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    // Let a read in flight finish before the pool goes.
    for (let i = 0; i < 100 && (this.reading || this.notifying); i++)
      await new Promise((r) => setTimeout(r, 10));
    await Promise.all([this.pool.end().catch(() => undefined), this.reader.end().catch(() => undefined)]);
  }

  /** Tell the relay that a transaction with events has committed (coalesced NOTIFY to every replica). */
  committed(): void {
    if (!this.running) return;
    // Local subscribers need not wait for the notification's round trip.
    this.wake();
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    void this.notifyLoop();
  }

  /** Registers a subscriber; answers the function that removes it. */
  register(subscriber: RelaySubscriber): () => void {
    let set = this.subscribers.get(subscriber.aggregateType);
    if (!set) this.subscribers.set(subscriber.aggregateType, (set = new Set()));
    set.add(subscriber);
    return () => set.delete(subscriber);
  }

  /**
   * Calls `watcher` with every event of one aggregate type as this process reads it, before any
   * subscriber gets the events of the same read (the process itself reacts, e.g. to a revoked key);
   * not a subscriber. Answers the function that removes it.
   */
  watch(aggregateType: EventAggregate, watcher: (event: LoggedEvent) => void): () => void {
    let set = this.watchers.get(aggregateType);
    if (!set) this.watchers.set(aggregateType, (set = new Set()));
    set.add(watcher);
    return () => set.delete(watcher);
  }

  /** How many subscribers this process serves. */
  get subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Whether the LISTEN connection is up. */
  get listenerConnected(): boolean {
    return this.listener !== null;
  }

  /** Asks for a read of the log; coalesced with any read running. */
  wake(): void {
    if (!this.running) return;
    if (this.reading) {
      this.dirty = true;
      return;
    }
    void this.readLoop();
  }

  /** Deletes events older than the retention window (one replica at a time); answers how many went. */
  async prune(now: Date = this.clock()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionDays * 86_400_000);
    const deleted = await pruneEvents(() => this.pool.connect(), cutoff);
    if (deleted > 0) this.logger.info({ deleted, cutoff }, 'pruned old events');
    return deleted;
  }

  private schedulePrune(delay: number): void {
    this.pruneTimer = setTimeout(() => {
      this.prune()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'event log prune failed'))
        .finally(() => {
          if (this.running) this.schedulePrune(this.jitter(this.options.pruneIntervalMs));
        });
    }, delay).unref();
  }

  private jitter(ms: number): number {
    return Math.round(ms * (0.75 + Math.random() * 0.5));
  }

  private async notifyLoop(): Promise<void> {
    this.notifying = true;
    try {
      do {
        this.notifyAgain = false;
        const wait = this.lastNotifyAt + this.options.minNotifyIntervalMs - performance.now();
        if (wait > 0) await sleep(wait);
        this.lastNotifyAt = performance.now();
        try {
          // No payload: the notification is only a wake-up; readers take the facts from the log.
          await this.pool.query(`SELECT pg_notify($1, '')`, [this.options.channel]);
          this.stats.notifiesSent++;
        } catch (error) {
          // Other replicas still poll; this one's own subscribers were woken directly.
          this.logger.warn(
            { err: error },
            'NOTIFY failed; other replicas will see the events at their next poll',
          );
          break;
        }
      } while (this.notifyAgain && this.running);
    } finally {
      this.notifying = false;
    }
  }

  private async readLoop(): Promise<void> {
    this.reading = true;
    try {
      do {
        const wait = this.lastReadAt + this.options.minReadIntervalMs - performance.now();
        if (wait > 0) await sleep(wait);
        // Whatever asks for a read from here on is covered by this one only if it asked before the
        // statement took its snapshot: clear the flag just before, so a later wake-up reads again.
        this.dirty = false;
        this.lastReadAt = performance.now();
        const { events, bundles, pending } = await readCommitted(
          this.reader,
          this.cursor,
          this.options.readBatchSize,
          {
            beds: this.wanted('Bed'),
            slots: this.wanted('Slot'),
          },
        );
        this.stats.reads++;
        if (!this.running) return;
        if (events.length > 0) {
          this.fanOut(events, bundles);
          this.cursor = events[events.length - 1]!.cursor;
        }
        // A full batch: more may be waiting right now.
        if (events.length === this.options.readBatchSize) this.dirty = true;
        this.schedulePendingRetry(pending);
      } while (this.dirty && this.running);
    } catch (error) {
      // The database is unreachable or restarting: the poll timer retries.
      if (this.running) this.logger.warn({ err: error }, 'event log read failed; retrying at the next poll');
    } finally {
      this.reading = false;
    }
  }

  /**
   * Committed events are waiting behind an older transaction still running. Its commit normally
   * notifies, but not if it writes no events (or rolls back), so look again soon, backing off up to
   * the poll interval.
   */
  private schedulePendingRetry(pending: boolean): void {
    if (!pending) {
      this.pendingDelay = 2;
      return;
    }
    if (this.pendingTimer) return;
    const delay = this.pendingDelay;
    this.pendingDelay = Math.min(this.pendingDelay * 2, this.options.pollIntervalMs);
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      this.wake();
    }, delay).unref();
  }

  private wanted(type: EventAggregate): boolean {
    return (this.subscribers.get(type)?.size ?? 0) > 0;
  }

  /** Hands events (in cursor order, as read) to this process's subscribers, with their current state. */
  private fanOut(events: LoggedEvent[], bundles: readonly unknown[]): void {
    this.stats.events += events.length;
    for (const event of events) {
      for (const watcher of this.watchers.get(event.aggregateType) ?? []) {
        try {
          watcher(event);
        } catch (error) {
          this.logger.error({ err: error }, 'event watcher failed');
        }
      }
    }
    if (this.subscriberCount === 0) return;
    const state = new CurrentState(this.pool);
    events.forEach((event, i) => {
      if (bundles[i] !== null && bundles[i] !== undefined)
        state.prime(event.aggregateType, event.aggregateId, bundles[i]);
    });
    // Whatever the read did not bring along (a subscriber registered meanwhile) is fetched now.
    state.prefetch(events, (type) => this.wanted(type));
    for (const event of events) {
      const set = this.subscribers.get(event.aggregateType);
      if (!set) continue;
      for (const subscriber of set) {
        try {
          subscriber.offer(event, state);
        } catch (error) {
          this.logger.error({ err: error }, 'subscriber refused an event');
        }
      }
    }
  }

  private async connectListener(): Promise<void> {
    if (!this.running) return;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: LISTEN_APPLICATION_NAME,
      keepAlive: true,
    });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (!this.running) return;
      this.logger.warn({ err: error }, 'relay LISTEN connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== this.options.channel) return;
      this.stats.notifications++;
      this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (lost) return;
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.stats.listenerConnects++;
    this.reconnectDelay = 100;
    this.markListening();
    // Whatever committed while nobody listened is read now.
    this.wake();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.running) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connectListener();
    }, delay).unref();
  }

  /** A connection can die without a word (a dropped route); a query with a deadline finds out. */
  private checkListener(): void {
    const client = this.listener;
    if (!client) return;
    const timeout = setTimeout(
      () => client.emit('error', new Error('LISTEN connection unresponsive')),
      5_000,
    );
    client.query('SELECT 1').then(
      () => clearTimeout(timeout),
      (error: unknown) => {
        clearTimeout(timeout);
        client.emit('error', error);
      },
    );
  }
}
