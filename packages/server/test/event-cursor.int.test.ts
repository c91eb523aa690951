import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { codes, startTestServer, type TestServer } from './harness.js';

// `eventCursor` is where a client starts: read it, read state, subscribe after it. These tests prove
// a change made between reading the cursor and subscribing is delivered, and nothing before it.

let server: TestServer;
let token: string;
let allianceId: string;

beforeAll(async () => {
  server = await startTestServer({ realtime: { pollIntervalMs: 250 } });
  token = await server.login('coordinator');
  allianceId = (await server.gql<{ alliances: { id: string }[] }>('{ alliances { id } }', {}, token)).data!
    .alliances[0]!.id;
});

afterAll(() => server?.stop());

const cursorNow = async () =>
  (await server.gql<{ eventCursor: string | null }>('{ eventCursor }', {}, token)).data!.eventCursor;

async function anAvailableBed(): Promise<{ id: string; version: number }> {
  const result = await server.gql<{
    alliances: { core: { departments: { beds: { id: string; version: number }[] }[] } }[];
  }>('{ alliances { core { departments { beds(status: AVAILABLE) { id version } } } } }', {}, token);
  const bed = result.data!.alliances[0]!.core.departments.flatMap((d) => d.beds)[0];
  if (!bed) throw new Error('the demo core hospital has no available bed');
  return bed;
}

const SET_BED = `mutation($id: ID!, $status: BedStatus!) { setBedStatus(bedId: $id, status: $status) { id version } }`;

describe('eventCursor', () => {
  it('needs a login', async () => {
    expect(codes(await server.gql('{ eventCursor }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('moves with every change, and a subscription after it receives exactly what came later', async () => {
    const bed = await anAvailableBed();
    const first = await server.gql(SET_BED, { id: bed.id, status: 'CLEANING' }, token);
    expect(first.errors).toBeUndefined();
    // The mutation has committed when it answers, so the cursor already covers it.
    const start = await cursorNow();
    expect(start).toEqual(expect.any(String));

    // A change after the cursor was read, before anyone subscribed.
    const second = await server.gql(SET_BED, { id: bed.id, status: 'AVAILABLE' }, token);
    expect(second.errors).toBeUndefined();
    expect(await cursorNow()).not.toBe(start);

    const client = createClient({
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const received: { id: string; status: string }[] = [];
    const stop = client.subscribe<{ bedAvailabilityChanged: { bed: { id: string; status: string } } }>(
      {
        query: `subscription($a: ID!, $after: String) { bedAvailabilityChanged(allianceId: $a, after: $after) {
          cursor bed { id status } } }`,
        variables: { a: allianceId, after: start },
      },
      {
        next: (r) => r.data && received.push(r.data.bedAvailabilityChanged.bed),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    await client.dispose();
    // Only the second change: the first one is at or before the cursor.
    expect(received).toEqual([{ id: bed.id, status: 'AVAILABLE' }]);
  });
});
