import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditLog } from '../src/modules/audit/audit-chain.js';
import type { Realtime } from '../src/realtime/realtime.js';
import { CREATE_REFERRAL, demoPlaces, upwardInput, type DemoPlaces } from './fixtures.js';
import { codes, startTestServer, type TestServer } from './harness.js';
import { toGlobal, uuidOf, waitFor, wsOperation, type WsOperation } from './ws-client.js';

let server: TestServer;
/** Connects as the application does: same URL, same role. */
let db: pg.Pool;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
let places: DemoPlaces;
const sockets: WsOperation[] = [];

beforeAll(async () => {
  server = await startTestServer({ realtime: { pollIntervalMs: 250 } });
  db = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });
  for (const user of ['coordinator', 'admin', 'gp.chc1', 'gp.chc2', 'cardio.oncall1']) {
    tokens[user] = await server.login(user);
    const viewer = await server.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, tokens[user]);
    userIds[user] = viewer.data!.viewer.id;
  }
  places = await demoPlaces(server, tokens.coordinator!);
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
  await db?.end();
  await server?.stop();
});

interface AuditRow {
  id: string;
  kind: string;
  action: string;
  outcome: string;
  error_code: string | null;
  user_id: string | null;
  username: string | null;
  role: string | null;
  institution_id: string | null;
  ip: string | null;
  request_id: string | null;
  target_type: string | null;
  target_id: string | null;
  referral_ids: string[];
  patient_ids: string[];
  detail: Record<string, unknown>;
  tx_id: string;
}

