import type { GraphQLContext } from '../graphql/context.js';
import { DomainError } from '../domain/errors.js';
import { compareCursors, encodeCursor, LOG_START, type EventCursor } from './cursor.js';
import { CurrentState } from './current-state.js';
import { cursorIsRetained, readHistory, type Db, type HistoryFilter, type LoggedEvent } from './event-log.js';
import type { EventAggregate } from './event-log.writer.js';
import type { RelaySubscriber } from './relay.js';

/**
 * One event ready for one subscriber: the GraphQL value of the subscription field, and the fresh
 * context (own entity-manager fork and loaders) its selection is executed with.
 */
export class Delivery<T = unknown> {
  constructor(
    readonly context: GraphQLContext,
    readonly value: T,
  ) {}
}

/** What one subscription wants, and how one of its events becomes a delivery. */
export interface StreamSpec<T> {
  readonly aggregateType: EventAggregate;
  /** Cheap, synchronous pre-check on the logged columns (alliance, arguments, visibility). */
  accepts(event: LoggedEvent): boolean;
  /** The same narrowing for replays, in SQL; may be wider than `accepts`, never narrower. */
  readonly history: Omit<HistoryFilter, 'aggregateType'>;
  /**
   * Re-checks authorization with a fresh context and builds the value; null when this viewer may not
   * receive this event (or it no longer matches the subscription).
   */
  resolve(event: LoggedEvent, state: CurrentState): Promise<Delivery<T> | null>;
  /**
   * Subscriptions with the same key (same user, scope and arguments) would resolve an event to the same
   * value: the first one to reach an event resolves it, the others of this process reuse that delivery.
   */
  readonly shareKey?: string;
}

/** Where a stream reads from and hands its live events over. */
export interface StreamSource {
  readonly db: Db;
  readonly position: EventCursor;
  register(subscriber: RelaySubscriber): () => void;
}

export interface StreamOptions {
  /** Replay everything after this cursor before going live. */
  after: EventCursor | null;
  /** Undelivered live events this stream may hold; beyond it the stream ends via `onOverflow`. */
  maxBuffered: number;
  replayPageSize: number;
  /** The stream is ending because its consumer is too slow; `resume` is the cursor to pass as `after`. */
  onOverflow(resume: string | null): void;
  /** Resolving an event keeps failing (database down): the stream ends; the client resumes from `resume`. */
  onFailure(resume: string | null, error: unknown): void;
}

/** The client must refetch: its cursor is older than the retention window (or not one we issued). */
export function cursorExpired(retentionDays: number): DomainError {
  return new DomainError(
    'BAD_USER_INPUT',
    `the cursor in after is no longer in the event log (events are kept ${retentionDays} days): ` +
      'refetch the current state, then subscribe again without after',
    'after',
    { reason: 'CURSOR_EXPIRED' },
  );
}

interface Queued {
  event: LoggedEvent;
  state: CurrentState;
}

/**
 * Where a caught-up stream sends its live events itself (its socket), instead of handing them one by
 * one through its async iterator. graphql-ws steps every subscription through its own iteration before
 * anything is sent: with hundreds of subscriptions per process, the first socket waited for all of
 * them. Through a sink, subscriptions that would get the same message (same `shareKey` and same sink
 * `key`) have it rendered once per event, and it is written to each of their sockets in one loop.
 */
export interface LiveSink<T> {
  /** Sinks with the same key render a delivery identically (the same operation, document and variables). */
  readonly key: string;
  /** What one delivery becomes on the wire (executed and serialised), shared by the sinks of a key. */
  render(delivery: Delivery<T>): Promise<string>;
  /** Writes one rendered event to the socket; calls `written` once it has left this process. */
  write(rendered: string, written: () => void): void;
}

/** An event's way out of the process through sinks, for one group of alike subscriptions. */
type Outcome = { message: string | null } | { error: unknown };

/** One event rendered once for every stream of one group; each joins with a callback. */
class Broadcast {
  private readonly members: ((outcome: Outcome) => void)[] = [];

  constructor(work: Promise<string | null>) {
    const settle = (outcome: Outcome) => {
      for (const member of this.members) member(outcome);
    };
    work.then(
      (message) => settle({ message }),
      (error: unknown) => settle({ error }),
    );
  }

  join(member: (outcome: Outcome) => void): void {
    this.members.push(member);
  }
}

/**
 * Broadcasts by event (the relay hands every stream the same event object), then by `shareKey` and sink
 * `key` (two levels, so no stream keeps a joined copy of both long strings).
 */
const broadcasts = new WeakMap<LoggedEvent, Map<string, Map<string, Broadcast>>>();

const RESOLVE_ATTEMPTS = 3;

/**
 * Resolves an event for a subscription group: once per read for the whole group (`shareKey`), retried
 * alone with a fresh read when the database fails; null when it is not for this viewer (DomainError).
 */
