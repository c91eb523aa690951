import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_REFERRAL, demoPlaces, newPatient, upwardInput, type DemoPlaces } from './fixtures.js';
import { codes, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let db: pg.Client;
const tokens: Record<string, string> = {};
let places: DemoPlaces;

beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['coordinator', 'cardio.oncall1', 'gp.chc1', 'gp.chc2', 'admin'])
    tokens[user] = await server.login(user);
  places = await demoPlaces(server, tokens.coordinator!);
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

const counts = async () =>
  (
    await db.query(
      'SELECT (SELECT count(*) FROM referral)::int AS referrals, (SELECT count(*) FROM patient)::int AS patients, (SELECT count(*) FROM event_log)::int AS events',
    )
  ).rows[0];

async function create(input: Record<string, unknown>, token = tokens['gp.chc1'], key?: string) {
  return server.gql<{
    createReferral: {
      id: string;
      status: string;
      dueBy: string;
      createdAt: string;
      patient: { id: string; displayName: string };
      slot: { id: string } | null;
    };
  }>(CREATE_REFERRAL, { input, key }, token);
}

describe('createReferral', () => {
  it('creates an up-referral with a deadline by urgency, and the patient is matched, not duplicated', async () => {
    const patient = newPatient({ name: '王建国' });
    const first = await create(upwardInput(places, { patient, urgency: 'EMERGENCY' }));
    expect(first.errors).toBeUndefined();
    const referral = first.data!.createReferral;
    expect(referral.status).toBe('SUBMITTED');
    expect(Date.parse(referral.dueBy) - Date.parse(referral.createdAt)).toBe(30 * 60_000);
    expect(referral.patient.displayName).toBe('王建国');
    const second = await create(upwardInput(places, { patient, urgency: 'URGENT' }));
    expect(second.data!.createReferral.patient.id).toBe(referral.patient.id);
    expect(
      Date.parse(second.data!.createReferral.dueBy) - Date.parse(second.data!.createReferral.createdAt),
    ).toBe(4 * 3600_000);
  });

  it('refuses bad input of every kind with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const before = await counts();
    const good = upwardInput(places);
    const cases: [Record<string, unknown>, string][] = [
      [{ patient: { ...good.patient, residentId: '11010519491231002Y' } }, 'input.patient.residentId'],
      [{ patient: { ...good.patient, residentId: '110105194912310021' } }, 'input.patient.residentId'],
      [{ patient: { ...good.patient, residentId: '12345' } }, 'input.patient.residentId'],
      [{ patient: { ...good.patient, sex: 'X' } }, 'input.patient.sex'],
      [{ patient: { ...good.patient, sex: 'F' } }, 'input.patient.sex'],
      [{ patient: { ...good.patient, birthDate: '1958-03-15' } }, 'input.patient.birthDate'],
      [{ patient: { ...good.patient, birthDate: '2999-01-01' } }, 'input.patient.birthDate'],
      [{ patient: { ...good.patient, phone: '12345' } }, 'input.patient.phone'],
      [{ patient: { ...good.patient, name: '' } }, 'input.patient.name'],
      [{ patient: { ...good.patient, name: '名'.repeat(51) } }, 'input.patient.name'],
      [{ diagnosisCode: 'banana' }, 'input.diagnosisCode'],
      [{ diagnosisCode: 'U99.9' }, 'input.diagnosisCode'],
      [{ reason: '   ' }, 'input.reason'],
      [{ reason: '因'.repeat(2001) }, 'input.reason'],
      [{ clinicalSummary: 'x'.repeat(10_001) }, 'input.clinicalSummary'],
      [{ toInstitutionId: 'nope' }, 'input.toInstitutionId'],
      [{ toInstitutionId: places.cardiologyId }, 'input.toInstitutionId'],
      [{ toInstitutionId: places.chc1Id, toDepartmentId: null }, 'input.toInstitutionId'],
      [{ toDepartmentId: places.cardiologyId, toInstitutionId: places.secondaryId }, 'input.toDepartmentId'],
      [{ direction: 'DOWNWARD' }, 'input.direction'],
      [{ direction: 'LATERAL' }, 'input.direction'],
      [{ toInstitutionId: places.chc2Id, toDepartmentId: null }, 'input.direction'],
    ];
    for (const [override, field] of cases) {
      const result = await create({ ...good, ...override });
      expect(codes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.field, JSON.stringify(override).slice(0, 80)).toBe(field);
    }
    const badKey = await create(good, tokens['gp.chc1'], 'k'.repeat(201));
    expect(badKey.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(codes(await create(good, tokens.admin))).toEqual(['FORBIDDEN']);
    expect(codes(await create(good, tokens.coordinator))).toEqual(['FORBIDDEN']);
    expect(await counts()).toEqual(before);
  });

  it('makes exactly one referral from 20 concurrent copies with one idempotency key', async () => {
    const before = await counts();
    const input = upwardInput(places);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => create(input, tokens['gp.chc1'], 'retry-1')),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.createReferral.id)).size).toBe(1);
    expect((await counts()).referrals).toBe(before.referrals + 1);
    const different = await create({ ...input, reason: '另一个原因' }, tokens['gp.chc1'], 'retry-1');
    expect(codes(different)).toEqual(['CONFLICT']);
    // The key belongs to its credential: another doctor's same key is a new referral.
    const other = await create(upwardInput(places), tokens['gp.chc2'], 'retry-1');
    expect(other.data!.createReferral.id).not.toBe(results[0]!.data!.createReferral.id);
  });

  it('books an open reserved slot at creation, and only a reserved one', async () => {
    const slots = await server.gql<{ reservedSlots: { edges: { node: { id: string } }[] } }>(
      'query($d: ID!) { reservedSlots(departmentId: $d, status: OPEN, first: 2) { edges { node { id } } } }',
      { d: places.cardiologyId },
      tokens.coordinator,
    );
    const slotId = slots.data!.reservedSlots.edges[0]!.node.id;
    const booked = await create(upwardInput(places, { slotId }));
    expect(booked.data!.createReferral).toMatchObject({ status: 'SCHEDULED', slot: { id: slotId } });
    const before = await counts();
    const taken = await create(upwardInput(places, { slotId }));
    expect(codes(taken)).toEqual(['CONFLICT']);
    expect(await counts()).toEqual(before);
  });
});

