import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Realtime } from '../src/realtime/realtime.js';
import { createTestDatabase } from './database.js';
import { CREATE_REFERRAL, demoPlaces, upwardInput, type DemoPlaces } from './fixtures.js';
import { codes, startTestServer, type TestServer } from './harness.js';
import { toGlobal, waitFor, wsOperation, type WsOperation } from './ws-client.js';

// Two replicas on one database, as in production; short real-time timers.
const REALTIME = { pollIntervalMs: 250, authCheckIntervalMs: 100, pingIntervalMs: 2_000 };

let a: TestServer;
let b: TestServer;
let db: pg.Pool;
const tokens: Record<string, string> = {};
let places: DemoPlaces;
const sockets: WsOperation[] = [];

beforeAll(async () => {
  const databaseUrl = await createTestDatabase(inject('adminDatabaseUrl'));
  [a, b] = await Promise.all([
    startTestServer({ databaseUrl, realtime: REALTIME }),
    startTestServer({ databaseUrl, realtime: REALTIME }),
  ]);
  db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  for (const user of ['coordinator', 'admin', 'gp.chc1', 'cardio.oncall1'])
    tokens[user] = await a.login(user);
  places = await demoPlaces(a, tokens.coordinator!);
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
  await db?.end();
  await Promise.all([a?.stop(), b?.stop()]);
});

const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { key
  apiKey { id name prefix scopes status createdBy expiresAt revokedAt lastUsedAt institution { id } } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id status revokedAt revokedBy } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Issued {
  key: string;
  apiKey: { id: string; name: string; prefix: string; scopes: string[]; status: string; createdBy: string };
}

