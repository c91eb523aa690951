import { describe, expect, it } from 'vitest';
import type { GraphQLContext } from '../graphql/context.js';
import { compareCursors, encodeCursor, LOG_START, type EventCursor } from './cursor.js';
import { CurrentState } from './current-state.js';
import type { Db, LoggedEvent } from './event-log.js';
import { Delivery, EventStream, type LiveSink, type StreamSource, type StreamSpec } from './event-stream.js';
import type { RelaySubscriber } from './relay.js';

// The stream's seam and bounds, without a database: a fake log answers the two statements a stream
// sends (a replay page, and "is this cursor still there").

const event = (tx: number, position: number): LoggedEvent => {
  const cursor = { txId: BigInt(tx), position: BigInt(position) };
  return {
    cursor,
    cursorString: encodeCursor(cursor),
    allianceId: 'a',
    type: 'bed.STATUS',
    aggregateType: 'Bed',
    aggregateId: 'b',
    institutionIds: [],
    departmentIds: [],
    payload: {},
    occurredAt: new Date(),
  };
};

/** A log of events (all of finished transactions) and a relay that hands them to registered streams. */
class FakeSource implements StreamSource {
  readonly log: LoggedEvent[] = [];
  readonly subscribers = new Set<RelaySubscriber>();
  position: EventCursor = LOG_START;
  historyReads = 0;
  readonly db: Db = {
    query: async <R extends object>(sql: string, params: unknown[] = []) => {
      const after = { txId: BigInt(String(params[0])), position: BigInt(String(params[1])) };
      if (sql.includes('SELECT 1 FROM event_log')) {
        const found = this.log.some((e) => compareCursors(e.cursor, after) === 0);
        return { rows: (found ? [{}] : []) as R[] };
      }
      this.historyReads++;
      const limit = Number(params.at(-1));
      const rows = this.log.filter((e) => compareCursors(e.cursor, after) > 0).slice(0, limit);
      return {
        rows: rows.map((e) => ({
          tx_id: String(e.cursor.txId),
          position: String(e.cursor.position),
          alliance_id: e.allianceId,
          type: e.type,
          aggregate_type: e.aggregateType,
          aggregate_id: e.aggregateId,
          institution_ids: [],
          department_ids: [],
          payload: {},
          occurred_at: e.occurredAt,
        })) as unknown as R[],
      };
    },
  };
  register(subscriber: RelaySubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
  /** Commits events: into the log, then (like a relay read) to every subscriber. */
  commit(...events: LoggedEvent[]): void {
    this.log.push(...events);
    this.log.sort((x, y) => compareCursors(x.cursor, y.cursor));
    const state = new CurrentState(this.db);
    for (const e of events) for (const s of this.subscribers) s.offer(e, state);
    this.position = events.at(-1)!.cursor;
  }
}

const spec: StreamSpec<string> = {
  aggregateType: 'Bed',
  history: { allianceId: 'a' },
  accepts: () => true,
  resolve: async (e) => new Delivery({} as GraphQLContext, e.cursorString),
};

function open(
  source: FakeSource,
  options: {
    after?: EventCursor | null;
    maxBuffered?: number;
    pageSize?: number;
    spec?: StreamSpec<string>;
  } = {},
) {
  const cut: { resume: string | null }[] = [];
  const failed: { resume: string | null }[] = [];
  const stream = new EventStream(source, options.spec ?? spec, {
    after: options.after ?? null,
    maxBuffered: options.maxBuffered ?? 100,
    replayPageSize: options.pageSize ?? 100,
    onOverflow: (resume) => cut.push({ resume }),
    onFailure: (resume) => failed.push({ resume }),
  });
  return { stream, cut, failed };
}

/** A socket stand-in: records what is written; `flush()` completes the writes so far. */
class FakeSink implements LiveSink<string> {
  readonly written: string[] = [];
  private readonly unflushed: (() => void)[] = [];
  constructor(
    readonly key: string,
    readonly render: (delivery: Delivery<string>) => Promise<string>,
  ) {}
  write(rendered: string, written: () => void): void {
    this.written.push(rendered);
    this.unflushed.push(written);
  }
  flush(): void {
    for (const written of this.unflushed.splice(0)) written();
  }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A stream whose consumer has caught up: it waits in next(), as graphql-ws's loop does. */
function caughtUp(source: FakeSource, sink: FakeSink, options: Parameters<typeof open>[1] = {}) {
  const opened = open(source, options);
  opened.stream.sendLiveTo(sink);
  const next = opened.stream.next();
  return { ...opened, next };
}

async function take(stream: EventStream<string>, n: number): Promise<string[]> {
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = await stream.next();
    if (next.done) break;
    values.push(next.value.value);
  }
  return values;
}

const cursors = (...events: LoggedEvent[]) => events.map((e) => e.cursorString);

describe('EventStream', () => {
  it('replays after the cursor, then goes live, with no gap and no duplicate at the seam', async () => {
    const source = new FakeSource();
    // Positions need not follow transaction order (a later transaction may insert first).
    const [e1, e2, e3, e4, e5, e6] = [
      event(10, 1),
      event(10, 2),
      event(12, 9),
      event(13, 4),
      event(13, 5),
      event(14, 6),
    ];
    source.commit(e1!, e2!, e3!);
    // The client saw e1; it resumes. Meanwhile e4 and e5 commit: they are both in the log the replay
    // reads and handed to the stream live, and must arrive once.
    const { stream } = open(source, { after: e1!.cursor, pageSize: 2 });
    await stream.verifyCursor(7);
    source.commit(e4!, e5!);
    const first = await take(stream, 4);
    source.commit(e6!);
    const rest = await take(stream, 1);
    expect([...first, ...rest]).toEqual(cursors(e2!, e3!, e4!, e5!, e6!));
    expect(stream.buffered).toBe(0);
    await stream.return();
  });

  it('refuses a cursor whose event is no longer in the log', async () => {
    const source = new FakeSource();
    source.commit(event(20, 1));
    const { stream } = open(source, { after: { txId: 19n, position: 1n } });
    await expect(stream.verifyCursor(7)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
      details: { reason: 'CURSOR_EXPIRED' },
    });
    expect(stream.isFinished).toBe(true);
    expect(source.subscribers.size).toBe(0);
  });

  it('cuts off a consumer that falls too far behind, with the cursor it has everything up to', async () => {
    const source = new FakeSource();
    source.commit(event(1, 1));
    const { stream, cut } = open(source, { maxBuffered: 3 });
    source.commit(event(2, 2), event(2, 3));
    // The consumer takes two events; the second is "being sent" (not asked past yet).
    expect(await take(stream, 2)).toEqual(cursors(event(2, 2), event(2, 3)));
    source.commit(event(3, 4), event(3, 5), event(3, 6));
    expect(cut).toEqual([]);
    source.commit(event(4, 7));
    // Everything up to the first event it took is surely sent; it resumes after that.
    expect(cut).toEqual([{ resume: encodeCursor({ txId: 2n, position: 2n }) }]);
    expect(stream.isFinished).toBe(true);
    expect(source.subscribers.size).toBe(0);
    expect((await stream.next()).done).toBe(true);
  });

  it('keeps memory bounded while a long replay runs, and still loses nothing', async () => {
    const source = new FakeSource();
    const start = event(1, 1);
    source.commit(start);
    for (let i = 2; i <= 30; i++) source.commit(event(i, i));
    const { stream, cut } = open(source, { after: start.cursor, maxBuffered: 4, pageSize: 5 });
    // Ten more commit before the consumer reads a single replayed event: the live buffer overflows
    // (and is dropped, not the subscriber cut off) while the replay reads on.
    for (let i = 31; i <= 40; i++) source.commit(event(i, i));
    const received = await take(stream, 39);
    source.commit(event(41, 41));
    received.push(...(await take(stream, 1)));
    expect(cut).toEqual([]);
    expect(received).toEqual(Array.from({ length: 40 }, (_, i) => event(i + 2, i + 2).cursorString));
    expect(stream.buffered).toBe(0);
    await stream.return();
  });

  it('answers done to a pending next() when the subscription ends', async () => {
    const source = new FakeSource();
    const { stream } = open(source);
    const pending = stream.next();
    await stream.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(source.subscribers.size).toBe(0);
  });

  it('sends a caught-up consumer its live events through the sink, rendered once per group, in order', async () => {
    const source = new FakeSource();
    source.commit(event(1, 1));
    const shared = { ...spec, shareKey: 'coordinator' };
    let renders = 0;
    // The first event renders last: the order on the socket is still the log's.
    const render = async (delivery: Delivery<string>) => {
      renders++;
      if (delivery.value === event(2, 2).cursorString) await settle();
      return delivery.value;
    };
    const sinks = [new FakeSink('op', render), new FakeSink('op', render)];
    const streams = sinks.map((sink) => caughtUp(source, sink, { spec: shared }));
    source.commit(event(2, 2), event(2, 3));
    source.commit(event(3, 4));
    await settle();
    await settle();
    for (const sink of sinks) expect(sink.written).toEqual(cursors(event(2, 2), event(2, 3), event(3, 4)));
    expect(renders).toBe(3);
    for (const { stream, next } of streams) {
      await stream.return();
      // Nothing went through the iterator: it only ends.
      expect(await next).toEqual({ done: true, value: undefined });
    }
  });

  it('replays through the iterator first, then sends live through the sink without a duplicate', async () => {
    const source = new FakeSource();
    const [e1, e2, e3] = [event(1, 1), event(2, 2), event(3, 3)];
    source.commit(e1!, e2!);
    const sink = new FakeSink('op', async (delivery) => delivery.value);
    const { stream } = open(source, { after: e1!.cursor });
    stream.sendLiveTo(sink);
    expect(await take(stream, 1)).toEqual(cursors(e2!));
    const next = stream.next();
    // The relay hands on e2 late (it reads behind the replay), then e3.
    source.commit(e2!, e3!);
    await settle();
    expect(sink.written).toEqual(cursors(e3!));
    await stream.return();
    expect((await next).done).toBe(true);
  });

  it('skips events the viewer may not receive', async () => {
    const source = new FakeSource();
    const hidden = event(2, 2).cursorString;
    const sink = new FakeSink('op', async (delivery) => delivery.value);
    const picky = {
      ...spec,
      resolve: async (e: LoggedEvent) =>
        e.cursorString === hidden ? null : new Delivery({} as GraphQLContext, e.cursorString),
    };
    const { stream } = caughtUp(source, sink, { spec: picky });
    source.commit(event(1, 1), event(2, 2), event(3, 3));
    await settle();
    expect(sink.written).toEqual(cursors(event(1, 1), event(3, 3)));
    await stream.return();
  });

  it('cuts off a caught-up consumer whose socket stops taking writes, resuming after the last written', async () => {
    const source = new FakeSource();
    const sink = new FakeSink('op', async (delivery) => delivery.value);
    const { stream, cut } = caughtUp(source, sink, { maxBuffered: 3 });
    source.commit(event(1, 1));
    await settle();
    sink.flush();
    // Three writes the socket has not taken: the bound, not yet beyond it.
    source.commit(event(2, 2), event(3, 3), event(4, 4));
    await settle();
    expect(sink.written).toHaveLength(4);
    expect(cut).toEqual([]);
    source.commit(event(5, 5));
    expect(cut).toEqual([{ resume: event(1, 1).cursorString }]);
    expect(stream.isFinished).toBe(true);
    expect(source.subscribers.size).toBe(0);
  });

  it('ends the stream with a resumable cursor when an event cannot be resolved', async () => {
    const source = new FakeSource();
    const sink = new FakeSink('op', async (delivery) => delivery.value);
    const failing = {
      ...spec,
      resolve: async (e: LoggedEvent) => {
        if (e.cursorString === event(2, 2).cursorString) throw new Error('database unreachable');
        return new Delivery({} as GraphQLContext, e.cursorString);
      },
    };
    const { stream, failed } = caughtUp(source, sink, { spec: failing });
    source.commit(event(1, 1));
    await settle();
    sink.flush();
    source.commit(event(2, 2));
    // Three attempts, 50 and 100 ms apart.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(failed).toEqual([{ resume: event(1, 1).cursorString }]);
    expect(stream.isFinished).toBe(true);
    expect(sink.written).toEqual(cursors(event(1, 1)));
  });
});
