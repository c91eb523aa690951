import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topUpSlots } from '../src/modules/capacity/slot-pools.js';
import { sweepOnce } from '../src/platform/maintenance.js';
import { CREATE_REFERRAL, demoPlaces, upwardInput, type DemoPlaces } from './fixtures.js';
import { codes, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let db: pg.Client;
const tokens: Record<string, string> = {};
let places: DemoPlaces;
const at = (ms: number) => () => new Date(ms);
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['coordinator', 'cardio.oncall1', 'gp.chc1']) tokens[user] = await server.login(user);
  places = await demoPlaces(server, tokens.coordinator!);
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

async function createReferral(overrides: Record<string, unknown> = {}) {
  return server.gql<{ createReferral: { id: string; createdAt: string; dueBy: string; status: string } }>(
    CREATE_REFERRAL,
    { input: upwardInput(places, overrides) },
    tokens['gp.chc1'],
  );
}

describe('sweeps, with a controllable clock', () => {
  it('gives an expired bed hold back, once, even when two replicas sweep at the same moment', async () => {
    const referral = (await createReferral()).data!.createReferral.id;
    const { rows: beds } = await db.query(
      `SELECT id FROM bed WHERE department_id = $1 AND status = 'AVAILABLE' LIMIT 1`,
      [uuidOf(places.cardiologyId)],
    );
    const bedId = Buffer.from(`Bed:${beds[0].id}`).toString('base64url');
    const held = await server.gql(
      'mutation($b: ID!, $r: ID!) { holdBed(bedId: $b, referralId: $r, minutes: 10) { status } }',
      { b: bedId, r: referral },
      tokens.coordinator,
    );
    expect(held.errors).toBeUndefined();
    const start = Date.now();
    await sweepOnce(server.orm, at(start + 5 * 60_000));
    expect((await db.query('SELECT status FROM bed WHERE id = $1', [beds[0].id])).rows[0].status).toBe(
      'HELD',
    );
    const [a, b] = await Promise.all([
      sweepOnce(server.orm, at(start + 11 * 60_000)),
      sweepOnce(server.orm, at(start + 11 * 60_000)),
    ]);
    expect(a.holds + b.holds).toBeGreaterThanOrEqual(1);
    expect(
      (await db.query('SELECT status, referral_id FROM bed WHERE id = $1', [beds[0].id])).rows[0],
    ).toEqual({ status: 'AVAILABLE', referral_id: null });
    const events = await db.query(
      `SELECT count(*)::int AS n FROM event_log WHERE aggregate_id = $1 AND note = 'hold expired'`,
      [beds[0].id],
    );
    expect(events.rows[0].n).toBe(1);
  });

  it('releases unbooked reserved slots to the public pool at their release time, and nothing else', async () => {
    const { rows } = await db.query(
      `SELECT id, release_at FROM slot WHERE department_id = $1 AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED' ORDER BY starts_at LIMIT 2`,
      [uuidOf(places.cardiologyId)],
    );
    const [first, second] = rows as { id: string; release_at: Date }[];
    await sweepOnce(server.orm, at(first!.release_at.getTime() - 1000));
    expect((await db.query('SELECT status, pool FROM slot WHERE id = $1', [first!.id])).rows[0]).toEqual({
      status: 'OPEN',
      pool: 'ALLIANCE_RESERVED',
    });
    await sweepOnce(server.orm, at(first!.release_at.getTime()));
    expect((await db.query('SELECT status, pool FROM slot WHERE id = $1', [first!.id])).rows[0]).toEqual({
      status: 'RELEASED',
      pool: 'PUBLIC',
    });
    if (second!.release_at > first!.release_at) {
      expect((await db.query('SELECT status FROM slot WHERE id = $1', [second!.id])).rows[0].status).toBe(
        'OPEN',
      );
    }
    // A booked reserved slot is never released, however late it is.
    const booked = await db.query(
      `SELECT count(*)::int AS n FROM slot WHERE status = 'BOOKED' AND pool = 'PUBLIC'`,
    );
    expect(booked.rows[0].n).toBe(0);
    // A public slot cannot be booked through the alliance.
    const publicSlot = Buffer.from(`Slot:${first!.id}`).toString('base64url');
    const refused = await createReferral({ slotId: publicSlot });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slotId' });
  });

  it('expires a submitted referral nobody answered by its deadline, and only such a one', async () => {
    const routine = (await createReferral()).data!.createReferral;
    const answered = (await createReferral()).data!.createReferral;
    await server.gql(
      'mutation($id: ID!) { acceptReferral(id: $id) { status } }',
      { id: answered.id },
      tokens['cardio.oncall1'],
    );
    const due = Date.parse(routine.dueBy);
    expect(due - Date.parse(routine.createdAt)).toBe(48 * 3600_000);
    await sweepOnce(server.orm, at(due - 60_000));
    const status = async (id: string) =>
      (await db.query('SELECT status FROM referral WHERE id = $1', [uuidOf(id)])).rows[0].status;
    expect(await status(routine.id)).toBe('SUBMITTED');
    await sweepOnce(server.orm, at(due + 1));
    expect(await status(routine.id)).toBe('EXPIRED');
    expect(await status(answered.id)).toBe('ACCEPTED');
    const events = await db.query(
      `SELECT actor_role FROM event_log WHERE aggregate_id = $1 AND type = 'referral.EXPIRED'`,
      [uuidOf(routine.id)],
    );
    expect(events.rows).toEqual([{ actor_role: 'SYSTEM' }]);
  });
});

