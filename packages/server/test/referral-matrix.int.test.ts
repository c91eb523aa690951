import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayReadReferral, type Scope } from '../src/domain/access-policy.js';
import { reachOf } from '../src/domain/authorization.js';
import { ReferralStatus, Role } from '../src/domain/enums.js';
import { DomainError } from '../src/domain/errors.js';
import { decideTransition, type ReferralAction } from '../src/modules/referral/referral.rules.js';
import { CREATE_REFERRAL, demoPlaces, upwardInput, type DemoPlaces } from './fixtures.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * Every referral transition, legal and illegal, for every role, on real PostgreSQL: for each
 * (action × user × current state) a fresh referral in that state is asked to move through the API,
 * and the answer must be exactly what the pure rules say (or NOT_FOUND where the user may not read it).
 */
let server: TestServer;
let db: pg.Client;
let places: DemoPlaces;
let template: Record<string, unknown>;
// The demo accounts, plus gp.chc1's centre's own information system (PARTNER_APP).
const USERS = ['coordinator', 'cardio.oncall1', 'gp.chc1', 'gp.chc2', 'admin', 'his.chc1'] as const;
const tokens: Record<string, string> = {};
const scopes: Record<string, Scope> = {};

beforeAll(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO user_account (id, username, display_name, password_hash, role, alliance_id, institution_id)
     SELECT $1, 'his.chc1', 'HIS', password_hash, 'PARTNER_APP', alliance_id, institution_id FROM user_account WHERE username = 'gp.chc1'`,
    [randomUUID()],
  );
  for (const user of USERS) tokens[user] = await server.login(user);
  places = await demoPlaces(server, tokens.coordinator!);
  const created = await server.gql<{ createReferral: { id: string } }>(
    CREATE_REFERRAL,
    { input: upwardInput(places) },
    tokens['gp.chc1'],
  );
  const id = Buffer.from(created.data!.createReferral.id, 'base64url').toString().split(':')[1];
  template = (await db.query('SELECT * FROM referral WHERE id = $1', [id])).rows[0];
  const accounts = await db.query(
    'SELECT username, role, alliance_id, institution_id, department_id, practitioner_id FROM user_account',
  );
  for (const a of accounts.rows) {
    scopes[a.username] = {
      role: a.role as Role,
      allianceId: a.alliance_id,
      institutionId: a.institution_id,
      departmentId: a.department_id,
      practitionerId: a.practitioner_id,
    };
  }
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

async function referralIn(status: ReferralStatus): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO referral (id, code, alliance_id, direction, urgency, status, patient_id, from_institution_id, from_practitioner_id,
       created_by_user_id, to_institution_id, to_department_id, diagnosis_code, reason, created_at, due_by, status_changed_at,
       status_before_scheduled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now(), now() + interval '2 days', now(), $15)`,
    [
      id,
      `M-${id.slice(0, 8)}`,
      template.alliance_id,
      template.direction,
      template.urgency,
      status,
      template.patient_id,
      template.from_institution_id,
      template.from_practitioner_id,
      template.created_by_user_id,
      template.to_institution_id,
      template.to_department_id,
      template.diagnosis_code,
      template.reason,
      status === 'SCHEDULED' ? 'ACCEPTED' : null,
    ],
  );
  return Buffer.from(`Referral:${id}`).toString('base64url');
}

/** The operation of each action, whose rule in the authorization policy is checked before anything is read. */
const OPERATIONS: Partial<Record<ReferralAction, string>> = {
  ACCEPT: 'Mutation.acceptReferral',
  REJECT: 'Mutation.rejectReferral',
  REDIRECT: 'Mutation.redirectReferral',
  SCHEDULE: 'Mutation.claimSlot',
  ARRIVE: 'Mutation.recordArrival',
  COMPLETE: 'Mutation.completeReferral',
  CANCEL: 'Mutation.cancelReferral',
};

const MUTATIONS: Partial<Record<ReferralAction, (id: string) => [string, Record<string, unknown>]>> = {
  ACCEPT: (id) => ['mutation($id: ID!) { r: acceptReferral(id: $id) { status } }', { id }],
  REJECT: (id) => [
    'mutation($id: ID!) { r: rejectReferral(id: $id, reason: "不符合指征") { status } }',
    { id },
  ],
  REDIRECT: (id) => [
    'mutation($id: ID!, $to: ID!) { r: redirectReferral(id: $id, toInstitutionId: $to, reason: "改转区医院") { status } }',
    { id, to: places.secondaryId },
  ],
  ARRIVE: (id) => ['mutation($id: ID!) { r: recordArrival(referralId: $id) { status } }', { id }],
  COMPLETE: (id) => [
    'mutation($id: ID!) { r: completeReferral(referralId: $id, outcome: "好转") { status } }',
    { id },
  ],
  CANCEL: (id) => [
    'mutation($id: ID!) { r: cancelReferral(id: $id, reason: "患者改变主意") { status } }',
    { id },
  ],
};

function expected(action: ReferralAction, user: string, status: ReferralStatus): string {
  const scope = scopes[user]!;
  const parties = {
    fromInstitutionId: template.from_institution_id as string,
    toInstitutionId: template.to_institution_id as string,
    toDepartmentId: template.to_department_id as string,
  };
  const readable = mayReadReferral(scope, {
    allianceId: template.alliance_id as string,
    ...parties,
    assignedSpecialistId: null,
    fromPractitionerId: template.from_practitioner_id as string | null,
  });
  // The policy refuses a role that may not call the operation at all, before the referral is read.
  if (!reachOf(OPERATIONS[action]!, scope.role)) return 'FORBIDDEN';
  // Claims are checked against the slot first: only its department's specialists or a coordinator.
  if (
    action === 'SCHEDULE' &&
    scope.role !== Role.COORDINATOR &&
    scope.departmentId !== parties.toDepartmentId
  ) {
    return 'FORBIDDEN';
  }
  if (!readable) return 'NOT_FOUND';
  try {
    const next = decideTransition(status, action, scope, parties);
    return action === 'REDIRECT' ? status : next;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('every transition × every role × every state', () => {
  it('answers through the API exactly what the state machine decides', async () => {
    const mismatches: string[] = [];
    let legal = 0;
    for (const [action, mutation] of Object.entries(MUTATIONS) as [
      ReferralAction,
      (id: string) => [string, Record<string, unknown>],
    ][]) {
      for (const user of USERS) {
        for (const status of Object.values(ReferralStatus)) {
          const id = await referralIn(status);
          const [query, variables] = mutation(id);
          const result = await server.gql<{ r: { status?: string; referral?: { status: string } } }>(
            query,
            variables,
            tokens[user],
          );
          const got =
            result.data?.r?.status ??
            result.data?.r?.referral?.status ??
            result.errors?.[0]?.extensions?.code ??
            'NO ANSWER';
          const want = expected(action, user, status);
          if (got !== want) mismatches.push(`${action} by ${user} from ${status}: got ${got}, want ${want}`);
          if (result.data?.r) legal += 1;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Sanity: the matrix holds legal moves as well as refusals.
    expect(legal).toBeGreaterThan(15);
  });
});
