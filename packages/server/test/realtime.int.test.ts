import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Realtime } from '../src/realtime/realtime.js';
import { appendEvent } from '../src/realtime/event-log.writer.js';
import { LISTEN_APPLICATION_NAME } from '../src/realtime/relay.js';
import { createTestDatabase } from './database.js';
import { startTestServer, type TestServer } from './harness.js';
import { waitFor, wsOperation, type WsOperation } from './ws-client.js';

// Real PostgreSQL, real sockets, two server processes' worth of servers on one database. Events are
// caused through the real mutations, or written the way the mutations write them (a change and
// appendEvent in one transaction, then services.events.committed()); from the event log to the
// subscriber everything is the real path.

// Short timers for tests; a large buffer, since here two servers, twenty writers and every client share
// one process (the slow-consumer bound has its own test in src/realtime/event-stream.test.ts).
const REALTIME = {
  pollIntervalMs: 250,
  authCheckIntervalMs: 100,
  pingIntervalMs: 2_000,
  maxBufferedEvents: 20_000,
};

interface Received {
  cursor: string;
  [field: string]: unknown;
}

/** One graphql-ws client with one subscription: its events are the values of the answer's one field. */
interface Subscriber extends WsOperation {
  readonly events: Received[];
}

function subscribe(
  server: TestServer,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Subscriber {
  const operation = wsOperation(server, token, query, variables);
  const refusals = operation.errors;
  const subscriber = Object.defineProperties(operation, {
    events: {
      get: () =>
        operation.results.flatMap((result) => {
          const value = result.data && Object.values(result.data)[0];
          return value ? [value as Received] : [];
        }),
    },
    // The operation's refusals and the errors delivered with events alike.
    errors: { get: () => [...refusals, ...operation.results.flatMap((result) => result.errors ?? [])] },
  }) as Subscriber;
  opened.push(subscriber);
  return subscriber;
}

/** Every subscriber of the running test; whatever a failing test leaves open is closed after it. */
const opened: Subscriber[] = [];

const realtimeOf = (server: TestServer) => server.services.events as Realtime;

/** Waits until a server serves `count` more subscriptions than `before` (registered with its relay). */
const registered = (server: TestServer, count: number) =>
  waitFor(`${count} subscriptions`, () => realtimeOf(server).relay.subscriberCount >= count);

/** Decodes a cursor (opaque to clients; tests check the order). */
function decode(cursor: string): [bigint, bigint] {
  const [tx, position] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  return [BigInt(tx!), BigInt(position!)];
}
const before = (a: string, b: string) => {
  const [x, y] = [decode(a), decode(b)];
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
};
function expectStrictlyIncreasing(events: Received[]): void {
  for (let i = 1; i < events.length; i++) {
    if (!before(events[i - 1]!.cursor, events[i]!.cursor)) {
      throw new Error(
        `event ${i} (${events[i]!.cursor}) is not after event ${i - 1} (${events[i - 1]!.cursor})`,
      );
    }
  }
}

/** Every field of a bed, so a delivered bed can be compared with a read of it. */
const BED_FIELDS = `fragment BedFields on Bed { id code kind status statusReason holdExpiresAt version updatedAt
  heldFor { id } department { id name code institution { id name kind tier } } }`;
const BED_EVENTS = `subscription($alliance: ID!, $institution: ID, $after: String) {
  bedAvailabilityChanged(allianceId: $alliance, institutionId: $institution, after: $after) {
    cursor availability { kind total available held occupied updatedAt institution { id } department { id name } }
    bed { ...BedFields }
  } }
  ${BED_FIELDS}`;
const REFERRAL_EVENTS = `subscription($after: String) {
  referralEvents(after: $after) { cursor type at referral { id code status fromInstitution { id } toInstitution { id }
    patient { displayName } } } }`;

interface BedRow {
  id: string;
  institution_id: string;
  department_id: string;
  alliance_id: string;
  status: string;
}

let databaseUrl: string;
let a: TestServer;
let b: TestServer;
let db: pg.Pool;
let allianceGlobalId: string;
let coordinatorA: string;
let coordinatorB: string;
let beds: BedRow[];

beforeAll(async () => {
  databaseUrl = await createTestDatabase(inject('adminDatabaseUrl'));
  // Two replicas on one database.
  [a, b] = await Promise.all([
    startTestServer({ databaseUrl, realtime: REALTIME }),
    startTestServer({ databaseUrl, realtime: REALTIME }),
  ]);
  db = new pg.Pool({ connectionString: databaseUrl, max: 25 });
  coordinatorA = await a.login('coordinator');
  coordinatorB = await b.login('coordinator');
  const alliances = await a.gql<{ alliances: { id: string }[] }>('{ alliances { id } }', {}, coordinatorA);
  allianceGlobalId = alliances.data!.alliances[0]!.id;
  beds = (
    await db.query<BedRow>(
      `SELECT b.id, b.institution_id, b.department_id, i.alliance_id, b.status FROM bed b
         JOIN institution i ON i.id = b.institution_id
        WHERE b.status IN ('AVAILABLE', 'CLEANING') AND b.referral_id IS NULL ORDER BY b.id LIMIT 40`,
    )
  ).rows;
  expect(beds.length).toBe(40);
});

// Every test starts with no subscription left over on either replica.
afterEach(async () => {
  await Promise.all(opened.splice(0).map((subscriber) => subscriber.dispose()));
  await waitFor('the subscriptions to end', () =>
    [a, b].every((server) => realtimeOf(server).relay.subscriberCount === 0),
  );
});

afterAll(async () => {
  await db?.end();
  await Promise.all([a?.stop(), b?.stop()]);
});

const toGlobal = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

/**
 * Changes a bed and logs it the way the mutations do (one transaction), optionally sleeping before
 * COMMIT so that transactions commit out of order; then wakes the relays through `server`.
 */
async function changeBed(
  server: TestServer,
  bed: BedRow,
  options: { sleepMs?: number; events?: number } = {},
) {
  await server.orm.em.fork().transactional(async (tx) => {
    for (let i = 0; i < (options.events ?? 1); i++) {
      const [row] = (await tx.execute(
        `UPDATE bed SET status = CASE status WHEN 'AVAILABLE' THEN 'CLEANING' ELSE 'AVAILABLE' END,
           version = version + 1, updated_at = now() WHERE id = ? RETURNING status`,
        [bed.id],
      )) as { status: string }[];
      await appendEvent(tx, {
        allianceId: bed.alliance_id,
        type: 'bed.STATUS',
        aggregateType: 'Bed',
        aggregateId: bed.id,
        institutionIds: [bed.institution_id],
        departmentIds: [bed.department_id],
        payload: { status: row!.status },
        actor: { userId: null, username: 'test', role: 'SYSTEM', institutionId: null },
      });
    }
    if (options.sleepMs) await tx.execute(`SELECT pg_sleep(${options.sleepMs / 1000})`);
  });
  server.services.events.committed();
}

/** The cursors of the bed events of the log after `after`, in the log's commit-safe order. */
async function bedCursorsAfter(after: string | null): Promise<string[]> {
  const [tx, position] = after ? decode(after) : [0n, 0n];
  const { rows } = await db.query<{ tx: string; pos: string }>(
    `SELECT tx_id::text AS tx, position::text AS pos FROM event_log
      WHERE aggregate_type = 'Bed' AND (tx_id, position) > ($1::text::xid8, $2::bigint)
      ORDER BY tx_id, position`,
    [tx.toString(), position.toString()],
  );
  return rows.map((r) => Buffer.from(`${r.tx}:${r.pos}`).toString('base64url'));
}

describe('fan-out across replicas', () => {
  it('delivers a change made through replica A to a subscriber on replica B, with fresh availability', async () => {
    const onB = subscribe(b, coordinatorB, BED_EVENTS, { alliance: allianceGlobalId });
    await registered(b, 1);
    const bed = beds[0]!;
    // The coordinator changes a bed through the real mutation on replica A.
    const next = bed.status === 'AVAILABLE' ? 'CLEANING' : 'AVAILABLE';
    const changed = await a.gql<{ setBedStatus: { id: string; version: number } }>(
      'mutation($bed: ID!, $status: BedStatus!) { setBedStatus(bedId: $bed, status: $status) { id version } }',
      { bed: toGlobal('Bed', bed.id), status: next },
      coordinatorA,
    );
    expect(changed.errors).toBeUndefined();
    await waitFor('the event on replica B', () => onB.events.length >= 1);
    const event = onB.events[0] as Received & {
      bed: { id: string; status: string; version: number };
      availability: { total: number; available: number; department: { id: string } };
    };
    expect(event.bed).toMatchObject({
      id: toGlobal('Bed', bed.id),
      status: next,
      version: changed.data!.setBedStatus.version,
    });
    // The bed is delivered exactly as a read of it answers afterwards, every field and date included.
    const read = await b.gql<{ node: unknown }>(
      `query($id: ID!) { node(id: $id) { ...BedFields } } ${BED_FIELDS}`,
      { id: toGlobal('Bed', bed.id) },
      coordinatorB,
    );
    expect(read.errors).toBeUndefined();
    expect(event.bed).toEqual(read.data!.node);
    expect(event.availability.department.id).toBe(toGlobal('Department', bed.department_id));
    const { rows } = await db.query<{ available: number; total: number }>(
      'SELECT available, total FROM bed_availability WHERE department_id = $1 AND kind = (SELECT kind FROM bed WHERE id = $2)',
      [bed.department_id, bed.id],
    );
    expect(event.availability).toMatchObject(rows[0]!);
    expect(onB.errors).toEqual([]);
    // Operators see the relay on /metrics.
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^yilian_realtime_subscriptions 1$/m);
    expect(metrics).toMatch(/^yilian_realtime_listener_up 1$/m);
    bed.status = next;
    await onB.dispose();
  });

  it('resumes on the other replica with exactly the 50 changes missed while disconnected, in order', async () => {
    const first = subscribe(a, coordinatorA, BED_EVENTS, { alliance: allianceGlobalId });
    await registered(a, 1);
    await changeBed(a, beds[1]!);
    await waitFor('the first event', () => first.events.length === 1);
    const last = first.events[0]!.cursor;
    await first.dispose();
    await waitFor('the unsubscription', () => realtimeOf(a).relay.subscriberCount === 0);

    // While nobody listens, 50 changes happen (through both replicas).
    for (let i = 0; i < 50; i++) await changeBed(i % 2 ? a : b, beds[i % 10]!);

    const resumed = subscribe(b, coordinatorB, BED_EVENTS, { alliance: allianceGlobalId, after: last });
    await waitFor('the 50 missed events', () => resumed.events.length >= 50);
    // And it continues live: one more change after the replay.
    await changeBed(a, beds[11]!);
    await waitFor('the live event after the replay', () => resumed.events.length >= 51);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.errors).toEqual([]);
    const expected = await bedCursorsAfter(last);
    expect(expected.length).toBeGreaterThanOrEqual(51);
    expect(resumed.events.map((e) => e.cursor)).toEqual(expected);
    expectStrictlyIncreasing(resumed.events);
    await resumed.dispose();
  });
});

