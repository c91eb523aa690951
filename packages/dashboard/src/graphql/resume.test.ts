import { createRequest } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { createYilianClient } from './client';
import { graphql } from './graphql';
import { isCursorExpired, SubscriptionCursors } from './resumable';

/*
 * The client's subscriptions against a scripted graphql-ws server (a fake WebSocket): the socket
 * drops, the client reconnects, and the subscription is sent again with the cursor of the last event
 * it received, which is what makes the server replay exactly what was missed.
 */

interface Sent {
  id?: string;
  type: string;
  payload?: { variables?: Record<string, unknown> } & Record<string, unknown>;
}

class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];

  readyState = FakeSocket.CONNECTING;
  readonly protocol = 'graphql-transport-ws';
  readonly sent: Sent[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
    setTimeout(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.();
    }, 0);
  }

  send(data: string): void {
    const message = JSON.parse(data) as Sent;
    this.sent.push(message);
    if (message.type === 'connection_init') this.reply({ type: 'connection_ack' });
  }

  reply(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The server side closes (e.g. 1012 on a deploy, 4401 when the token expired). */
  drop(code: number, reason = ''): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.drop(code, reason);
  }

  subscribes(): Sent[] {
    return this.sent.filter((message) => message.type === 'subscribe');
  }
}

const BedsChanged = graphql(`
  subscription BedsChangedTest($allianceId: ID!, $after: String) {
    bedAvailabilityChanged(allianceId: $allianceId, after: $after) {
      cursor
    }
  }
`);

async function until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function start(onUnauthenticated = () => {}, seed?: string) {
  const yilian = createYilianClient({
    token: 'tok',
    onUnauthenticated,
    url: 'http://test.invalid/graphql',
    wsUrl: 'ws://test.invalid/graphql',
    webSocketImpl: FakeSocket,
  });
  const variables = { allianceId: 'A1' };
  if (seed) yilian.cursors.seed(String(createRequest(BedsChanged, variables).key), seed);
  const received: string[] = [];
  const { unsubscribe } = yilian.client.subscription(BedsChanged, variables).subscribe((result) => {
    const cursor = result.data?.bedAvailabilityChanged.cursor;
    if (cursor) received.push(cursor);
  });
  return { yilian, received, unsubscribe };
}

afterEach(() => {
  FakeSocket.all = [];
});

describe('subscriptions resume from their last cursor', () => {
  it('re-sends the subscription after a drop with after = the last cursor received, and goes live again', async () => {
    const { yilian, received, unsubscribe } = start();
    await until('the first subscribe', () => (FakeSocket.all[0]?.subscribes().length ?? 0) === 1);
    const first = FakeSocket.all[0]!;
    const subscription = first.subscribes()[0]!;
    expect(subscription.payload?.variables).toEqual({ allianceId: 'A1' });
    expect(yilian.connection.get()).toBe('live');

    for (const cursor of ['c1', 'c2']) {
      first.reply({
        id: subscription.id,
        type: 'next',
        payload: { data: { bedAvailabilityChanged: { __typename: 'BedAvailabilityEvent', cursor } } },
      });
    }
    await until('two events', () => received.length === 2);

    first.drop(1012, 'service restart');
    expect(yilian.connection.get()).toBe('reconnecting');

    await until('the second socket subscribes', () => (FakeSocket.all[1]?.subscribes().length ?? 0) === 1);
    expect(FakeSocket.all[1]!.subscribes()[0]!.payload?.variables).toEqual({ allianceId: 'A1', after: 'c2' });
    expect(yilian.connection.get()).toBe('live');
    unsubscribe();
    yilian.dispose();
  });

  it('starts from the seeded cursor (eventCursor), and resumes from it when no event came before a drop', async () => {
    const { yilian, unsubscribe } = start(() => {}, 's0');
    await until('the first subscribe', () => (FakeSocket.all[0]?.subscribes().length ?? 0) === 1);
    expect(FakeSocket.all[0]!.subscribes()[0]!.payload?.variables).toEqual({ allianceId: 'A1', after: 's0' });
    FakeSocket.all[0]!.drop(1006);
    await until('the second socket subscribes', () => (FakeSocket.all[1]?.subscribes().length ?? 0) === 1);
    expect(FakeSocket.all[1]!.subscribes()[0]!.payload?.variables).toEqual({ allianceId: 'A1', after: 's0' });
    unsubscribe();
    yilian.dispose();
  });

  it('ends the session, without retrying, when the server closes with 4401 (token expired)', async () => {
    let ended = 0;
    const { yilian, unsubscribe } = start(() => ended++);
    await until('the first subscribe', () => (FakeSocket.all[0]?.subscribes().length ?? 0) === 1);
    FakeSocket.all[0]!.drop(4401, 'token expired; log in again');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(ended).toBe(1);
    expect(FakeSocket.all).toHaveLength(1);
    unsubscribe();
    yilian.dispose();
  });
});

describe('an expired cursor', () => {
  it('is forgotten and asks the pages to read their state again', async () => {
    const { yilian, unsubscribe } = start(() => {}, 'too-old');
    await until('the first subscribe', () => (FakeSocket.all[0]?.subscribes().length ?? 0) === 1);
    const socket = FakeSocket.all[0]!;
    const { id } = socket.subscribes()[0]!;
    socket.reply({
      id,
      type: 'next',
      payload: {
        errors: [
          {
            message: 'after is too old; refetch, then subscribe without after',
            extensions: { code: 'BAD_USER_INPUT', field: 'after', reason: 'CURSOR_EXPIRED' },
          },
        ],
      },
    });
    socket.reply({ id, type: 'complete' });
    await until('the resync', () => yilian.cursors.resyncCount() === 1);
    const key = String(createRequest(BedsChanged, { allianceId: 'A1' }).key);
    expect(yilian.cursors.get(key)).toBeUndefined();
    unsubscribe();
    yilian.dispose();
  });
});

describe('SubscriptionCursors', () => {
  it('serialises the cursor current at each send, and only seeds a subscription that has none', () => {
    const cursors = new SubscriptionCursors();
    const payload = cursors.payload('k', { query: 'subscription { x }', variables: { a: 1 } });
    expect(JSON.parse(JSON.stringify(payload))).toEqual({ query: 'subscription { x }', variables: { a: 1 } });
    cursors.seed('k', 's0');
    cursors.seed('k', 'ignored');
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ a: 1, after: 's0' });
    cursors.rememberFrom('k', { bedAvailabilityChanged: { cursor: 'c9', other: 1 } });
    expect(JSON.parse(JSON.stringify(payload)).variables).toEqual({ a: 1, after: 'c9' });
  });

  it('forgets an expired cursor and counts a resync', () => {
    const cursors = new SubscriptionCursors();
    let heard = 0;
    cursors.subscribe(() => heard++);
    cursors.seed('k', 'old');
    const expired = [
      { message: 'refetch', extensions: { code: 'BAD_USER_INPUT', reason: 'CURSOR_EXPIRED' } },
    ];
    expect(isCursorExpired(expired)).toBe(true);
    expect(isCursorExpired([{ message: 'x', extensions: { code: 'FORBIDDEN' } }])).toBe(false);
    cursors.expire('k');
    expect(cursors.get('k')).toBeUndefined();
    expect(cursors.resyncCount()).toBe(1);
    expect(heard).toBe(1);
  });
});