describe('slot pools', () => {
  it('keeps the rolling horizon topped up as days pass, idempotently', async () => {
    const count = async () => (await db.query('SELECT count(*)::int AS n FROM slot')).rows[0].n as number;
    const before = await count();
    expect(await topUpSlots(server.orm.em.fork(), () => new Date())).toBe(0);
    const added = await topUpSlots(server.orm.em.fork(), at(Date.now() + 3 * 86_400_000));
    expect(added).toBeGreaterThan(0);
    expect(await count()).toBe(before + added);
    expect(await topUpSlots(server.orm.em.fork(), at(Date.now() + 3 * 86_400_000))).toBe(0);
  });

  it('lets a community centre book only its daily quota of a pool’s reserved slots', async () => {
    // The demo gives each primary-care member 3 self-booked cardiology slots a day.
    const { rows } = await db.query(
      `SELECT id FROM slot WHERE department_id = $1 AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED'
         AND starts_at::date = (SELECT max(starts_at)::date FROM slot WHERE department_id = $1) ORDER BY starts_at LIMIT 4`,
      [uuidOf(places.cardiologyId)],
    );
    expect(rows).toHaveLength(4);
    const ids = rows.map((r: { id: string }) => Buffer.from(`Slot:${r.id}`).toString('base64url'));
    for (const slotId of ids.slice(0, 3)) {
      const booked = await createReferral({ slotId });
      expect(booked.errors).toBeUndefined();
    }
    const before = (await db.query('SELECT count(*)::int AS n FROM referral')).rows[0].n;
    const over = await createReferral({ slotId: ids[3] });
    expect(codes(over)).toEqual(['CONFLICT']);
    expect(over.errors![0]!.message).toMatch(/quota of 3/);
    expect((await db.query('SELECT count(*)::int AS n FROM referral')).rows[0].n).toBe(before);
    // A specialist's claim is not limited by the centre's quota.
    const referral = (await createReferral()).data!.createReferral.id;
    const claimed = await server.gql(
      'mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { status } }',
      { s: ids[3], r: referral },
      tokens['cardio.oncall1'],
    );
    expect(claimed.errors).toBeUndefined();
  });

  it('lets the coordination office set a pool’s layout, reserved share, release rule and quotas', async () => {
    const SET = `mutation($input: SlotPoolRuleInput!) { setSlotPoolRule(input: $input) {
      kind slotsPerDay reservedPerDay releaseMinutesBeforeStart resources department { code } quotas { perDay institution { id } } } }`;
    const input = {
      departmentId: places.respiratoryId,
      kind: 'IMAGING_EXAM',
      firstSlotTime: '13:00',
      slotMinutes: 30,
      slotsPerDay: 8,
      reservedPerDay: 3,
      releaseMinutesBeforeStart: 240,
      resources: ['PFT-1'],
      quotas: [{ institutionId: places.chc1Id, perDay: 1 }],
    };
    expect(codes(await server.gql(SET, { input }, tokens['gp.chc1']))).toEqual(['FORBIDDEN']);
    for (const [override, field] of [
      [{ firstSlotTime: '25:00' }, 'input.firstSlotTime'],
      [{ reservedPerDay: 9 }, 'input.reservedPerDay'],
      [{ slotsPerDay: 40 }, 'input.slotsPerDay'],
      [{ resources: [] }, 'input.resources'],
      [{ quotas: [{ institutionId: places.chc1Id, perDay: 4 }] }, 'input.quotas[0].perDay'],
    ] as const) {
      const refused = await server.gql(SET, { input: { ...input, ...override } }, tokens.coordinator);
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const set = await server.gql<{ setSlotPoolRule: Record<string, unknown> }>(
      SET,
      { input },
      tokens.coordinator,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setSlotPoolRule).toMatchObject({
      kind: 'IMAGING_EXAM',
      slotsPerDay: 8,
      reservedPerDay: 3,
      releaseMinutesBeforeStart: 240,
      resources: ['PFT-1'],
      department: { code: '03.01' },
      quotas: [{ perDay: 1, institution: { id: places.chc1Id } }],
    });
    const generated = await db.query(
      `SELECT pool, count(*)::int AS n FROM slot WHERE department_id = $1 AND kind = 'IMAGING_EXAM' AND resource_code = 'PFT-1' GROUP BY pool ORDER BY pool`,
      [uuidOf(places.respiratoryId)],
    );
    const byPool = Object.fromEntries(generated.rows.map((r: { pool: string; n: number }) => [r.pool, r.n]));
    expect(byPool.ALLIANCE_RESERVED).toBeGreaterThan(0);
    expect((byPool.PUBLIC ?? 0) / (byPool.ALLIANCE_RESERVED ?? 1)).toBeCloseTo(5 / 3, 0);
    const listed = await server.gql<{ slotPoolRules: unknown[] }>(
      'query($d: ID) { slotPoolRules(departmentId: $d) { kind } }',
      { d: places.respiratoryId },
      tokens['gp.chc1'],
    );
    expect(listed.data!.slotPoolRules).toEqual(
      expect.arrayContaining([{ kind: 'IMAGING_EXAM' }, { kind: 'SPECIALIST_CONSULT' }]),
    );
  });
});