describe('slot events', () => {
  it('follows the slots of one department, with the slot as it is now', async () => {
    const { rows: slots } = await db.query<{
      id: string;
      department_id: string;
      institution_id: string;
      alliance_id: string;
    }>(
      `SELECT s.id, s.department_id, s.institution_id, i.alliance_id FROM slot s JOIN institution i ON i.id = s.institution_id
        WHERE s.status = 'OPEN' ORDER BY s.starts_at LIMIT 1`,
    );
    const slot = slots[0]!;
    const { rows: others } = await db.query<{ id: string }>(
      'SELECT id FROM department WHERE id <> $1 LIMIT 1',
      [slot.department_id],
    );
    const SLOT_FIELDS = `fragment SlotFields on Slot { id resourceCode kind pool status start end claimedAt releaseAt
      claimedBy { id } practitioner { id } referral { id } department { id name institution { id name } } }`;
    const SLOT_EVENTS = `subscription($department: ID) { slotEvents(departmentId: $department) {
      cursor at slot { ...SlotFields } } } ${SLOT_FIELDS}`;
    const mine = subscribe(b, coordinatorB, SLOT_EVENTS, {
      department: toGlobal('Department', slot.department_id),
    });
    const elsewhere = subscribe(b, coordinatorB, SLOT_EVENTS, {
      department: toGlobal('Department', others[0]!.id),
    });
    await registered(b, 2);
    await a.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`UPDATE slot SET status = 'RELEASED', version = version + 1 WHERE id = ?`, [slot.id]);
      await appendEvent(tx, {
        allianceId: slot.alliance_id,
        type: 'slot.RELEASED',
        aggregateType: 'Slot',
        aggregateId: slot.id,
        institutionIds: [slot.institution_id],
        departmentIds: [slot.department_id],
        actor: { userId: null, username: 'test', role: 'SYSTEM', institutionId: null },
      });
    });
    a.services.events.committed();
    await waitFor('the slot event', () => mine.events.length === 1);
    expect(mine.events[0]).toMatchObject({
      slot: {
        id: toGlobal('Slot', slot.id),
        status: 'RELEASED',
        department: { id: toGlobal('Department', slot.department_id) },
      },
    });
    // Delivered exactly as a read of the slot answers afterwards, every field and date included.
    const read = await b.gql<{ node: unknown }>(
      `query($id: ID!) { node(id: $id) { ...SlotFields } } ${SLOT_FIELDS}`,
      { id: toGlobal('Slot', slot.id) },
      coordinatorB,
    );
    expect(read.errors).toBeUndefined();
    expect(mine.events[0]!.slot).toEqual(read.data!.node);
    await new Promise((r) => setTimeout(r, 300));
    expect(elsewhere.events).toEqual([]);
    expect([...mine.errors, ...elsewhere.errors]).toEqual([]);
  });
});