/** Audit rows written after `since` (an id), oldest first, optionally of one action. */
async function entriesSince(since: string, action?: string): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id::text, kind, action, outcome, error_code, user_id, username, role, institution_id, ip, request_id,
            target_type, target_id, referral_ids, patient_ids, detail, tx_id::text
       FROM audit_log WHERE id > $1 AND ($2::text IS NULL OR action = $2) ORDER BY id`,
    [since, action ?? null],
  );
  return rows;
}
const lastId = async () =>
  (await db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_log')).rows[0]!.id;

async function createReferral(token = tokens['gp.chc1']!) {
  const result = await server.gql<{ createReferral: { id: string; patient: { id: string } } }>(
    CREATE_REFERRAL,
    { input: upwardInput(places) },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createReferral;
}

/** Seals until every entry written so far is in the chain (the background sweep may hold the lock). */
async function sealAll(): Promise<void> {
  const upTo = await lastId();
  await waitFor('every entry sealed', async () => {
    await sealAuditLog(server.orm.em.fork(), server.services.keys.auditChain);
    const { rows } = await db.query(
      `SELECT 1 FROM audit_log a WHERE a.id <= $1 AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = a.id)`,
      [upTo],
    );
    return rows.length === 0;
  });
}

const VERIFY =
  '{ verifyAuditChain { valid checkedEntries unsealedEntries headHash firstBadEntryId problem } }';
async function verify() {
  const result = await server.gql<{
    verifyAuditChain: {
      valid: boolean;
      checkedEntries: number;
      unsealedEntries: number;
      headHash: string | null;
      firstBadEntryId: string | null;
      problem: string | null;
    };
  }>(VERIFY, {}, tokens.admin);
  expect(result.errors).toBeUndefined();
  return result.data!.verifyAuditChain;
}

describe('append-only', () => {
  it('lets the application’s database role append, but not update, delete or truncate, the log or its chain', async () => {
    await sealAll();
    for (const statement of [
      `UPDATE audit_log SET outcome = 'OK' WHERE id = (SELECT min(id) FROM audit_log)`,
      'DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)',
      'TRUNCATE audit_log CASCADE',
      `UPDATE audit_chain SET hash = 'x' WHERE seq = 1`,
      'DELETE FROM audit_chain WHERE seq = 1',
      'TRUNCATE audit_chain',
    ]) {
      await expect(db.query(statement), statement).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/append-only/),
      });
    }
    // The writer cannot choose an entry's time or transaction either: the database stamps them.
    const { rows } = await db.query<{ at: Date; tx_id: string; current: string }>(
      `INSERT INTO audit_log (kind, action, outcome, at, tx_id) VALUES ('MUTATION', 'test.forged', 'OK', '2000-01-01', '3')
       RETURNING at, tx_id::text, pg_current_xact_id()::text AS current`,
    );
    expect(rows[0]!.at.getFullYear()).toBeGreaterThan(2000);
    expect(rows[0]!.tx_id).toBe(rows[0]!.current);
  });
});

describe('mutations', () => {
  it('writes a successful mutation’s entry in the same transaction as its change', async () => {
    const since = await lastId();
    const referral = await createReferral();
    // Its answer showed the patient's name too: that read has an entry of its own (kind READ).
    const [entry, ...more] = (await entriesSince(since, 'Mutation.createReferral')).filter(
      (e) => e.kind === 'MUTATION',
    );
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      kind: 'MUTATION',
      outcome: 'OK',
      error_code: null,
      user_id: userIds['gp.chc1'],
      username: 'gp.chc1',
      role: 'REFERRING_DOCTOR',
      institution_id: uuidOf(places.chc1Id),
      referral_ids: [uuidOf(referral.id)],
      patient_ids: [uuidOf(referral.patient.id)],
    });
    expect(entry!.ip).toMatch(/127\.0\.0\.1$/);
    expect(entry!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    // The same transaction as the change: the referral's CREATED event has the entry's transaction id.
    const { rows } = await db.query<{ tx_id: string }>(
      `SELECT tx_id::text FROM event_log WHERE aggregate_id = $1 AND type = 'referral.CREATED'`,
      [uuidOf(referral.id)],
    );
    expect(rows[0]!.tx_id).toBe(entry!.tx_id);
  });

  it('records denied, refused and anonymous mutations, which change nothing, after their rollback', async () => {
    const referral = await createReferral();
    const since = await lastId();
    const ACCEPT = 'mutation($id: ID!) { acceptReferral(id: $id) { status } }';
    // Another centre may not even see it; a doctor without a reason is refused; nobody logged in is denied.
    expect(codes(await server.gql(ACCEPT, { id: referral.id }, tokens['gp.chc2']))).toEqual(['NOT_FOUND']);
    const rejected = await server.gql(
      'mutation($id: ID!) { rejectReferral(id: $id, reason: "") { status } }',
      { id: referral.id },
      tokens['cardio.oncall1'],
    );
    expect(codes(rejected)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await server.gql(ACCEPT, { id: referral.id }))).toEqual(['UNAUTHENTICATED']);
    const refusedClaim = await server.gql(
      'mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { id } }',
      { s: toGlobal('Slot', '00000000-0000-4000-8000-000000000000'), r: referral.id },
      tokens['gp.chc1'],
    );
    // A community doctor may not claim slots at all: refused by the policy before any row is read.
    expect(codes(refusedClaim)).toEqual(['FORBIDDEN']);

    const entries = await entriesSince(since);
    const referralId = uuidOf(referral.id);
    expect(entries.map((e) => [e.action, e.outcome, e.error_code, e.username])).toEqual([
      ['Mutation.acceptReferral', 'DENIED', 'NOT_FOUND', 'gp.chc2'],
      ['Mutation.rejectReferral', 'REFUSED', 'BAD_USER_INPUT', 'cardio.oncall1'],
      ['Mutation.acceptReferral', 'DENIED', 'UNAUTHENTICATED', null],
      ['Mutation.claimSlot', 'DENIED', 'FORBIDDEN', 'gp.chc1'],
    ]);
    for (const entry of entries) expect(entry.referral_ids).toEqual([referralId]);
    expect(entries[1]!.detail).toMatchObject({ field: 'reason' });
    expect(entries[3]).toMatchObject({
      target_type: 'Slot',
      target_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(entries[2]!.ip).toMatch(/127\.0\.0\.1$/);
  });

  it('names the user a login logged in, and records a refused login', async () => {
    const since = await lastId();
    await server.login('gp.chc2');
    await server.gql('mutation { login(username: "gp.chc2", password: "wrong") { token } }');
    const entries = await entriesSince(since, 'Mutation.login');
    expect(entries.map((e) => [e.outcome, e.user_id, e.role, e.institution_id])).toEqual([
      ['OK', userIds['gp.chc2'], 'REFERRING_DOCTOR', uuidOf(places.chc2Id)],
      ['DENIED', null, null, null],
    ]);
  });
});

describe('reads of patient-identifying data', () => {
  const LIST = `{ mine: referrals(first: 100) { edges { node { id patient { id displayName } clinicalSummary } } } }`;

  it('writes one entry per operation listing the referrals and patients whose identity it returned', async () => {
    await createReferral();
    const since = await lastId();
    const read = await server.gql<{
      mine: { edges: { node: { id: string; patient: { id: string } } }[] };
    }>(LIST, {}, tokens['gp.chc1']);
    const nodes = read.data!.mine.edges.map((e) => e.node);
    const entries = await entriesSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'READ',
      action: 'Query.referrals',
      outcome: 'OK',
      username: 'gp.chc1',
    });
    expect(new Set(entries[0]!.referral_ids)).toEqual(new Set(nodes.map((n) => uuidOf(n.id))));
    expect(new Set(entries[0]!.patient_ids)).toEqual(new Set(nodes.map((n) => uuidOf(n.patient.id))));

    // The coordination office sees names masked: nothing identifying was read, nothing is written.
    const masked = await server.gql(LIST, {}, tokens.coordinator);
    expect(masked.errors).toBeUndefined();
    expect(await entriesSince(entries[0]!.id)).toEqual([]);
  });

  it('records a refused read, and identifying reads over graphql-ws: queries and subscription events', async () => {
    const referral = await createReferral();
    const since = await lastId();
    expect(
      codes(
        await server.gql(
          'query($id: ID!) { referral(id: $id) { id } }',
          { id: referral.id },
          tokens['gp.chc2'],
        ),
      ),
    ).toEqual(['NOT_FOUND']);

    const query = wsOperation(
      server,
      tokens['gp.chc1']!,
      'query($id: ID!) { referral(id: $id) { patient { displayName } } }',
      { id: referral.id },
    );
    sockets.push(query);
    await waitFor('the query answer', () => query.results.length > 0);
    const events = wsOperation(
      server,
      tokens['gp.chc1']!,
      'subscription { referralEvents { referral { id patient { displayName } } } }',
    );
    sockets.push(events);
    await waitFor('the subscription', () => (server.services.events as Realtime).relay.subscriberCount > 0);
    const next = await createReferral();
    await waitFor('the event', () => events.results.length > 0);

    const entries = await entriesSince(since);
    expect(entries.map((e) => [e.kind, e.action, e.outcome, e.username, e.referral_ids])).toEqual(
      expect.arrayContaining([
        ['READ', 'Query.referral', 'DENIED', 'gp.chc2', [uuidOf(referral.id)]],
        ['READ', 'Query.referral', 'OK', 'gp.chc1', [uuidOf(referral.id)]],
        ['READ', 'Subscription.referralEvents', 'OK', 'gp.chc1', [uuidOf(next.id)]],
      ]),
    );
  });
});

describe('the audit log for administrators', () => {
  const AUDIT = `query($filter: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at kind action outcome errorCode userId username role institution { id } referralIds patientIds
      targetType targetId ip detail sealed } } } }`;
  interface Page {
    auditLog: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; at: string; action: string; outcome: string; referralIds: string[] } }[];
    };
  }
  const audit = (variables: Record<string, unknown>, token = tokens.admin) =>
    server.gql<Page>(AUDIT, variables, token);

  it('is for administrators only', async () => {
    for (const user of ['coordinator', 'gp.chc1', 'cardio.oncall1']) {
      expect(codes(await audit({}, tokens[user]))).toEqual(['FORBIDDEN']);
      expect(codes(await server.gql(VERIFY, {}, tokens[user]))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await audit({}, ''))).toEqual(['UNAUTHENTICATED']);
  });

  it('filters by actor, institution, operation, outcome, referral and time, newest first', async () => {
    const referral = await createReferral();
    await server.gql(
      'mutation($id: ID!) { acceptReferral(id: $id) { status } }',
      { id: referral.id },
      tokens['gp.chc2'],
    );

    const byReferral = await audit({ filter: { referralId: referral.id, kind: 'MUTATION' } });
    expect(byReferral.errors).toBeUndefined();
    expect(byReferral.data!.auditLog.edges.map((e) => [e.node.action, e.node.outcome])).toEqual([
      ['Mutation.acceptReferral', 'DENIED'],
      ['Mutation.createReferral', 'OK'],
    ]);
    const denied = await audit({
      filter: { userId: userIds['gp.chc2'], outcome: 'DENIED', action: 'Mutation.acceptReferral' },
    });
    expect(denied.data!.auditLog.edges.every((e) => e.node.outcome === 'DENIED')).toBe(true);
    expect(denied.data!.auditLog.edges[0]!.node.referralIds).toEqual([referral.id]);
    const byInstitution = await audit({
      filter: { institutionId: places.chc1Id, action: 'Mutation.createReferral' },
    });
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE institution_id = $1 AND action = 'Mutation.createReferral'`,
      [uuidOf(places.chc1Id)],
    );
    expect(byInstitution.data!.auditLog.totalCount).toBe(rows[0].n);
    const past = await audit({ filter: { to: '2020-01-01T00:00:00Z' } });
    expect(past.data!.auditLog.totalCount).toBe(0);
    const recent = await audit({
      filter: { from: new Date(Date.now() - 60_000).toISOString(), kind: 'MUTATION' },
    });
    expect(recent.data!.auditLog.totalCount).toBeGreaterThan(0);

    for (const [variables, field] of [
      [{ after: 'bogus' }, 'after'],
      [{ filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'filter.to'],
      [{ filter: { userId: 'nope' } }, 'filter.userId'],
      [{ filter: { referralId: places.chc1Id } }, 'filter.referralId'],
      [{ first: 101 }, 'first'],
    ] as const) {
      const result = await audit(variables);
      expect(codes(result), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.field).toBe(field);
    }
  });

  it('pages through a filter with cursors, every entry once', async () => {
    const filter = { userId: userIds['gp.chc1'] };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const result: { data?: Page | null } = await audit({ filter, first: 3, after });
      const log = result.data!.auditLog;
      total = log.totalCount;
      seen.push(...log.edges.map((e) => e.node.id));
      if (!log.pageInfo.hasNextPage) break;
      after = log.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(6);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((x, y) => y - x));
  });
});