async function issue(
  scopes: string[],
  institutionId = places.chc1Id,
  by = tokens.coordinator!,
): Promise<Issued> {
  const result = await a.gql<{ issueApiKey: Issued }>(
    ISSUE,
    { input: { institutionId, name: 'HIS 接口', scopes, expiresAt: inDays(30) } },
    by,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.issueApiKey;
}

const ALL_READ_WRITE = ['REFERRALS_READ', 'REFERRALS_WRITE', 'CAPACITY_READ'];

describe('issuing keys', () => {
  it('shows the key once, stores only a keyed hash of it, and lists it without the secret', async () => {
    const issued = await issue(ALL_READ_WRITE);
    expect(issued.key).toMatch(/^ylk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(issued.key.startsWith(`${issued.apiKey.prefix}_`)).toBe(true);
    expect(issued.apiKey).toMatchObject({
      status: 'ACTIVE',
      createdBy: 'coordinator',
      scopes: ALL_READ_WRITE,
    });
    const secret = issued.key.slice(issued.apiKey.prefix.length + 1);
    const { rows } = await db.query(
      'SELECT to_jsonb(k)::text AS row, secret_hash FROM api_key k WHERE id = $1',
      [issued.apiKey.id],
    );
    expect(rows[0].secret_hash).toHaveLength(32);
    expect(rows[0].row).not.toContain(secret);
    expect(rows[0].secret_hash.toString('base64url')).not.toContain(secret);

    for (const [user, args] of [
      ['admin', { institutionId: places.chc1Id }],
      ['coordinator', {}],
    ] as const) {
      const listed = await a.gql<{ apiKeys: { id: string; prefix: string; institution: { id: string } }[] }>(
        'query($institutionId: ID) { apiKeys(institutionId: $institutionId) { id prefix name institution { id } } }',
        args,
        tokens[user],
      );
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.apiKeys.map((k) => k.id)).toContain(issued.apiKey.id);
      expect(JSON.stringify(listed.data)).not.toContain(secret);
    }
  });

  it('refuses bad input naming the field, and anyone but an administrator or coordinator', async () => {
    const valid = {
      institutionId: places.chc1Id,
      name: 'HIS',
      scopes: ['CAPACITY_READ'],
      expiresAt: inDays(30),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '   ' }, 'input.name'],
      [{ name: 'x'.repeat(101) }, 'input.name'],
      [{ scopes: [] }, 'input.scopes'],
      [{ expiresAt: inDays(-1) }, 'input.expiresAt'],
      [{ expiresAt: inDays(400) }, 'input.expiresAt'],
      [{ institutionId: places.cardiologyId }, 'input.institutionId'],
      [{ institutionId: 'nonsense' }, 'input.institutionId'],
      [
        { institutionId: toGlobal('Institution', '00000000-0000-4000-8000-000000000000') },
        'input.institutionId',
      ],
    ];
    for (const [change, field] of cases) {
      const result = await a.gql(ISSUE, { input: { ...valid, ...change } }, tokens.admin);
      expect(codes(result), JSON.stringify(change)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.field).toBe(field);
    }
    for (const user of ['gp.chc1', 'cardio.oncall1']) {
      expect(codes(await a.gql(ISSUE, { input: valid }, tokens[user]))).toEqual(['FORBIDDEN']);
      expect(codes(await a.gql('{ apiKeys { id } }', {}, tokens[user]))).toEqual(['FORBIDDEN']);
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM api_key WHERE name = 'HIS'`);
    expect(rows[0].n).toBe(0);
  });
});

describe('a key at work', () => {
  it('acts as its institution’s partner system over HTTP: reads its referrals, creates one', async () => {
    const { key } = await issue(ALL_READ_WRITE);
    const viewer = await a.gql<{ viewer: { role: string; username: string; institution: { id: string } } }>(
      '{ viewer { role username institution { id } } }',
      {},
      key,
    );
    expect(viewer.data!.viewer).toMatchObject({ role: 'PARTNER_APP', institution: { id: places.chc1Id } });
    expect(viewer.data!.viewer.username).toMatch(/^api\.ll-umg\./);

    const created = await a.gql<{ createReferral: { id: string } }>(
      CREATE_REFERRAL,
      { input: upwardInput(places) },
      key,
    );
    expect(created.errors).toBeUndefined();
    const listed = await a.gql<{
      referrals: {
        edges: { node: { id: string; fromInstitution: { id: string }; toInstitution: { id: string } } }[];
      };
    }>(
      '{ referrals(first: 100) { edges { node { id fromInstitution { id } toInstitution { id } } } } }',
      {},
      key,
    );
    const referrals = listed.data!.referrals.edges.map((e) => e.node);
    expect(referrals.map((r) => r.id)).toContain(created.data!.createReferral.id);
    for (const r of referrals) expect([r.fromInstitution.id, r.toInstitution.id]).toContain(places.chc1Id);
  });

  it('does only what its scopes allow, nested fields and subscriptions included', async () => {
    const capacityOnly = (await issue(['CAPACITY_READ'])).key;
    expect((await a.gql('{ alliances { id } }', {}, capacityOnly)).errors).toBeUndefined();
    const [booked] = (
      await db.query<{ id: string; referral_id: string }>(
        `SELECT id, referral_id FROM slot WHERE status = 'BOOKED' AND referral_id IS NOT NULL LIMIT 1`,
      )
    ).rows;
    expect(booked).toBeDefined();
    const refused: [string, Record<string, unknown>][] = [
      ['{ referrals { totalCount } }', {}],
      ['query($id: ID!) { node(id: $id) { id } }', { id: toGlobal('Referral', booked!.referral_id) }],
      ['query($id: ID!) { referral(id: $id) { id } }', { id: toGlobal('Referral', booked!.referral_id) }],
      [CREATE_REFERRAL, { input: upwardInput(places) }],
      ['{ apiKeys { id } }', {}],
      ['{ auditLog { totalCount } }', {}],
      [
        ISSUE,
        {
          input: { institutionId: places.chc1Id, name: 'x', scopes: ['CAPACITY_READ'], expiresAt: inDays(1) },
        },
      ],
    ];
    for (const [query, variables] of refused) {
      expect(codes(await a.gql(query, variables, capacityOnly)), query).toEqual(['FORBIDDEN']);
    }
    // A slot's referral is referral data, wherever it is reached from.
    const nested = await a.gql<{ node: { id: string; referral: unknown } }>(
      'query($id: ID!) { node(id: $id) { ... on Slot { id referral { id patient { displayName } } } } }',
      { id: toGlobal('Slot', booked!.id) },
      capacityOnly,
    );
    expect(nested.data!.node).toEqual({ id: toGlobal('Slot', booked!.id), referral: null });
    expect(codes(nested)).toEqual(['FORBIDDEN']);
    expect(nested.errors![0]!.path).toEqual(['node', 'referral']);

    // Booking a reserved slot with a referral needs SLOTS_BOOK on top of REFERRALS_WRITE.
    const writer = (await issue(['REFERRALS_WRITE'])).key;
    const withSlot = await a.gql(
      CREATE_REFERRAL.replace('slot { id }', ''),
      { input: upwardInput(places, { slotId: toGlobal('Slot', booked!.id) }) },
      writer,
    );
    expect(codes(withSlot)).toEqual(['FORBIDDEN']);
    expect(withSlot.errors![0]!.message).toContain('SLOTS_BOOK');

    const subscription = wsOperation(a, capacityOnly, 'subscription { referralEvents { cursor } }');
    sockets.push(subscription);
    await waitFor('the refusal', () => subscription.results.length + subscription.errors.length > 0);
    expect(JSON.stringify([...subscription.results, ...subscription.errors])).toContain('FORBIDDEN');
  });

  it('refuses malformed, unknown, wrong and expired keys with UNAUTHENTICATED and HTTP 401', async () => {
    const { key, apiKey } = await issue(['CAPACITY_READ']);
    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const unknown = `ylk_${'0'.repeat(32)}_${key.slice(-43)}`;
    for (const bad of ['ylk_', 'ylk_123_abc', wrongSecret, unknown, `${key}x`]) {
      const result = await a.gql('{ viewer { id } }', {}, bad);
      expect(result.status, bad).toBe(401);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    }
    // An expired key (this one was never used, so no server has it cached).
    const fresh = await issue(['CAPACITY_READ']);
    await db.query(
      `UPDATE api_key SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [fresh.apiKey.id],
    );
    const expired = await a.gql('{ viewer { id } }', {}, fresh.key);
    expect(codes(expired)).toEqual(['UNAUTHENTICATED']);
    expect(expired.errors![0]!.message).toContain('expired');
    // The key itself still works: only the wrong secret was refused.
    expect((await a.gql('{ viewer { id } }', {}, key)).errors).toBeUndefined();
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE kind = 'AUTHENTICATION' AND api_key_id = $1`,
      [apiKey.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('records when it was last used, without a write per request', async () => {
    const { key, apiKey } = await issue(['CAPACITY_READ']);
    const lastUsed = async () =>
      (await db.query('SELECT last_used_at FROM api_key WHERE id = $1', [apiKey.id])).rows[0].last_used_at;
    expect(await lastUsed()).toBeNull();
    await a.gql('{ viewer { id } }', {}, key);
    await waitFor('last_used_at', async () => (await lastUsed()) !== null);
    const first = await lastUsed();
    for (let i = 0; i < 5; i++) await a.gql('{ viewer { id } }', {}, key);
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed()).toEqual(first);
  });

  it('rotates: a second key of the institution acts as the same account, so retries stay idempotent', async () => {
    const [old, next] = [await issue(ALL_READ_WRITE), await issue(ALL_READ_WRITE)];
    const input = upwardInput(places);
    const first = await a.gql<{ createReferral: { id: string } }>(
      CREATE_REFERRAL,
      { input, key: 'rot-1' },
      old.key,
    );
    await a.gql(REVOKE, { id: old.apiKey.id }, tokens.coordinator);
    const retried = await b.gql<{ createReferral: { id: string } }>(
      CREATE_REFERRAL,
      { input, key: 'rot-1' },
      next.key,
    );
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.createReferral.id).toBe(first.data!.createReferral.id);
    expect(codes(await a.gql('{ viewer { id } }', {}, old.key))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('revocation', () => {
  const realtimeOf = (server: TestServer) => server.services.events as Realtime;

  it('takes effect at once: HTTP on every replica, open sockets on every replica closed with 4401', async () => {
    const { key, apiKey } = await issue(['CAPACITY_READ']);
    // Both replicas have the key cached, and a subscription open with it.
    for (const server of [a, b])
      expect((await server.gql('{ viewer { id } }', {}, key)).errors).toBeUndefined();
    const before = [a, b].map((server) => realtimeOf(server).relay.subscriberCount);
    const onA = wsOperation(a, key, 'subscription { slotEvents { cursor } }');
    const onB = wsOperation(b, key, 'subscription { slotEvents { cursor } }');
    sockets.push(onA, onB);
    await waitFor('both subscriptions', () =>
      [a, b].every((server, i) => realtimeOf(server).relay.subscriberCount > before[i]!),
    );
    // A login token's socket on B stays open.
    const person = wsOperation(b, tokens.coordinator!, 'subscription { slotEvents { cursor } }');
    sockets.push(person);

    const started = performance.now();
    const revoked = await a.gql<{ revokeApiKey: { status: string; revokedBy: string } }>(
      REVOKE,
      { id: apiKey.id },
      tokens.coordinator,
    );
    const answered = performance.now();
    expect(revoked.data!.revokeApiKey).toMatchObject({ status: 'REVOKED', revokedBy: 'coordinator' });
    expect(codes(await a.gql('{ viewer { id } }', {}, key))).toEqual(['UNAUTHENTICATED']);
    await waitFor('the socket on A to close', () => onA.closed !== null, 2_000);
    await waitFor('the socket on B to close', () => onB.closed !== null, 2_000);
    const closedB = performance.now();
    expect(onA.closed).toEqual({ code: 4401, reason: 'API key revoked' });
    expect(onB.closed).toEqual({ code: 4401, reason: 'API key revoked' });
    const refusedOnB = await b.gql('{ viewer { id } }', {}, key);
    expect(codes(refusedOnB)).toEqual(['UNAUTHENTICATED']);
    expect(refusedOnB.errors![0]!.message).toContain('revoked');
    expect(person.closed).toBeNull();
    console.log(
      `revocation: mutation answered in ${(answered - started).toFixed(1)} ms; ` +
        `the other replica's socket closed ${(closedB - answered).toFixed(1)} ms after the answer`,
    );

    // A new socket with the revoked key is refused at connection_init.
    const late = wsOperation(b, key, 'subscription { slotEvents { cursor } }');
    sockets.push(late);
    await waitFor('the refusal', () => late.closed !== null);
    expect(late.closed!.code).toBe(4403);
  });

  it('answers NOT_FOUND, BAD_USER_INPUT or FORBIDDEN for a bad revocation, and repeats harmlessly', async () => {
    const { apiKey } = await issue(['CAPACITY_READ']);
    expect(codes(await a.gql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, tokens.admin))).toEqual([
      'NOT_FOUND',
    ]);
    const malformed = await a.gql(REVOKE, { id: 'nope' }, tokens.admin);
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.errors![0]!.extensions!.field).toBe('id');
    expect(codes(await a.gql(REVOKE, { id: apiKey.id }, tokens['gp.chc1']))).toEqual(['FORBIDDEN']);
    const once = await a.gql<{ revokeApiKey: { revokedAt: string } }>(
      REVOKE,
      { id: apiKey.id },
      tokens.admin,
    );
    const twice = await a.gql<{ revokeApiKey: { revokedAt: string } }>(
      REVOKE,
      { id: apiKey.id },
      tokens.admin,
    );
    expect(twice.data!.revokeApiKey.revokedAt).toBe(once.data!.revokeApiKey.revokedAt);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM event_log WHERE aggregate_id = $1 AND type = 'apikey.REVOKED'`,
      [apiKey.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