describe('commit order', () => {
  it('delivers all 2,000 events of 20 concurrent writers committing out of order, in cursor order, once each', async () => {
    const start = (await bedCursorsAfter(null)).at(-1) ?? null;
    const subscribers = [
      subscribe(a, coordinatorA, BED_EVENTS, { alliance: allianceGlobalId }),
      subscribe(a, coordinatorA, BED_EVENTS, { alliance: allianceGlobalId }),
      subscribe(b, coordinatorB, BED_EVENTS, { alliance: allianceGlobalId }),
      subscribe(b, coordinatorB, BED_EVENTS, { alliance: allianceGlobalId }),
    ];
    await registered(a, 2);
    await registered(b, 2);

    // 20 writers × 50 transactions × 2 events. A third of the transactions sleep before COMMIT, so
    // later transaction ids (and positions) regularly become visible before earlier ones.
    let late: Subscriber | undefined;
    const writers = Array.from({ length: 20 }, async (_, w) => {
      const server = w % 2 ? a : b;
      for (let t = 0; t < 50; t++) {
        await changeBed(server, beds[w]!, {
          events: 2,
          sleepMs: (w + t) % 3 === 0 ? 5 + ((w * 7 + t) % 25) : 0,
        });
        // Halfway, a subscriber joins on replica B resuming from what one of the first ones has seen.
        if (w === 0 && t === 25) {
          const seen = subscribers[0]!.events.at(-1)?.cursor ?? start;
          late = subscribe(b, coordinatorB, BED_EVENTS, { alliance: allianceGlobalId, after: seen });
          (late as Subscriber & { after?: string | null }).after = seen;
        }
      }
    });
    await Promise.all(writers);
    const expected = await bedCursorsAfter(start);
    expect(expected.length).toBeGreaterThanOrEqual(2000);
    for (const subscriber of subscribers) {
      await waitFor(
        `all 2,000 events (${subscribers.map((s) => s.events.length).join(', ')} of ${expected.length})`,
        () => subscriber.events.length >= expected.length,
        60_000,
      );
    }
    const lateAfter = (late as Subscriber & { after: string | null }).after;
    const lateExpected = await bedCursorsAfter(lateAfter);
    await waitFor('the late subscriber', () => late!.events.length >= lateExpected.length, 60_000);
    await new Promise((r) => setTimeout(r, 300));
    for (const subscriber of [...subscribers, late!]) {
      expect(subscriber.errors).toEqual([]);
      expectStrictlyIncreasing(subscriber.events);
    }
    for (const subscriber of subscribers) expect(subscriber.events.map((e) => e.cursor)).toEqual(expected);
    expect(late!.events.map((e) => e.cursor)).toEqual(lateExpected);
    await Promise.all([...subscribers, late!].map((s) => s.dispose()));
  }, 120_000);
});

