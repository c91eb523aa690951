import { getNamedType, isObjectType, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { mayIdentifyPatient, mayReadReferral, type Scope } from '../src/domain/access-policy.js';
import { FIELD_RULES, OPERATION_RULES } from '../src/domain/authorization.js';
import { Role } from '../src/domain/enums.js';
import { maskPersonName } from '../src/domain/identifiers/mask.js';
import { addDays, shanghaiDate } from '../src/domain/time.js';
import { buildYilianSchema } from '../src/graphql/schema.js';
import type { Realtime } from '../src/realtime/realtime.js';
import { newPatient } from './fixtures.js';
import { startTestServer, type GraphQLResponse, type TestServer } from './harness.js';
import {
  addBed,
  addOtherAlliance,
  addPatient,
  addReferral,
  addSlot,
  addUser,
  directionOf,
  ensureSlotPool,
  gid,
  placeOf,
  scopeOf,
  type Place,
} from './scenario.js';
import {
  operationDocument,
  placeholderArguments,
  rootOperations,
  type RootOperation,
} from './schema-operations.js';

/**
 * The authorization policy (src/domain/authorization.ts), proven on a real server over HTTP and
 * graphql-ws: for every root operation × every role × where the object is, the answer must be what
 * the policy says. Where the object is, relative to the caller:
 * - own: the caller's own institution and department (for the coordination office and administrators,
 *   the core hospital's cardiology: everything of their alliance is theirs);
 * - sibling: another department of the caller's own institution (specialists only);
 * - other: another institution of the same alliance;
 * - foreign: the caller's own object, asked for by the same role of another alliance.
 * An operation without a rule fails the first test; its gate (who may call it at all) is then checked
 * for every role without further work; the own/other cases below check how far each role reaches.
 */

type Relation = 'own' | 'sibling' | 'other' | 'foreign';
const ALL: readonly Relation[] = ['own', 'sibling', 'other', 'foreign'];

interface Caller {
  readonly name: string;
  /** The same role's account in the other alliance. */
  readonly outsider: string | null;
  own: Place;
  sibling?: Place;
  other: Place;
}

let server: TestServer;
let db: pg.Client;
let schema: GraphQLSchema;
const tokens: Record<string, string> = {};
const scopes: Record<string, Scope> = {};
const places = {} as Record<'cardiology' | 'respiratory' | 'chc1' | 'chc2' | 'secondary' | 'foreign', Place>;
let callers: Caller[] = [];

const relay = () => (server.services.events as Realtime).relay;

beforeAll(async () => {
  server = await startTestServer({ realtime: { pollIntervalMs: 250 } });
  schema = await buildYilianSchema();
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  places.cardiology = await placeOf(db, { username: 'cardio.oncall1', code: '03.04' });
  places.respiratory = await placeOf(db, { username: 'cardio.oncall1', code: '03.01' });
  places.chc1 = await placeOf(db, { username: 'gp.chc1', code: '02' });
  places.chc2 = await placeOf(db, { username: 'gp.chc2', code: '02' });
  places.secondary = await placeOf(db, { tier: 'SECONDARY' });
  places.foreign = await addOtherAlliance(db, 'other');
  await addUser(db, 'his.chc1', Role.PARTNER_APP, places.chc1);
  callers = [
    { name: 'anonymous', outsider: null, own: places.cardiology, other: places.chc2 },
    { name: 'coordinator', outsider: 'other.coordinator', own: places.cardiology, other: places.chc2 },
    { name: 'admin', outsider: 'other.admin', own: places.cardiology, other: places.chc2 },
    {
      name: 'cardio.oncall1',
      outsider: 'other.specialist',
      own: places.cardiology,
      sibling: places.respiratory,
      other: places.chc2,
    },
    { name: 'gp.chc1', outsider: 'other.gp', own: places.chc1, other: places.chc2 },
    { name: 'his.chc1', outsider: 'other.his', own: places.chc1, other: places.chc2 },
  ];
  const accounts = callers.flatMap((c) => [c.name, ...(c.outsider ? [c.outsider] : [])]);
  for (const name of accounts.filter((n) => n !== 'anonymous')) {
    tokens[name] = await server.login(name);
    scopes[name] = await scopeOf(db, name);
  }
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

const roleOf = (account: string): Role | null => scopes[account]?.role ?? null;

// Untyped answers are read through `outcome`'s `visible`, which names what it looks at.
function ask<T = { r: unknown }>(account: string, query: string, variables: Record<string, unknown> = {}) {
  return server.gql<T>(query, variables, tokens[account]);
}

/** What one call came to: ALLOWED, HIDDEN (answered, but without the object), or the error code. */
function outcome<T>(response: GraphQLResponse<T>, visible: (data: T) => boolean): string {
  const error = response.errors?.[0];
  if (error) {
    const code = String(error.extensions?.code ?? 'NO CODE');
    return code === 'BAD_USER_INPUT' ? `BAD_USER_INPUT(${error.extensions?.field})` : code;
  }
  return visible(response.data as T) ? 'ALLOWED' : 'HIDDEN';
}

/** What the policy says should happen when `account` calls `operation` on an object at `relation`. */
function expectation(operation: string, account: string, relation: Relation): string {
  const rule = OPERATION_RULES[operation]!;
  if (rule.access === 'PUBLIC') return 'ALLOWED';
  const role = roleOf(account);
  if (!role) return 'UNAUTHENTICATED';
  const reach = rule.access[role];
  if (!reach) return 'FORBIDDEN';
  if (relation === 'foreign' || reach === 'NOTHING') return 'REFUSED';
  if (reach === 'DEPARTMENT') return relation === 'own' ? 'ALLOWED' : 'REFUSED';
  if (reach === 'INSTITUTION') return relation === 'other' ? 'REFUSED' : 'ALLOWED';
  return 'ALLOWED';
}

/** Refused, in any of the ways that tell nothing: FORBIDDEN, NOT_FOUND, or an answer without it. */
function agrees(expected: string, got: string, relation: Relation, foreignInput?: string): boolean {
  if (expected !== 'REFUSED') return got === expected;
  const refusals = ['FORBIDDEN', 'NOT_FOUND', 'HIDDEN'];
  if (relation === 'foreign' && foreignInput) refusals.push(`BAD_USER_INPUT(${foreignInput})`);
  return refusals.includes(got);
}

/** Each (account, target) a case runs with, for one caller. */
function runs(caller: Caller, relations: readonly Relation[]): [Relation, string, Place][] {
  const result: [Relation, string, Place][] = [];
  for (const relation of relations) {
    if (relation === 'own') result.push([relation, caller.name, caller.own]);
    if (relation === 'sibling' && caller.sibling) result.push([relation, caller.name, caller.sibling]);
    if (relation === 'other') result.push([relation, caller.name, caller.other]);
    if (relation === 'foreign' && caller.outsider) result.push([relation, caller.outsider, caller.own]);
  }
  return result;
}

// Objects at a place, as the cases need them. Referrals come from (or go to) the secondary hospital,
// where none of the callers works, so that only the target place makes them the caller's.
const referralTo = (to: Place, status = 'SUBMITTED') =>
  addReferral(db, { from: places.secondary, to, status });
const referralFrom = (from: Place) => addReferral(db, { from, to: places.secondary });
/** Another department of the same tier, for redirects. */
function alternativeTo(place: Place): Place {
  if (place === places.cardiology) return places.respiratory;
  if (place === places.respiratory) return places.cardiology;
  return place === places.chc1 ? places.chc2 : places.chc1;
}
const now = () => new Date();
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

interface Case {
  readonly relations: readonly Relation[];
  /** BAD_USER_INPUT on this argument is how a foreign object is refused. */
  readonly foreignInput?: string;
  run(account: string, target: Place): Promise<string>;
}

const visibleReferral = (d: { r: unknown }) => d.r !== null;

/** A case for an operation that answers a referral-shaped object: allowed when it answers one. */
function referralMove(
  query: string,
  extra: (target: Place) => Record<string, unknown>,
  status = 'SUBMITTED',
): Case {
  return {
    relations: ALL,
    async run(account, target) {
      const id = gid('Referral', await referralTo(target, status));
      return outcome(await ask(account, query, { id, ...extra(target) }), visibleReferral);
    },
  };
}

const CASES: Record<string, Case> = {
  'Query.viewer': {
    relations: ['own'],
    run: async (account) =>
      outcome(
        await ask<{ viewer: { username: string } }>(account, '{ viewer { username } }'),
        (d) => d.viewer.username === account,
      ),
  },
  'Query.alliances': {
    relations: ['own', 'foreign'],
    run: async (account, target) =>
      outcome(await ask<{ alliances: { id: string }[] }>(account, '{ alliances { id } }'), (d) =>
        d.alliances.some((a) => a.id === gid('Alliance', target.allianceId)),
      ),
  },
  'Query.alliance': {
    relations: ['own', 'foreign'],
    run: async (account, target) =>
      outcome(
        await ask(account, 'query($id: ID!) { r: alliance(id: $id) { id } }', {
          id: gid('Alliance', target.allianceId),
        }),
        visibleReferral,
      ),
  },
  'Query.institution': {
    relations: ALL,
    run: async (account, target) =>
      outcome(
        await ask(account, 'query($id: ID!) { r: institution(id: $id) { id } }', {
          id: gid('Institution', target.institutionId),
        }),
        visibleReferral,
      ),
  },
  'Query.node': {
    relations: ALL,
    run: async (account, target) =>
      outcome(
        await ask(account, 'query($id: ID!) { r: node(id: $id) { id } }', {
          id: gid('Department', target.departmentId),
        }),
        visibleReferral,
      ),
  },
  'Query.referral': referralMove('query($id: ID!) { r: referral(id: $id) { id } }', () => ({})),
  'Query.referrals': {
    relations: ALL,
    async run(account, target) {
      // Green channel: first in the queue, so the one page surely holds it when it is visible.
      const id = gid(
        'Referral',
        await addReferral(db, { from: places.secondary, to: target, urgency: 'EMERGENCY' }),
      );
      const response = await ask<{ referrals: { edges: { node: { id: string } }[] } }>(
        account,
        'query($d: ID) { referrals(filter: { toDepartmentId: $d }, first: 100) { edges { node { id } } } }',
        { d: gid('Department', target.departmentId) },
      );
      return outcome(response, (d) => d.referrals.edges.some((e) => e.node.id === id));
    },
  },
  'Query.reservedSlots': {
    relations: ALL,
    async run(account, target) {
      const id = gid('Slot', await addSlot(db, target));
      const response = await ask<{ reservedSlots: { edges: { node: { id: string } }[] } }>(
        account,
        `query($d: ID, $from: DateTime, $to: DateTime) {
           reservedSlots(departmentId: $d, from: $from, to: $to, first: 100) { edges { node { id } } } }`,
        { d: gid('Department', target.departmentId), from: hoursFromNow(71), to: hoursFromNow(73) },
      );
      return outcome(response, (d) => d.reservedSlots.edges.some((e) => e.node.id === id));
    },
  },
  'Query.slotPoolRules': {
    relations: ALL,
    async run(account, target) {
      await ensureSlotPool(db, target);
      const response = await ask<{ slotPoolRules: unknown[] }>(
        account,
        'query($d: ID) { slotPoolRules(departmentId: $d) { kind } }',
        { d: gid('Department', target.departmentId) },
      );
      return outcome(response, (d) => d.slotPoolRules.length > 0);
    },
  },
  'Query.primaryCareConditions': {
    // No argument names an alliance: the foreign caller must see its own (empty) catalogue, not this one.
    relations: ['own', 'foreign'],
    run: async (account) =>
      outcome(
        await ask<{ primaryCareConditions: unknown[] }>(account, '{ primaryCareConditions { code } }'),
        (d) => d.primaryCareConditions.length > 0,
      ),
  },
  'Query.allianceIndicators': {
    relations: ALL,
    async run(account, target) {
      const id = gid('Institution', target.institutionId);
      const response = await ask<{ allianceIndicators: { institution: { id: string } }[] }>(
        account,
        'query($from: DateTime!, $to: DateTime!, $i: ID) { allianceIndicators(from: $from, to: $to, institutionId: $i) { institution { id } } }',
        { from: hoursFromNow(-24 * 30), to: now().toISOString(), i: id },
      );
      return outcome(response, (d) => d.allianceIndicators.some((m) => m.institution.id === id));
    },
  },

  'Mutation.login': {
    relations: ['own'],
    run: async (account) =>
      outcome(
        await ask<{ login: { token: string } }>(
          account,
          'mutation { login(username: "gp.chc1", password: "yilian-demo") { token } }',
        ),
        (d) => d.login.token.length > 0,
      ),
  },
  'Mutation.createReferral': {
    relations: ['own', 'foreign'],
    foreignInput: 'input.toInstitutionId',
    async run(account, target) {
      // Sent from the caller's own institution (the target) to a member of a fitting tier.
      const to = target.tier === 'PRIMARY' ? places.cardiology : places.chc1;
      const input = {
        direction: directionOf(target, to),
        urgency: 'ROUTINE',
        patient: newPatient(),
        toInstitutionId: gid('Institution', to.institutionId),
        toDepartmentId: gid('Department', to.departmentId),
        diagnosisCode: 'I20.0',
        reason: '需上级医院进一步诊治',
      };
      return outcome(
        await ask(
          account,
          'mutation($input: CreateReferralInput!) { r: createReferral(input: $input) { id } }',
          {
            input,
          },
        ),
        visibleReferral,
      );
    },
  },
  'Mutation.acceptReferral': referralMove(
    'mutation($id: ID!) { r: acceptReferral(id: $id) { status } }',
    () => ({}),
  ),
  'Mutation.rejectReferral': referralMove(
    'mutation($id: ID!) { r: rejectReferral(id: $id, reason: "不符合转诊指征") { status } }',
    () => ({}),
  ),
  'Mutation.redirectReferral': referralMove(
    'mutation($id: ID!, $i: ID!, $d: ID) { r: redirectReferral(id: $id, toInstitutionId: $i, toDepartmentId: $d, reason: "改转") { id } }',
    (target) => ({
      i: gid('Institution', alternativeTo(target).institutionId),
      d: gid('Department', alternativeTo(target).departmentId),
    }),
  ),
  'Mutation.recordArrival': referralMove(
    'mutation($id: ID!) { r: recordArrival(referralId: $id) { status } }',
    () => ({}),
    'ACCEPTED',
  ),
  'Mutation.completeReferral': referralMove(
    'mutation($id: ID!) { r: completeReferral(referralId: $id, outcome: "好转出院") { status } }',
    () => ({}),
    'ARRIVED',
  ),
  'Mutation.cancelReferral': {
    relations: ALL,
    async run(account, target) {
      const id = gid('Referral', await referralFrom(target));
      return outcome(
        await ask(
          account,
          'mutation($id: ID!) { r: cancelReferral(id: $id, reason: "患者改变主意") { status } }',
          { id },
        ),
        visibleReferral,
      );
    },
  },
  'Mutation.claimSlot': {
    relations: ALL,
    async run(account, target) {
      const referralId = gid('Referral', await referralTo(target));
      const slotId = gid('Slot', await addSlot(db, target));
      return outcome(
        await ask(
          account,
          'mutation($s: ID!, $r: ID!) { r: claimSlot(slotId: $s, referralId: $r) { status } }',
          {
            s: slotId,
            r: referralId,
          },
        ),
        visibleReferral,
      );
    },
  },
  'Mutation.releaseSlot': {
    relations: ALL,
    async run(account, target) {
      const slotId = gid('Slot', await addSlot(db, target, await referralTo(target, 'SCHEDULED')));
      return outcome(
        await ask(account, 'mutation($s: ID!) { r: releaseSlot(slotId: $s) { status } }', { s: slotId }),
        visibleReferral,
      );
    },
  },
  'Mutation.holdBed': {
    relations: ALL,
    async run(account, target) {
      const bedId = gid('Bed', await addBed(db, target));
      const referralId = gid('Referral', await referralTo(target));
      return outcome(
        await ask(
          account,
          'mutation($b: ID!, $r: ID!) { r: holdBed(bedId: $b, referralId: $r, minutes: 30) { status } }',
          {
            b: bedId,
            r: referralId,
          },
        ),
        visibleReferral,
      );
    },
  },
  'Mutation.setBedStatus': {
    relations: ALL,
    async run(account, target) {
      const bedId = gid('Bed', await addBed(db, target));
      return outcome(
        await ask(account, 'mutation($b: ID!) { r: setBedStatus(bedId: $b, status: CLEANING) { status } }', {
          b: bedId,
        }),
        visibleReferral,
      );
    },
  },
  'Mutation.reportDailyActivity': {
    relations: ALL,
    foreignInput: 'institutionId',
    async run(account, target) {
      const input = {
        date: addDays(shanghaiDate(now()), -1),
        outpatientVisits: 120,
        admissions: 6,
        discharges: 5,
        dischargedBedDays: 30,
      };
      return outcome(
        await ask(
          account,
          'mutation($input: DailyActivityInput!, $i: ID) { r: reportDailyActivity(input: $input, institutionId: $i) { date } }',
          {
            input,
            i: gid('Institution', target.institutionId),
          },
        ),
        visibleReferral,
      );
    },
  },
  'Mutation.setPrimaryCareConditions': {
    // The catalogue of the caller's own alliance: written back unchanged.
    relations: ['own'],
    async run(account, target) {
      const { rows } = await db.query(
        'SELECT icd10_category FROM primary_care_condition WHERE alliance_id = $1',
        [target.allianceId],
      );
      return outcome(
        await ask(account, 'mutation($c: [String!]!) { r: setPrimaryCareConditions(codes: $c) { code } }', {
          c: rows.map((r) => r.icd10_category),
        }),
        visibleReferral,
      );
    },
  },
  'Mutation.setReferralDeadlines': {
    relations: ['own'],
    async run(account, target) {
      const { rows } = await db.query('SELECT * FROM alliance WHERE id = $1', [target.allianceId]);
      const a = rows[0];
      return outcome(
        await ask(
          account,
          'mutation($e: Int!, $u: Int!, $r: Int!) { r: setReferralDeadlines(emergencyMinutes: $e, urgentMinutes: $u, routineMinutes: $r) { id } }',
          {
            e: a.answer_minutes_emergency,
            u: a.answer_minutes_urgent,
            r: a.answer_minutes_routine,
          },
        ),
        visibleReferral,
      );
    },
  },
  'Mutation.setSlotPoolRule': {
    relations: ALL,
    async run(account, target) {
      // The department's pool, written back as it is.
      await ensureSlotPool(db, target);
      const { rows } = await db.query(
        `SELECT * FROM slot_pool_rule WHERE department_id = $1 AND kind = 'SPECIALIST_CONSULT'`,
        [target.departmentId],
      );
      const rule = rows[0];
      const input = {
        departmentId: gid('Department', target.departmentId),
        kind: 'SPECIALIST_CONSULT',
        firstSlotTime: rule.first_slot_time,
        slotMinutes: rule.slot_minutes,
        slotsPerDay: rule.slots_per_day,
        reservedPerDay: rule.reserved_per_day,
        releaseMinutesBeforeStart: rule.release_minutes_before_start,
        horizonDays: rule.horizon_days,
        resources: rule.resources,
      };
      return outcome(
        await ask(
          account,
          'mutation($input: SlotPoolRuleInput!) { r: setSlotPoolRule(input: $input) { kind } }',
          {
            input,
          },
        ),
        visibleReferral,
      );
    },
  },
};

/** A subscription case: what to subscribe to, and how to cause (and recognise) an event about a place. */
interface SubscriptionCase {
  readonly query: string;
  variables(target: Place): Record<string, unknown>;
  /** Changes something at `place` as `account`; answers the global ID the event names. */
  cause(place: Place, account: string): Promise<string>;
  idOf(event: Record<string, { id: string } | null>): string | undefined;
}

const referralWithin = (place: Place) =>
  addReferral(db, {
    from: place.allianceId === places.foreign.allianceId ? place : places.secondary,
    to: place,
  });

const SUBSCRIPTIONS: Record<string, SubscriptionCase> = {
  'Subscription.bedAvailabilityChanged': {
    query: 'subscription($a: ID!) { e: bedAvailabilityChanged(allianceId: $a) { cursor bed { id } } }',
    variables: (target) => ({ a: gid('Alliance', target.allianceId) }),
    async cause(place, account) {
      const id = gid('Bed', await addBed(db, place));
      await mustSucceed(
        ask(account, 'mutation($b: ID!) { setBedStatus(bedId: $b, status: CLEANING) { id } }', { b: id }),
      );
      return id;
    },
    idOf: (event) => event.bed?.id,
  },
  'Subscription.slotEvents': {
    query: 'subscription { e: slotEvents { cursor slot { id } } }',
    variables: () => ({}),
    async cause(place, account) {
      const referralId = gid('Referral', await referralWithin(place));
      const slotId = gid('Slot', await addSlot(db, place));
      await mustSucceed(
        ask(account, 'mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { id } }', {
          s: slotId,
          r: referralId,
        }),
      );
      return slotId;
    },
    idOf: (event) => event.slot?.id,
  },
  'Subscription.referralEvents': {
    query: 'subscription { e: referralEvents { cursor type referral { id } } }',
    variables: () => ({}),
    async cause(place, account) {
      const id = gid('Referral', await referralWithin(place));
      await mustSucceed(ask(account, 'mutation($id: ID!) { acceptReferral(id: $id) { id } }', { id }));
      return id;
    },
    idOf: (event) => event.referral?.id,
  },
};

async function mustSucceed(request: Promise<GraphQLResponse<unknown>>): Promise<void> {
  const response = await request;
  if (response.errors) throw new Error(`setup failed: ${JSON.stringify(response.errors)}`);
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Subscribes as `account`, causes an event about `target`, then a marker event the subscriber surely
 * may see (at its own place, in its own alliance). Events arrive in log order, so once the marker is
 * there, the target's event is there too or was not sent: ALLOWED or HIDDEN; or the refusal's code.
 */
async function subscriptionOutcome(
  c: SubscriptionCase,
  account: string,
  target: Place,
  marker: Place,
): Promise<string> {
  const received: string[] = [];
  const errors: GraphQLFormattedError[] = [];
  const before = relay().subscriberCount;
  const client = createClient({
    url: server.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: tokens[account] ? { authorization: `Bearer ${tokens[account]}` } : {},
    retryAttempts: 0,
  });
  const stop = client.subscribe<Record<string, Record<string, { id: string } | null>>>(
    { query: c.query, variables: c.variables(target) },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        const event = result.data && Object.values(result.data)[0];
        const id = event && c.idOf(event);
        if (id) received.push(id);
      },
      error: (error) => errors.push(...((Array.isArray(error) ? error : [error]) as GraphQLFormattedError[])),
      complete: () => undefined,
    },
  );
  try {
    await waitFor('the subscription', () => errors.length > 0 || relay().subscriberCount > before);
    if (errors.length > 0) return String(errors[0]!.extensions?.code ?? 'NO CODE');
    const own = marker.allianceId === places.foreign.allianceId ? 'other.coordinator' : 'coordinator';
    const targetId = await c.cause(target, 'coordinator');
    const markerId = await c.cause(marker, own);
    await waitFor('the marker event', () => received.includes(targetId) || received.includes(markerId));
    return received.includes(targetId) ? 'ALLOWED' : 'HIDDEN';
  } finally {
    stop();
    await client.dispose();
    await waitFor('the subscription to end', () => relay().subscriberCount <= before);
  }
}

const callerOf = (account: string) => callers.find((c) => c.name === account || c.outsider === account)!;
const markerFor = (account: string) =>
  callerOf(account).outsider === account ? places.foreign : callerOf(account).own;

describe('the policy covers the schema', () => {
  it('has a rule for every root operation, and none for an operation that is gone', () => {
    const names = rootOperations(schema).map((o) => o.name);
    const missing = names.filter((n) => !(n in OPERATION_RULES));
    expect(missing, 'add a rule for each to OPERATION_RULES in src/domain/authorization.ts').toEqual([]);
    expect(Object.keys(OPERATION_RULES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('names the data-layer rule of every field that leads to a referral or a patient', () => {
    const protectedTypes = new Set(['Referral', 'Patient']);
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const fields: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (type.name === 'Patient' || protectedTypes.has(getNamedType(field.type).name))
          fields.push(`${type.name}.${field.name}`);
      }
    }
    expect(
      fields.filter((f) => !(f in FIELD_RULES)),
      'add them to FIELD_RULES in src/domain/authorization.ts',
    ).toEqual([]);
    const all = new Set(
      Object.values(schema.getTypeMap()).flatMap((t) =>
        isObjectType(t) ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
      ),
    );
    expect(Object.keys(FIELD_RULES).filter((f) => !all.has(f))).toEqual([]);
  });
});

describe('who may call each operation at all (every operation, every role)', () => {
  /** The gate's own refusals: anything else comes from further in, after the gate let the call pass. */
  const gateRefusal = (e: { message: string; extensions?: { code?: string } }) =>
    (e.extensions?.code === 'FORBIDDEN' &&
      /may not call|has no authorization rule|needs an account/.test(e.message)) ||
    (e.extensions?.code === 'UNAUTHENTICATED' && /log in first/.test(e.message));

  async function callWithPlaceholders(operation: RootOperation, account: string) {
    const variables = placeholderArguments(operation);
    if (operation.kind !== 'subscription') return ask(account, operationDocument(operation), variables);
    const errors: { message: string; extensions?: { code?: string } }[] = [];
    const client = createClient({
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: tokens[account] ? { authorization: `Bearer ${tokens[account]}` } : {},
      retryAttempts: 0,
    });
    const before = relay().subscriberCount;
    const stop = client.subscribe(
      { query: operationDocument(operation), variables },
      {
        next: (r) => void (r.errors && errors.push(...(r.errors as typeof errors))),
        error: (e) => void errors.push(...(Array.isArray(e) ? e : [e])),
        complete: () => undefined,
      },
    );
    try {
      await waitFor('an answer', () => errors.length > 0 || relay().subscriberCount > before);
    } finally {
      stop();
      await client.dispose();
      await waitFor('the subscription to end', () => relay().subscriberCount <= before);
    }
    return { status: 200, errors: errors.length > 0 ? errors : undefined };
  }

  it('refuses every role the policy does not name, before looking at the arguments', async () => {
    const mismatches: string[] = [];
    for (const operation of rootOperations(schema)) {
      for (const caller of callers) {
        const response = await callWithPlaceholders(operation, caller.name);
        const expected = expectation(operation.name, caller.name, 'own');
        const gate = response.errors?.find(gateRefusal);
        const got = gate ? String(gate.extensions?.code) : 'PASSED';
        const want = expected === 'FORBIDDEN' || expected === 'UNAUTHENTICATED' ? expected : 'PASSED';
        if (got !== want) mismatches.push(`${operation.name} as ${caller.name}: ${got}, policy: ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('how far each role reaches (own, sibling, other institution, other alliance)', () => {
  it('answers every query and mutation over HTTP as the policy says', async () => {
    const mismatches: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const operation of rootOperations(schema).filter((o) => o.kind !== 'subscription')) {
      const c = CASES[operation.name];
      if (!c) continue; // the gate test above covers it; add a case here to check its reach too
      for (const caller of callers) {
        for (const [relation, account, target] of runs(caller, c.relations)) {
          const got = await c.run(account, target);
          const expected = expectation(operation.name, account, relation);
          if (!agrees(expected, got, relation, c.foreignInput))
            mismatches.push(
              `${operation.name} as ${account} on ${relation}: got ${got}, policy: ${expected}`,
            );
          if (got === 'ALLOWED') allowed += 1;
          else refused += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The matrix must hold both answers, or it proves nothing.
    console.log(`authorization matrix: ${allowed} allowed, ${refused} refused`);
    expect(allowed).toBeGreaterThan(60);
    expect(refused).toBeGreaterThan(60);
  });

  it('delivers subscription events over graphql-ws as the policy says', async () => {
    const mismatches: string[] = [];
    for (const [operation, c] of Object.entries(SUBSCRIPTIONS)) {
      for (const caller of callers) {
        for (const [relation, account, target] of runs(caller, ALL)) {
          const got = await subscriptionOutcome(c, account, target, markerFor(account));
          const expected = expectation(operation, account, relation);
          if (!agrees(expected, got, relation))
            mismatches.push(`${operation} as ${account} on ${relation}: got ${got}, policy: ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('has a case for every subscription', () => {
    const subscriptions = rootOperations(schema).filter((o) => o.kind === 'subscription');
    expect(subscriptions.map((o) => o.name).filter((n) => !SUBSCRIPTIONS[n])).toEqual([]);
  });
});

describe('fields that lead to a referral or identify a patient (FIELD_RULES)', () => {
  it('shows each viewer exactly what mayReadReferral and mayIdentifyPatient allow', async () => {
    const mismatches: string[] = [];
    const name = '欧阳明华';
    const summary = '反复胸痛三天，心电图ST段压低';
    for (const caller of callers.filter((c) => c.name !== 'anonymous')) {
      for (const [relation, account, target] of runs(caller, ['own', 'sibling', 'other'])) {
        const scope = scopes[account]!;
        const patientId = await addPatient(db, name);
        const grandparent = await addReferral(db, { from: places.secondary, to: places.secondary });
        const referral = await addReferral(db, {
          from: places.secondary,
          to: target,
          patientId,
          clinicalSummary: summary,
          parentReferralId: grandparent,
        });
        const child = await addReferral(db, {
          from: places.secondary,
          to: places.secondary,
          parentReferralId: referral,
        });
        const bed = await addBed(db, target, { referralId: referral });
        const slot = await addSlot(db, target, referral);
        const response = await ask<{
          r: {
            patient: { displayName: string };
            clinicalSummary: string | null;
            parentReferral: { id: string } | null;
            downReferrals: { id: string }[];
          } | null;
          p: { id: string } | null;
          b: { heldFor: { id: string } | null };
          s: { referral: { id: string } | null };
        }>(
          account,
          `query($r: ID!, $p: ID!, $b: ID!, $s: ID!) {
             r: node(id: $r) { ... on Referral { patient { displayName } clinicalSummary parentReferral { id } downReferrals { id } } }
             p: node(id: $p) { id }
             b: node(id: $b) { ... on Bed { heldFor { id } } }
             s: node(id: $s) { ... on Slot { referral { id } } } }`,
          {
            r: gid('Referral', referral),
            p: gid('Patient', patientId),
            b: gid('Bed', bed),
            s: gid('Slot', slot),
          },
        );
        const readable = (to: Place) =>
          mayReadReferral(scope, {
            allianceId: to.allianceId,
            fromInstitutionId: places.secondary.institutionId,
            toInstitutionId: to.institutionId,
            toDepartmentId: to.departmentId,
            assignedSpecialistId: null,
            fromPractitionerId: null,
          });
        const identify = mayIdentifyPatient(
          scope,
          new Set([places.secondary.institutionId, target.institutionId]),
        );
        const got = response.data!;
        const want = readable(target)
          ? {
              patient: { displayName: identify ? name : maskPersonName(name) },
              clinicalSummary: identify ? summary : null,
              parentReferral: readable(places.secondary) ? { id: gid('Referral', grandparent) } : null,
              downReferrals: readable(places.secondary) ? [{ id: gid('Referral', child) }] : [],
            }
          : null;
        const check = (field: string, actual: unknown, expected: unknown) => {
          if (JSON.stringify(actual) !== JSON.stringify(expected))
            mismatches.push(
              `${field} as ${account} on ${relation}: ${JSON.stringify(actual)}, rule: ${JSON.stringify(expected)}`,
            );
        };
        expect(response.errors).toBeUndefined();
        check('Referral (node)', got.r, want);
        check('Patient (node)', got.p, identify ? { id: gid('Patient', patientId) } : null);
        check('Bed.heldFor', got.b.heldFor, readable(target) ? { id: gid('Referral', referral) } : null);
        check('Slot.referral', got.s.referral, readable(target) ? { id: gid('Referral', referral) } : null);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