describe('the referral’s life', () => {
  const ACCEPT = 'mutation($id: ID!) { acceptReferral(id: $id, note: "同意接收") { status } }';
  const REJECT =
    'mutation($id: ID!, $r: String!) { rejectReferral(id: $id, reason: $r) { status statusNote } }';
  const CANCEL = 'mutation($id: ID!, $r: String!) { cancelReferral(id: $id, reason: $r) { status } }';
  const ARRIVE = 'mutation($id: ID!) { recordArrival(referralId: $id) { status } }';
  const COMPLETE =
    'mutation($id: ID!, $o: String!) { completeReferral(referralId: $id, outcome: $o) { status statusNote } }';

  it('goes SUBMITTED → ACCEPTED → ARRIVED → COMPLETED, and refuses illegal moves with CONFLICT naming the state', async () => {
    const id = (await create(upwardInput(places))).data!.createReferral.id;
    // The sender cannot answer its own up-referral; an outsider does not even see it.
    expect(codes(await server.gql(ACCEPT, { id }, tokens['gp.chc1']))).toEqual(['FORBIDDEN']);
    expect(codes(await server.gql(ACCEPT, { id }, tokens['gp.chc2']))).toEqual(['NOT_FOUND']);
    expect(codes(await server.gql(ARRIVE, { id }, tokens['cardio.oncall1']))).toEqual(['CONFLICT']);
    expect(
      (await server.gql<{ acceptReferral: { status: string } }>(ACCEPT, { id }, tokens['cardio.oncall1']))
        .data!.acceptReferral.status,
    ).toBe('ACCEPTED');
    const again = await server.gql(ACCEPT, { id }, tokens.coordinator);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain('ACCEPTED');
    expect(again.errors![0]!.extensions!.currentStatus).toBe('ACCEPTED');
    expect(
      (await server.gql<{ recordArrival: { status: string } }>(ARRIVE, { id }, tokens['cardio.oncall1']))
        .data!.recordArrival.status,
    ).toBe('ARRIVED');
    expect(codes(await server.gql(COMPLETE, { id, o: '  ' }, tokens['cardio.oncall1']))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const done = await server.gql<{ completeReferral: { status: string; statusNote: string } }>(
      COMPLETE,
      { id, o: 'PCI 术后稳定' },
      tokens['cardio.oncall1'],
    );
    expect(done.data!.completeReferral).toEqual({ status: 'COMPLETED', statusNote: 'PCI 术后稳定' });
    expect(codes(await server.gql(CANCEL, { id, r: '太晚了' }, tokens['gp.chc1']))).toEqual(['CONFLICT']);
  });

  it('rejects with a reason, and the sender cancels with a reason, freeing the slot', async () => {
    const rejected = (await create(upwardInput(places))).data!.createReferral.id;
    expect(codes(await server.gql(REJECT, { id: rejected, r: '' }, tokens['cardio.oncall1']))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const r = await server.gql<{ rejectReferral: { status: string; statusNote: string } }>(
      REJECT,
      { id: rejected, r: '建议先到二级医院就诊' },
      tokens['cardio.oncall1'],
    );
    expect(r.data!.rejectReferral).toEqual({ status: 'REJECTED', statusNote: '建议先到二级医院就诊' });

    const slots = await server.gql<{ reservedSlots: { edges: { node: { id: string } }[] } }>(
      'query($d: ID!) { reservedSlots(departmentId: $d, status: OPEN, first: 1) { edges { node { id } } } }',
      { d: places.cardiologyId },
      tokens.coordinator,
    );
    const slotId = slots.data!.reservedSlots.edges[0]!.node.id;
    const booked = (await create(upwardInput(places, { slotId }))).data!.createReferral.id;
    expect(
      codes(await server.gql(CANCEL, { id: booked, r: '患者拒绝转诊' }, tokens['cardio.oncall1'])),
    ).toEqual(['FORBIDDEN']);
    expect(
      (
        await server.gql<{ cancelReferral: { status: string } }>(
          CANCEL,
          { id: booked, r: '患者拒绝转诊' },
          tokens['gp.chc1'],
        )
      ).data!.cancelReferral.status,
    ).toBe('CANCELLED');
    const slot = await server.gql<{ node: { status: string } }>(
      'query($id: ID!) { node(id: $id) { ... on Slot { status } } }',
      { id: slotId },
      tokens.coordinator,
    );
    expect(slot.data!.node.status).toBe('OPEN');
  });

  it('redirects a submitted referral to another member, keeping its identity and deadline', async () => {
    const created = (await create(upwardInput(places))).data!.createReferral;
    const REDIRECT =
      'mutation($id: ID!, $i: ID!, $d: ID, $r: String!) { redirectReferral(id: $id, toInstitutionId: $i, toDepartmentId: $d, reason: $r) { id code status dueBy toInstitution { id } toDepartment { id } } }';
    expect(
      codes(
        await server.gql(REDIRECT, { id: created.id, i: places.chc2Id, r: '转社区' }, tokens.coordinator),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const moved = await server.gql<{
      redirectReferral: {
        id: string;
        status: string;
        dueBy: string;
        toInstitution: { id: string };
        toDepartment: null;
      };
    }>(
      REDIRECT,
      { id: created.id, i: places.secondaryId, r: '核心医院床位紧张，转区人民医院' },
      tokens.coordinator,
    );
    expect(moved.data!.redirectReferral).toMatchObject({
      id: created.id,
      status: 'SUBMITTED',
      dueBy: created.dueBy,
      toInstitution: { id: places.secondaryId },
      toDepartment: null,
    });
    // Cardiology no longer sees it; the sender still does.
    expect(
      codes(
        await server.gql(
          'query($id: ID!) { referral(id: $id) { id } }',
          { id: created.id },
          tokens['cardio.oncall1'],
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      (
        await server.gql(
          'query($id: ID!) { referral(id: $id) { id } }',
          { id: created.id },
          tokens['gp.chc1'],
        )
      ).errors,
    ).toBeUndefined();
  });

  it('logs every change in the event log, in the same transaction, with who did it', async () => {
    const id = (await create(upwardInput(places))).data!.createReferral.id;
    await server.gql(ACCEPT, { id }, tokens['cardio.oncall1']);
    const uuid = Buffer.from(id, 'base64url').toString().split(':')[1];
    const { rows } = await db.query(
      'SELECT type, actor_username, actor_role, note FROM event_log WHERE aggregate_id = $1 ORDER BY position',
      [uuid],
    );
    expect(rows).toEqual([
      { type: 'referral.CREATED', actor_username: 'gp.chc1', actor_role: 'REFERRING_DOCTOR', note: null },
      {
        type: 'referral.ACCEPTED',
        actor_username: 'cardio.oncall1',
        actor_role: 'SPECIALIST',
        note: '同意接收',
      },
    ]);
  });

  it('sends the patient back down on completion, to the family doctor of their contract, with the outcome', async () => {
    // A seeded resident of gp.chc1's centre with a family doctor there: refer them up by their resident ID.
    const { rows } = await db.query(
      `SELECT p.name, p.sex, p.birth_date::text AS birth_date, p.resident_id_encrypted FROM patient p
       JOIN family_doctor_contract c ON c.patient_id = p.id
       JOIN user_account u ON u.institution_id = c.institution_id AND u.username = 'gp.chc1' LIMIT 1`,
    );
    const resident = rows[0] as {
      name: string;
      sex: 'M' | 'F';
      birth_date: string;
      resident_id_encrypted: string;
    };
    const residentId = server.services.keys.decryptResidentId(resident.resident_id_encrypted);
    const up = await create(
      upwardInput(places, {
        patient: { name: resident.name, residentId, sex: resident.sex, birthDate: resident.birth_date },
      }),
    );
    const id = up.data!.createReferral.id;
    await server.gql(ACCEPT, { id }, tokens['cardio.oncall1']);
    await server.gql(ARRIVE, { id }, tokens['cardio.oncall1']);
    const COMPLETE_DOWN = `mutation($id: ID!, $o: String!, $down: DownReferralInput) { completeReferral(referralId: $id, outcome: $o, downReferral: $down) {
      status downReferrals { id direction status urgency toInstitution { id } toDepartment { code } assignedSpecialist { name }
        parentReferral { id } } } }`;
    const bad = await server.gql(
      COMPLETE_DOWN,
      { id, o: '出院', down: { toInstitutionId: places.coreId, reason: '留在本院' } },
      tokens['cardio.oncall1'],
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const done = await server.gql<{
      completeReferral: { status: string; downReferrals: Record<string, unknown>[] };
    }>(COMPLETE_DOWN, { id, o: '冠脉支架术后，病情稳定', down: {} }, tokens['cardio.oncall1']);
    expect(done.errors).toBeUndefined();
    const [down] = done.data!.completeReferral.downReferrals;
    expect(done.data!.completeReferral.status).toBe('COMPLETED');
    expect(down).toMatchObject({
      direction: 'DOWNWARD',
      status: 'SUBMITTED',
      urgency: 'ROUTINE',
      toInstitution: { id: places.chc1Id },
      toDepartment: { code: '02' },
      parentReferral: { id },
    });
    expect((down!.assignedSpecialist as { name: string }).name).toBeTruthy();
    // The family doctor's centre receives it and may answer it.
    const received = await server.gql<{ acceptReferral: { status: string } }>(
      ACCEPT,
      { id: down!.id },
      tokens['gp.chc1'],
    );
    expect(received.data!.acceptReferral.status).toBe('ACCEPTED');
  });

  it('keeps an ordered timeline of who did what, readable by those who may read the referral', async () => {
    const id = (await create(upwardInput(places))).data!.createReferral.id;
    await server.gql(ACCEPT, { id }, tokens['cardio.oncall1']);
    await server.gql(REJECT, { id, r: '需先完善检查' }, tokens.coordinator);
    const TIMELINE =
      'query($id: ID!) { referral(id: $id) { timeline { type status actorName actorRole note actorInstitution { id } } } }';
    const result = await server.gql<{ referral: { timeline: Record<string, unknown>[] } }>(
      TIMELINE,
      { id },
      tokens['gp.chc1'],
    );
    expect(result.data!.referral.timeline.map((t) => [t.type, t.status, t.actorRole, t.note])).toEqual([
      ['CREATED', 'SUBMITTED', 'REFERRING_DOCTOR', null],
      ['ACCEPTED', 'ACCEPTED', 'SPECIALIST', '同意接收'],
      ['REJECTED', 'REJECTED', 'COORDINATOR', '需先完善检查'],
    ]);
    expect(result.data!.referral.timeline[0]!.actorInstitution).toEqual({ id: places.chc1Id });
    expect(codes(await server.gql(TIMELINE, { id }, tokens['gp.chc2']))).toEqual(['NOT_FOUND']);
  });
});

describe('tiered-care guidance (分级诊疗目录)', () => {
  it('allows an up-referral for a primary-care condition but marks it with a warning', async () => {
    const QUERY = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id guidanceWarning } }`;
    const hypertension = await server.gql<{ createReferral: { guidanceWarning: string | null } }>(
      QUERY,
      { input: upwardInput(places, { diagnosisCode: 'I10' }) },
      tokens['gp.chc1'],
    );
    expect(hypertension.data!.createReferral.guidanceWarning).toMatch(/I10.*分级诊疗目录/);
    const infarction = await server.gql<{ createReferral: { guidanceWarning: string | null } }>(
      QUERY,
      { input: upwardInput(places, { diagnosisCode: 'I21.9' }) },
      tokens['gp.chc1'],
    );
    expect(infarction.data!.createReferral.guidanceWarning).toBeNull();
    const SET = 'mutation($c: [String!]!) { setPrimaryCareConditions(codes: $c) { code name } }';
    expect(codes(await server.gql(SET, { c: ['I10'] }, tokens['gp.chc1']))).toEqual(['FORBIDDEN']);
    const bad = await server.gql(SET, { c: ['I10', 'nope'] }, tokens.coordinator);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes[1]' });
    const set = await server.gql<{ setPrimaryCareConditions: { code: string }[] }>(
      SET,
      { c: ['E11', 'J44.1'] },
      tokens.coordinator,
    );
    expect(set.data!.setPrimaryCareConditions.map((c) => c.code)).toEqual(['E11', 'J44']);
    const now = await server.gql<{ createReferral: { guidanceWarning: string | null } }>(
      QUERY,
      { input: upwardInput(places, { diagnosisCode: 'I10' }) },
      tokens['gp.chc1'],
    );
    expect(now.data!.createReferral.guidanceWarning).toBeNull();
  });
});

describe('the demo alliance', () => {
  it('gives every seeded referral a history', async () => {
    const result = await server.gql<{
      referrals: { edges: { node: { status: string; timeline: { type: string }[] } }[] };
    }>('{ referrals(first: 100) { edges { node { status timeline { type } } } } }', {}, tokens.coordinator);
    for (const { node } of result.data!.referrals.edges) {
      expect(node.timeline[0]?.type).toBe('CREATED');
      if (node.status !== 'SUBMITTED') expect(node.timeline.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('deadlines per alliance', () => {
  it('lets the coordination office set the answer times by urgency, for referrals created from then on', async () => {
    const SET =
      'mutation($e: Int!, $u: Int!, $r: Int!) { setReferralDeadlines(emergencyMinutes: $e, urgentMinutes: $u, routineMinutes: $r) { answerMinutesEmergency answerMinutesUrgent answerMinutesRoutine } }';
    expect(codes(await server.gql(SET, { e: 15, u: 120, r: 1440 }, tokens['gp.chc1']))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      (await server.gql(SET, { e: 0, u: 120, r: 1440 }, tokens.coordinator)).errors![0]!.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'emergencyMinutes' });
    expect(
      (await server.gql(SET, { e: 300, u: 120, r: 1440 }, tokens.coordinator)).errors![0]!.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'urgentMinutes' });
    const set = await server.gql<{ setReferralDeadlines: Record<string, number> }>(
      SET,
      { e: 15, u: 120, r: 1440 },
      tokens.coordinator,
    );
    expect(set.data!.setReferralDeadlines).toEqual({
      answerMinutesEmergency: 15,
      answerMinutesUrgent: 120,
      answerMinutesRoutine: 1440,
    });
    const referral = (await create(upwardInput(places, { urgency: 'EMERGENCY' }))).data!.createReferral;
    expect(Date.parse(referral.dueBy) - Date.parse(referral.createdAt)).toBe(15 * 60_000);
    await server.gql(SET, { e: 30, u: 240, r: 2880 }, tokens.coordinator);
  });
});