async function resolveShared<T>(
  spec: StreamSpec<T>,
  item: Queued,
  db: Db,
  stillWanted: () => boolean,
): Promise<Delivery<T> | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await resolveOnce(spec, item);
    } catch (error) {
      if (error instanceof DomainError) return null;
      if (attempt >= RESOLVE_ATTEMPTS || !stillWanted()) throw error;
      // The shared read may have failed for everyone; this one reads on its own next time.
      item = { event: item.event, state: new CurrentState(db) };
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

function resolveOnce<T>(spec: StreamSpec<T>, item: Queued): Promise<Delivery<T> | null> {
  const { shareKey } = spec;
  if (!shareKey) return spec.resolve(item.event, item.state);
  const key = `${item.event.cursorString}|${shareKey}`;
  const deliveries = item.state.deliveries as Map<string, Promise<Delivery<T> | null>>;
  let delivery = deliveries.get(key);
  if (!delivery) {
    delivery = spec.resolve(item.event, item.state);
    deliveries.set(key, delivery);
    // A failure is not shared: whoever asks next tries again.
    delivery.catch(() => deliveries.delete(key));
  }
  return delivery;
}

/**
 * The async iterator behind one subscription.
 *
 * With `after`, it registers for live events first (buffering them), then replays the log after the
 * cursor page by page, then continues with the buffered and later live events; every event whose
 * cursor is not beyond the last one handled is dropped, so the seam has no gap and no duplicate.
 * (Every row a live read handed on before the registration is also visible to the replay, which
 * reads after it: both read finished transactions only, and that set only grows.)
 *
 * Live events wait in a bounded buffer: a consumer that falls `maxBuffered` events behind is cut off
 * with the cursor it has everything up to, instead of growing the server's memory.
 */
export class EventStream<T> implements AsyncIterableIterator<Delivery<T>>, RelaySubscriber {
  readonly aggregateType: EventAggregate;
  private readonly history: HistoryFilter;
  private live: Queued[] = [];
  private liveHead = 0;
  private page: Queued[] = [];
  private pageHead = 0;
  private replaying: boolean;
  /** The replay's own position (where the next page starts). */
  private replayFrom: EventCursor;
  /** A live overflow happened during replay: the buffer was dropped, so the replay must go on. */
  private replayAgain = false;
  /** The last event taken (delivered or skipped). */
  private seen: EventCursor;
  /** Everything up to here has been sent or skipped: where a cut-off client resumes. */
  private acknowledged: EventCursor;
  private waiting: (() => void) | null = null;
  private sink: LiveSink<T> | null = null;
  /** Live events on their way out through the sink, oldest first; `message` is undefined until rendered. */
  private outbox: { cursor: EventCursor; message?: string | null }[] | null = null;
  /** Messages handed to the sink whose write has not completed yet. */
  private unwritten = 0;
  private finished = false;
  private readonly unregister: () => void;

  constructor(
    private readonly source: StreamSource,
    private readonly spec: StreamSpec<T>,
    private readonly options: StreamOptions,
  ) {
    this.aggregateType = spec.aggregateType;
    this.history = { ...spec.history, aggregateType: spec.aggregateType };
    // Register before anything is read: from here on, nothing the relay hands on is missed.
    this.unregister = source.register(this);
    this.seen = options.after ?? source.position;
    this.acknowledged = this.seen;
    this.replayFrom = this.seen;
    this.replaying = options.after !== null;
  }

  /** Checks the `after` cursor is still resumable; ends the stream and throws CURSOR_EXPIRED if not. */
  async verifyCursor(retentionDays: number): Promise<void> {
    const after = this.options.after;
    if (!after || compareCursors(after, LOG_START) === 0) return;
    let retained: boolean;
    try {
      retained = await cursorIsRetained(this.source.db, after);
    } catch (error) {
      this.finish();
      throw error;
    }
    if (!retained) {
      this.finish();
      throw cursorExpired(retentionDays);
    }
  }

  /**
   * From now on, live events that arrive while the consumer is caught up (waiting for the next one) go
   * out through `sink`; the iterator still carries the replay and whatever queued behind it.
   */
  sendLiveTo(sink: LiveSink<T>): void {
    this.sink = sink;
  }

  /** Relay side: one live event (synchronous, in cursor order). */
  offer(event: LoggedEvent, state: CurrentState): void {
    if (this.finished || !this.spec.accepts(event)) return;
    // Caught up: nothing is queued or being sent through the iterator, so the sink keeps the order.
    if (this.sink && this.waiting) {
      this.sendThroughSink(this.sink, event, state);
      return;
    }
    this.live.push({ event, state });
    if (this.live.length - this.liveHead > this.options.maxBuffered) {
      if (this.replaying) {
        // Still replaying: drop the buffer and let the replay read on past it instead.
        this.live = [];
        this.liveHead = 0;
        this.replayAgain = true;
      } else {
        const resume = this.resumeCursor();
        this.finish();
        this.options.onOverflow(resume);
        return;
      }
    }
    this.wakeUp();
  }

  async next(): Promise<IteratorResult<Delivery<T>>> {
    // Whatever was handed out before this call has been sent: the consumer asks only then.
    this.acknowledged = this.seen;
    for (;;) {
      const item = await this.take();
      if (!item) return { done: true, value: undefined };
      if (compareCursors(item.event.cursor, this.seen) <= 0) continue;
      const delivery = await this.resolve(item);
      if (this.finished) return { done: true, value: undefined };
      this.seen = item.event.cursor;
      if (delivery) return { done: false, value: delivery };
    }
  }

  async return(): Promise<IteratorResult<Delivery<T>>> {
    this.finish();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<Delivery<T>>> {
    this.finish();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Ends the stream: no more events are taken; a pending `next()` answers done. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.unregister();
    this.live = [];
    this.page = [];
    this.outbox = null;
    this.wakeUp();
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Live events waiting (tests and metrics). */
  get buffered(): number {
    return this.live.length - this.liveHead;
  }

  private resumeCursor(): string | null {
    return compareCursors(this.acknowledged, LOG_START) === 0 ? null : encodeCursor(this.acknowledged);
  }

  private wakeUp(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private async take(): Promise<Queued | null> {
    for (;;) {
      if (this.finished) return null;
      if (this.pageHead < this.page.length) return this.page[this.pageHead++]!;
      if (this.replaying) {
        await this.readPage();
        continue;
      }
      if (this.liveHead < this.live.length) {
        const item = this.live[this.liveHead]!;
        this.live[this.liveHead++] = undefined as unknown as Queued;
        if (this.liveHead > 1024 && this.liveHead * 2 > this.live.length) {
          this.live = this.live.slice(this.liveHead);
          this.liveHead = 0;
        }
        return item;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  private async readPage(): Promise<void> {
    const limit = this.options.replayPageSize;
    const events = await readHistory(this.source.db, this.replayFrom, this.history, limit);
    if (this.finished) return;
    const state = new CurrentState(this.source.db);
    const accepted = events.filter((event) => this.spec.accepts(event));
    state.prefetch(accepted, () => true);
    this.page = accepted.map((event) => ({ event, state }));
    this.pageHead = 0;
    if (events.length > 0) this.replayFrom = events[events.length - 1]!.cursor;
    if (events.length < limit) {
      if (this.replayAgain) {
        // The live buffer overflowed meanwhile and was dropped: read on from here.
        this.replayAgain = false;
      } else {
        this.replaying = false;
        // What the replay has read needs no second look: drop its live copies now.
        const replayed = this.replayFrom;
        this.live = this.live
          .slice(this.liveHead)
          .filter((item) => compareCursors(item.event.cursor, replayed) > 0);
        this.liveHead = 0;
      }
    }
  }

  private async resolve(item: Queued): Promise<Delivery<T> | null> {
    try {
      return await resolveShared(this.spec, item, this.source.db, () => !this.finished);
    } catch (error) {
      if (!this.finished) this.fail(error);
      return null;
    }
  }

  private fail(error: unknown): void {
    const resume = this.resumeCursor();
    this.finish();
    this.options.onFailure(resume, error);
  }

  private sendThroughSink(sink: LiveSink<T>, event: LoggedEvent, state: CurrentState): void {
    // An event the replay already covered (the relay reads behind it) is not sent twice.
    if (compareCursors(event.cursor, this.seen) <= 0) return;
    this.seen = event.cursor;
    const outbox = (this.outbox ??= []);
    if (outbox.length + this.unwritten >= this.options.maxBuffered) {
      const resume = this.resumeCursor();
      this.finish();
      this.options.onOverflow(resume);
      return;
    }
    const entry: { cursor: EventCursor; message?: string | null } = { cursor: event.cursor };
    outbox.push(entry);
    const { shareKey } = this.spec;
    let byShareKey = broadcasts.get(event);
    if (!byShareKey) broadcasts.set(event, (byShareKey = new Map()));
    let bySink = shareKey ? byShareKey.get(shareKey) : undefined;
    if (shareKey && !bySink) byShareKey.set(shareKey, (bySink = new Map()));
    let broadcast = bySink?.get(sink.key);
    if (!broadcast) {
      broadcast = new Broadcast(
        // Retried for the whole group, whichever of its streams started it.
        resolveShared(this.spec, { event, state }, this.source.db, () => true).then((delivery) =>
          delivery ? sink.render(delivery) : null,
        ),
      );
      bySink?.set(sink.key, broadcast);
    }
    broadcast.join((outcome) => {
      if (this.finished) return;
      if ('error' in outcome) return this.fail(outcome.error);
      entry.message = outcome.message;
      this.flush(sink);
    });
  }

  /** Writes the rendered head of the outbox, in order; an event not for this viewer is skipped. */
  private flush(sink: LiveSink<T>): void {
    // Re-read each turn: a write may end the stream (finish() drops the outbox).
    for (let head = this.outbox?.[0]; head && head.message !== undefined; head = this.outbox?.[0]) {
      this.outbox!.shift();
      const { cursor, message } = head;
      if (message === null) {
        if (this.unwritten === 0) this.acknowledged = cursor;
        continue;
      }
      this.unwritten++;
      sink.write(message, () => {
        this.unwritten--;
        this.acknowledged = cursor;
      });
    }
  }
}
