import { Writable } from 'node:stream';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeResidentId } from '../src/domain/identifiers/resident-id.js';
import { deriveKeys } from '../src/platform/keys.js';
import { createLogger } from '../src/platform/logger.js';
import type { Realtime } from '../src/realtime/realtime.js';
import { TEST_SECRET } from './database.js';
import { demoPlaces, type DemoPlaces } from './fixtures.js';
import { startTestServer, type TestServer } from './harness.js';
import { addUser, gid, placeOf } from './scenario.js';

/**
 * Minimum necessary, checked end to end with canary values: a patient with a distinctive name and
 * resident ID is referred, answered, scheduled, admitted and sent back down, and attacked with
 * invalid, refused and malformed requests over HTTP and graphql-ws. Everything the server says is
 * recorded — every HTTP body and WebSocket frame (per account), every log line (at debug level), every
 * NOTIFY payload, and finally every row of the database — and searched:
 * the resident ID must appear nowhere, in no form; its stored keyed hash and ciphertext must never
 * leave the database; the full name only reaches accounts of the sending and receiving institutions.
 */

const CANARY_NAME = '司马金丝雀';
const CANARY_ID = makeResidentId('331202', '1961-07-19', 777);
/** The canary with a wrong check character: invalid input must not be echoed either. */
const CANARY_TYPO = CANARY_ID.slice(0, 17) + (CANARY_ID.endsWith('1') ? '2' : '1');

/** Every form a resident ID could leak in. */
function formsOf(id: string): string[] {
  return [
    id,
    id.toLowerCase(),
    id.slice(6, 17), // birth date and sequence: the identifying part after the public region code
    Buffer.from(id).toString('base64'),
    Buffer.from(id).toString('base64url'),
    Buffer.from(id).toString('hex'),
  ];
}

interface Said {
  readonly account: string;
  readonly text: string;
}

let server: TestServer;
let db: pg.Client;
let listener: pg.Client;
let places: DemoPlaces;
const said: Said[] = [];
const logs: string[] = [];
const notifications: string[] = [];
const sockets: Client[] = [];
const tokens: Record<string, string> = {};
const ACCOUNTS = ['coordinator', 'admin', 'cardio.oncall1', 'gp.chc1', 'gp.chc2', 'his.chc1'] as const;
/** Accounts of the sending (community centre 1) and receiving (the core hospital) institutions. */
const MAY_IDENTIFY = new Set(['cardio.oncall1', 'gp.chc1', 'his.chc1']);