describe('a lost LISTEN connection', () => {
  it('loses nothing when the listener’s database connection is killed', async () => {
    const onB = subscribe(b, coordinatorB, BED_EVENTS, { alliance: allianceGlobalId });
    await registered(b, 1);
    const start = (await bedCursorsAfter(null)).at(-1)!;
    const connects = realtimeOf(b).relay.stats.listenerConnects;
    // Kill both replicas' LISTEN connections, then change beds while they reconnect.
    const killed = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database()`,
      [LISTEN_APPLICATION_NAME],
    );
    expect(killed.rowCount).toBe(2);
    for (let i = 0; i < 10; i++) await changeBed(a, beds[i]!);
    await waitFor('the listener to reconnect', () => realtimeOf(b).relay.stats.listenerConnects > connects);
    // And after it is back, notifications work again.
    for (let i = 0; i < 5; i++) await changeBed(a, beds[i]!);
    const expected = await bedCursorsAfter(start);
    expect(expected.length).toBeGreaterThanOrEqual(15);
    await waitFor('all 15 events', () => onB.events.length >= expected.length);
    expect(onB.events.map((e) => e.cursor)).toEqual(expected);
    await onB.dispose();
  });
});

describe('authorization per event', () => {
  it('gives a community doctor only their own centre’s referral events; the coordinator all of them', async () => {
    const { demoPlaces, upwardInput, CREATE_REFERRAL } = await import('./fixtures.js');
    const gp1 = await a.login('gp.chc1');
    const gp2 = await a.login('gp.chc2');
    const places = await demoPlaces(a, coordinatorA);
    const doctor = subscribe(b, await b.login('gp.chc1'), REFERRAL_EVENTS);
    const office = subscribe(b, coordinatorB, REFERRAL_EVENTS);
    await registered(b, 2);

    // Community centre 2 refers a patient up, then centre 1 does.
    const other = await a.gql<{ createReferral: { id: string } }>(
      CREATE_REFERRAL,
      { input: upwardInput(places) },
      gp2,
    );
    expect(other.errors).toBeUndefined();
    const own = await a.gql<{ createReferral: { id: string } }>(
      CREATE_REFERRAL,
      { input: upwardInput(places) },
      gp1,
    );
    expect(own.errors).toBeUndefined();
    // The core hospital's office accepts the other centre's referral.
    const accepted = await a.gql(
      'mutation($id: ID!) { acceptReferral(id: $id) { id status } }',
      { id: other.data!.createReferral.id },
      coordinatorA,
    );
    expect(accepted.errors).toBeUndefined();

    await waitFor('the office to see all three events', () => office.events.length >= 3);
    await waitFor('the doctor to see their own', () => doctor.events.length >= 1);
    await new Promise((r) => setTimeout(r, 400));
    const summary = (s: Subscriber) => s.events.map((e) => [e.type, (e.referral as { id: string }).id]);
    expect(summary(office)).toEqual([
      ['CREATED', other.data!.createReferral.id],
      ['CREATED', own.data!.createReferral.id],
      ['ACCEPTED', other.data!.createReferral.id],
    ]);
    expect(summary(doctor)).toEqual([['CREATED', own.data!.createReferral.id]]);
    // The sending centre sees its patient's name; the coordination office sees it masked.
    expect(
      (doctor.events[0]!.referral as { patient: { displayName: string } }).patient.displayName,
    ).not.toContain('*');
    expect(
      (office.events[0]!.referral as { patient: { displayName: string } }).patient.displayName,
    ).toContain('*');
    expect(doctor.errors).toEqual([]);
    await Promise.all([doctor.dispose(), office.dispose()]);
  });

  it('refuses a subscription without a token, to another alliance, or with a malformed cursor', async () => {
    const anonymous = createClient({
      url: a.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const errors: unknown[] = [];
    await new Promise<void>((resolve) =>
      anonymous.subscribe(
        { query: BED_EVENTS, variables: { alliance: allianceGlobalId } },
        {
          next: (r) => errors.push(...(r.errors ?? [])),
          error: (e) => (errors.push(e), resolve()),
          complete: resolve,
        },
      ),
    );
    expect(errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    await anonymous.dispose();

    const foreign = subscribe(a, coordinatorA, BED_EVENTS, {
      alliance: toGlobal('Alliance', '00000000-0000-4000-8000-000000000000'),
    });
    const malformed = subscribe(a, coordinatorA, BED_EVENTS, {
      alliance: allianceGlobalId,
      after: 'not-a-cursor',
    });
    const admin = subscribe(a, await a.login('admin'), REFERRAL_EVENTS);
    await waitFor('three refusals', () => foreign.completed && malformed.completed && admin.completed);
    expect(foreign.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    expect(malformed.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }]);
    expect(admin.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
    await Promise.all([foreign.dispose(), malformed.dispose(), admin.dispose()]);
  });

  it('applies the same validation as HTTP over the socket', async () => {
    const invalid = subscribe(
      a,
      coordinatorA,
      'subscription { bedAvailabilityChanged(allianceId: 1) { nope } }',
    );
    await waitFor('the refusal', () => invalid.errors.length > 0);
    expect(invalid.errors).toMatchObject([{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    await invalid.dispose();
  });
});

describe('retention', () => {
  it('answers a clear error for a cursor older than the retention window', async () => {
    const first = subscribe(a, coordinatorA, BED_EVENTS, { alliance: allianceGlobalId });
    await registered(a, 1);
    await changeBed(a, beds[3]!);
    await changeBed(a, beds[4]!);
    await waitFor('two events', () => first.events.length === 2);
    await first.dispose();
    const [old, kept] = first.events.map((e) => e.cursor) as [string, string];

    // The first event is made a month old; pruning (as any replica runs it) removes it.
    const [tx, position] = decode(old);
    await db.query(
      `UPDATE event_log SET occurred_at = now() - interval '30 days'
        WHERE (tx_id, position) <= ($1::text::xid8, $2::bigint)`,
      [tx.toString(), position.toString()],
    );
    const history = `SELECT count(*)::int AS n FROM event_log WHERE aggregate_type = 'Referral'`;
    const referralEvents = (await db.query(history)).rows[0].n;
    expect(await realtimeOf(b).relay.prune()).toBeGreaterThan(0);
    // Referral events are the referrals' history (their timelines): never pruned.
    expect((await db.query(history)).rows[0].n).toBe(referralEvents);

    const expired = subscribe(a, coordinatorA, BED_EVENTS, { alliance: allianceGlobalId, after: old });
    const fine = subscribe(a, coordinatorA, BED_EVENTS, { alliance: allianceGlobalId, after: kept });
    await waitFor('the refusal', () => expired.errors.length > 0);
    expect(expired.errors).toMatchObject([
      { extensions: { code: 'BAD_USER_INPUT', field: 'after', reason: 'CURSOR_EXPIRED' } },
    ]);
    expect((expired.errors[0] as { message: string }).message).toMatch(/refetch/);
    await registered(a, 1);
    expect(fine.errors).toEqual([]);
    await Promise.all([expired.dispose(), fine.dispose()]);
  });
});

describe('token expiry and shutdown', () => {
  it('closes the socket when the token expires, and with 1012 when the server stops', async () => {
    let now = Date.now();
    const c = await startTestServer({ databaseUrl, clock: () => new Date(now), realtime: REALTIME });
    try {
      const token = await c.login('gp.chc1');
      const watcher = subscribe(c, token, BED_EVENTS, { alliance: allianceGlobalId });
      await registered(c, 1);
      await changeBed(a, beds[5]!);
      await waitFor('an event while the token is valid', () => watcher.events.length === 1);
      now += 9 * 3600 * 1000; // past the 8-hour token lifetime
      await waitFor('the socket to close', () => watcher.closed !== null);
      expect(watcher.closed).toMatchObject({ code: 4401 });
      await watcher.dispose();
      await waitFor('the closed subscription to end', () => realtimeOf(c).relay.subscriberCount === 0);

      const fresh = subscribe(c, await c.login('coordinator'), BED_EVENTS, { alliance: allianceGlobalId });
      await registered(c, 1);
      await c.stop();
      await waitFor('the socket to close', () => fresh.closed !== null);
      expect(fresh.closed).toMatchObject({ code: 1012 });
      await fresh.dispose();
    } finally {
      await c.stop();
    }
  });
});