describe('the hash chain', () => {
  it('seals entries in commit order, waiting for a transaction that started writing earlier', async () => {
    const slow = await db.connect();
    try {
      await slow.query('BEGIN');
      const { rows: slowRows } = await slow.query<{ id: string }>(
        `INSERT INTO audit_log (kind, action, outcome) VALUES ('MUTATION', 'test.slow', 'OK') RETURNING id::text`,
      );
      const { rows: fastRows } = await db.query<{ id: string }>(
        `INSERT INTO audit_log (kind, action, outcome) VALUES ('MUTATION', 'test.fast', 'OK') RETURNING id::text`,
      );
      await sealAuditLog(server.orm.em.fork(), server.services.keys.auditChain);
      const sealed = async (id: string) =>
        (await db.query<{ seq: string }>('SELECT seq::text FROM audit_chain WHERE entry_id = $1', [id]))
          .rows[0]?.seq;
      // The fast entry committed, but a transaction older than it is still writing: not yet.
      expect(await sealed(fastRows[0]!.id)).toBeUndefined();
      await slow.query('COMMIT');
      await sealAll();
      const [slowSeq, fastSeq] = [await sealed(slowRows[0]!.id), await sealed(fastRows[0]!.id)];
      expect(BigInt(slowSeq!)).toBeLessThan(BigInt(fastSeq!));
    } finally {
      slow.release();
    }
    const report = await verify();
    expect(report).toMatchObject({ valid: true, problem: null });
    expect(report.checkedEntries).toBeGreaterThan(10);
  });

  it('detects an altered, a slipped-in and a deleted entry', async () => {
    await sealAll();
    expect((await verify()).valid).toBe(true);
    // Someone with the database superuser's power, bypassing the triggers.
    const intruder = await db.connect();
    try {
      await intruder.query(`SET session_replication_role = replica`);
      const { rows } = await intruder.query<{ id: string; outcome: string }>(
        `SELECT a.id::text, a.outcome FROM audit_log a JOIN audit_chain c ON c.entry_id = a.id
          WHERE a.outcome = 'DENIED' ORDER BY c.seq LIMIT 1`,
      );
      const victim = rows[0]!;
      await intruder.query(`UPDATE audit_log SET outcome = 'OK' WHERE id = $1`, [victim.id]);
      expect(await verify()).toMatchObject({ valid: false, firstBadEntryId: victim.id });
      await intruder.query(`UPDATE audit_log SET outcome = $2 WHERE id = $1`, [victim.id, victim.outcome]);
      expect((await verify()).valid).toBe(true);

      const { rows: slipped } = await intruder.query<{ id: string }>(
        `INSERT INTO audit_log (kind, action, outcome, tx_id) VALUES ('MUTATION', 'test.slipped', 'OK', '3')
         RETURNING id::text`,
      );
      const report = await verify();
      expect(report).toMatchObject({ valid: false, firstBadEntryId: slipped[0]!.id });
      expect(report.problem).toContain('inserted');
      await intruder.query('DELETE FROM audit_log WHERE id = $1', [slipped[0]!.id]);
      expect((await verify()).valid).toBe(true);

      await intruder.query('DELETE FROM audit_log WHERE id = $1', [victim.id]);
      const deleted = await verify();
      expect(deleted).toMatchObject({ valid: false, firstBadEntryId: victim.id });
      expect(deleted.problem).toContain('deleted');
    } finally {
      await intruder.query(`SET session_replication_role = origin`);
      intruder.release();
    }
  });
});