/** POSTs an operation as `account` and records the raw body. */
async function post(account: string | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(account && tokens[account] ? { authorization: `Bearer ${tokens[account]}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  said.push({ account: account ?? 'anonymous', text });
  return {
    status: response.status,
    ...(JSON.parse(text) as {
      data?: Record<string, { id?: string; status?: string } | null>;
      errors?: { extensions?: { code?: string } }[];
    }),
  };
}

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

/** A graphql-ws client whose every received frame is recorded for `account`. */
function socketFor(account: string | null): Client {
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data) => said.push({ account: account ?? 'anonymous', text: String(data) }));
    }
  }
  const client = createClient({
    url: server.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: RecordingWebSocket,
    connectionParams: account ? { authorization: `Bearer ${tokens[account]}` } : {},
    retryAttempts: 0,
  });
  sockets.push(client);
  return client;
}

function follow(account: string | null, query: string, variables: Record<string, unknown> = {}) {
  const results: unknown[] = [];
  socketFor(account).subscribe(
    { query, variables },
    { next: (r) => void results.push(r), error: (e) => void results.push(e), complete: () => undefined },
  );
  return results;
}

const PATIENT_FIELDS = 'patient { id displayName sex age } clinicalSummary reason statusNote';
const REFERRAL_EVENTS = `subscription { referralEvents { cursor type referral { id code ${PATIENT_FIELDS}
  parentReferral { ${PATIENT_FIELDS} } downReferrals { ${PATIENT_FIELDS} } timeline { note actorName } } } }`;

function canaryInput(overrides: Record<string, unknown> = {}, patient: Record<string, unknown> = {}) {
  return {
    direction: 'UPWARD',
    urgency: 'URGENT',
    patient: {
      name: CANARY_NAME,
      residentId: CANARY_ID,
      sex: 'M',
      birthDate: '1961-07-19',
      phone: '13912345678',
      ...patient,
    },
    toInstitutionId: places.coreId,
    toDepartmentId: places.cardiologyId,
    diagnosisCode: 'I20.0',
    reason: '不稳定型心绞痛',
    clinicalSummary: '活动后胸闷两周',
    ...overrides,
  };
}

const CREATE = `mutation($input: CreateReferralInput!, $key: String) {
  createReferral(input: $input, idempotencyKey: $key) { id status ${PATIENT_FIELDS} } }`;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const capture = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  server = await startTestServer({
    logger: createLogger('debug', capture),
    realtime: { pollIntervalMs: 250 },
  });
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  await addUser(
    db,
    'his.chc1',
    'PARTNER_APP' as never,
    await placeOf(db, { username: 'gp.chc1', code: '02' }),
  );
  listener = new pg.Client({ connectionString: server.databaseUrl });
  await listener.connect();
  listener.on('notification', (n) => notifications.push(`${n.channel}:${n.payload ?? ''}`));
  await listener.query(`LISTEN ${(server.services.events as Realtime).options.channel}`);
  for (const account of ACCOUNTS) tokens[account] = await server.login(account);
  places = await demoPlaces(server, tokens.coordinator!);
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await listener?.end();
  await db?.end();
  await server?.stop();
});

describe('canary values', () => {
  const followed: Record<string, unknown[]> = {};
  let referralId = '';

  it('follows the referral queue and capacity of every account over graphql-ws', async () => {
    const relay = (server.services.events as Realtime).relay;
    for (const account of ACCOUNTS.filter((a) => a !== 'admin'))
      followed[account] = follow(account, REFERRAL_EVENTS);
    follow('gp.chc2', 'subscription { slotEvents { slot { referral { id ' + PATIENT_FIELDS + ' } } } }');
    follow(
      'gp.chc2',
      'subscription($a: ID!) { bedAvailabilityChanged(allianceId: $a) { bed { heldFor { ' +
        PATIENT_FIELDS +
        ' } } } }',
      { a: gid('Alliance', (await db.query('SELECT id FROM alliance LIMIT 1')).rows[0].id) },
    );
    await waitFor('the subscriptions', () => relay.subscriberCount >= 7);
  });

  it('is sent, retried and answered through its whole life', async () => {
    const created = await post('gp.chc1', CREATE, { input: canaryInput(), key: 'canary-1' });
    expect(created.errors).toBeUndefined();
    referralId = created.data!.createReferral!.id!;
    const retried = await post('gp.chc1', CREATE, { input: canaryInput(), key: 'canary-1' });
    expect(retried.data!.createReferral!.id).toBe(referralId);
    expect(
      codeOf(await post('gp.chc1', CREATE, { input: canaryInput({ reason: '另一个' }), key: 'canary-1' })),
    ).toBe('CONFLICT');

    const accepted = await post('cardio.oncall1', 'mutation($id: ID!) { acceptReferral(id: $id) { id } }', {
      id: referralId,
    });
    expect(accepted.errors).toBeUndefined();
    const { rows: slots } = await db.query(
      `SELECT s.id FROM slot s JOIN department d ON d.id = s.department_id
       WHERE s.status = 'OPEN' AND s.pool = 'ALLIANCE_RESERVED' AND s.starts_at > now() AND d.code = '03.04'
       ORDER BY s.starts_at LIMIT 1`,
    );
    const claimed = await post(
      'cardio.oncall1',
      'mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { id } }',
      {
        s: gid('Slot', slots[0].id),
        r: referralId,
      },
    );
    expect(claimed.errors).toBeUndefined();
    const { rows: beds } = await db.query(
      `SELECT b.id FROM bed b JOIN department d ON d.id = b.department_id
       WHERE b.status = 'AVAILABLE' AND d.code = '03.04' AND b.institution_id = (SELECT institution_id FROM user_account WHERE username = 'cardio.oncall1')
       LIMIT 1`,
    );
    const held = await post(
      'cardio.oncall1',
      'mutation($b: ID!, $r: ID!) { holdBed(bedId: $b, referralId: $r, minutes: 60) { id } }',
      { b: gid('Bed', beds[0].id), r: referralId },
    );
    expect(held.errors).toBeUndefined();
    expect(
      (
        await post('cardio.oncall1', 'mutation($id: ID!) { recordArrival(referralId: $id) { id } }', {
          id: referralId,
        })
      ).errors,
    ).toBeUndefined();
    const completed = await post(
      'cardio.oncall1',
      `mutation($id: ID!, $to: ID) { completeReferral(referralId: $id, outcome: "病情稳定", downReferral: { toInstitutionId: $to }) { id } }`,
      { id: referralId, to: places.chc1Id },
    );
    expect(completed.errors).toBeUndefined();
  });

  it('is refused, rejected as invalid and mistyped without being echoed', async () => {
    const expectations: [string | null, string, Record<string, unknown>, string][] = [
      ['gp.chc1', CREATE, { input: canaryInput({}, { residentId: CANARY_TYPO }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({}, { sex: 'F' }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({}, { birthDate: '1961-07-20' }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({}, { name: `<${CANARY_NAME}>` }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({}, { phone: CANARY_ID }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({ diagnosisCode: CANARY_ID }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({ toInstitutionId: CANARY_ID }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({ slotId: places.cardiologyId }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput(), key: CANARY_ID.repeat(20) }, 'BAD_USER_INPUT'],
      // Malformed for the schema: an unknown field, a list where a string goes.
      ['gp.chc1', CREATE, { input: canaryInput({}, { nationalId: CANARY_ID }) }, 'BAD_USER_INPUT'],
      ['gp.chc1', CREATE, { input: canaryInput({}, { residentId: [CANARY_ID] }) }, 'BAD_USER_INPUT'],
      ['coordinator', CREATE, { input: canaryInput() }, 'FORBIDDEN'],
      ['admin', CREATE, { input: canaryInput() }, 'FORBIDDEN'],
      [null, CREATE, { input: canaryInput() }, 'UNAUTHENTICATED'],
      ['gp.chc2', 'query($id: ID!) { referral(id: $id) { id } }', { id: CANARY_ID }, 'BAD_USER_INPUT'],
      [
        'gp.chc2',
        `{ referrals(filter: { toInstitutionId: "${CANARY_ID}" }) { totalCount } }`,
        {},
        'BAD_USER_INPUT',
      ],
      ['gp.chc2', `{ referrals(first: "${CANARY_ID}") { totalCount } }`, {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['gp.chc2', `{ referrals(first: ${CANARY_ID}) { totalCount } }`, {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['gp.chc2', `{ referrals(${CANARY_ID}) }`, {}, 'GRAPHQL_PARSE_FAILED'],
      [
        null,
        `mutation { login(username: "${CANARY_ID}", password: "${CANARY_ID}") { token } }`,
        {},
        'UNAUTHENTICATED',
      ],
    ];
    const mismatches: string[] = [];
    for (const [account, query, variables, code] of expectations) {
      const got = codeOf(await post(account, query, variables));
      if (got !== code)
        mismatches.push(`${query.slice(0, 60)} ${JSON.stringify(variables).slice(0, 80)}: ${got}`);
    }
    expect(mismatches).toEqual([]);

    // The other community centre, the office and the administrator read what they may.
    const referral = await db.query('SELECT patient_id FROM referral WHERE id = $1', [
      Buffer.from(referralId, 'base64url').toString().split(':')[1],
    ]);
    const patientId = gid('Patient', referral.rows[0].patient_id);
    for (const account of ACCOUNTS) {
      await post(account, `{ referrals(first: 100) { edges { node { ${PATIENT_FIELDS} } } } }`);
      await post(account, `query($id: ID!) { referral(id: $id) { ${PATIENT_FIELDS} timeline { note } } }`, {
        id: referralId,
      });
      await post(account, 'query($id: ID!) { node(id: $id) { ... on Patient { displayName } } }', {
        id: patientId,
      });
    }
    // Over graphql-ws too: a malformed variable, and a refused subscription.
    const malformed = follow(
      'gp.chc2',
      'subscription($i: ID) { referralEvents(institutionId: $i) { cursor } }',
      {
        i: { id: CANARY_ID },
      },
    );
    const refused = follow('admin', REFERRAL_EVENTS, {});
    await waitFor('the socket answers', () => malformed.length > 0 && refused.length > 0);
    const code = (results: unknown[]) => JSON.stringify(results).match(/"code":"(\w+)"/)?.[1];
    // A variable that does not fit is the client's mistake over graphql-ws too, not an internal error.
    expect(code(malformed)).toBe('BAD_USER_INPUT');
    expect(code(refused)).toBe('FORBIDDEN');
  });

  it('reaches every subscriber allowed to see it, and no one else', async () => {
    // The life above: CREATED, ACCEPTED, CLAIMED, ARRIVED, COMPLETED, and the down-referral's CREATED.
    await waitFor('the events', () => (followed['gp.chc1'] ?? []).length >= 6);
    await waitFor('the events', () => (followed.coordinator ?? []).length >= 6);
    // Anything still on its way to the others has arrived by now (the same relay read delivers to all).
    await new Promise((r) => setTimeout(r, 500));
    expect(followed['gp.chc2']).toEqual([]);
  });

  it('appears nowhere: not in a response, a frame, a log line, a NOTIFY payload or a stored row', async () => {
    const keys = deriveKeys(TEST_SECRET);
    const { rows } = await db.query(
      'SELECT resident_id_hash, resident_id_encrypted FROM patient WHERE name = $1',
      [CANARY_NAME],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].resident_id_hash).toBe(keys.hashResidentId(CANARY_ID));
    const stored = [rows[0].resident_id_hash, rows[0].resident_id_encrypted] as string[];
    const secrets = [...formsOf(CANARY_ID), ...formsOf(CANARY_TYPO)];

    const leaks: string[] = [];
    const search = (where: string, text: string, needles: string[]) => {
      for (const needle of needles)
        if (text.includes(needle)) leaks.push(`${where}: ${needle} in ${text.slice(0, 300)}`);
    };
    expect(said.length).toBeGreaterThan(80);
    for (const { account, text } of said) search(`answer to ${account}`, text, [...secrets, ...stored]);
    expect(logs.length).toBeGreaterThan(5);
    for (const line of logs) search('log', line, [...secrets, ...stored]);
    expect(notifications.length).toBeGreaterThan(0);
    for (const payload of notifications) search('NOTIFY', payload, [...secrets, ...stored]);

    // At rest: only the keyed hash and the ciphertext, never the number.
    const tables = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables.rows) {
      const found = await db.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE ANY($1)`, [
        secrets.map((s) => `%${s}%`),
      ]);
      if (found.rows[0].n > 0) leaks.push(`${found.rows[0].n} row(s) of ${table}`);
    }
    expect(leaks).toEqual([]);
  });

  it('shows the full name only to the sending and receiving institutions', () => {
    const shownTo = new Set(said.filter((s) => s.text.includes(CANARY_NAME)).map((s) => s.account));
    expect([...shownTo].sort()).toEqual([...MAY_IDENTIFY].sort());
    // Others see it masked (the office coordinates capacity, not identities).
    expect(said.some((s) => s.account === 'coordinator' && s.text.includes('司***雀'))).toBe(true);
    // The server's own lines never carry it; only the ORM's statement log (debug level) does.
    expect(logs.filter((l) => l.includes(CANARY_NAME) && !l.includes('"orm"'))).toEqual([]);
  });
});

describe('the idempotency record of a referral', () => {
  it('is keyed: a server with another secret cannot match the same request to it', async () => {
    // Stored as a plain SHA-256 of the request, it would let anyone with the database find the resident
    // ID by trying region codes and sequence numbers; keyed, another secret makes it another value.
    const other = await startTestServer({
      databaseUrl: server.databaseUrl,
      env: { YILIAN_SECRET: 'another-secret-for-yilian-integration-tests-987654' },
    });
    try {
      const token = await other.login('gp.chc1');
      const retried = await other.gql(CREATE, { input: canaryInput(), key: 'canary-1' }, token);
      expect(retried.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      await other.stop();
    }
  });
});
