import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/identity/password.js';
import { addDays, shanghaiDate } from '../src/domain/time.js';
import { CREATE_REFERRAL, demoPlaces, upwardInput, type DemoPlaces } from './fixtures.js';
import { codes, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let db: pg.Client;
const tokens: Record<string, string> = {};
let places: DemoPlaces;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

beforeAll(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  for (const user of ['coordinator', 'gp.chc1', 'cardio.oncall1']) tokens[user] = await server.login(user);
  places = await demoPlaces(server, tokens.coordinator!);
  // The community centre's own information system, as a PARTNER_APP account of that centre.
  await db.query(
    `INSERT INTO user_account (id, username, display_name, password_hash, role, alliance_id, institution_id)
     SELECT $1, 'his.chc1', '望江社区 HIS', $2, 'PARTNER_APP', alliance_id, id FROM institution WHERE id = $3`,
    [randomUUID(), await hashPassword('yilian-demo'), uuidOf(places.chc1Id)],
  );
  tokens.his = await server.login('his.chc1');
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

const REPORT = `mutation($input: DailyActivityInput!, $i: ID) { reportDailyActivity(input: $input, institutionId: $i) {
  date outpatientVisits admissions discharges dischargedBedDays institution { id } } }`;
const INDICATORS = `query($from: DateTime!, $to: DateTime!, $i: ID) { allianceIndicators(from: $from, to: $to, institutionId: $i) {
  institution { id tier } referralsOutUpward referralsInUpward referralsOutDownward outpatientVisits referralOutRate referralOutRateCap
  referralOutRateWithinCap medianMinutesToAnswer answeredOnTimeShare downReferralRatio reservedSlots reservedSlotsBooked reservedSlotUse
  averageLengthOfStay lengthOfStayTarget } }`;

describe('daily activity reports', () => {
  it('takes a member’s day idempotently: reporting again replaces it', async () => {
    const date = addDays(shanghaiDate(new Date()), -2);
    const input = { date, outpatientVisits: 300, admissions: 4, discharges: 3, dischargedBedDays: 15 };
    const first = await server.gql<{ reportDailyActivity: Record<string, unknown> }>(
      REPORT,
      { input },
      tokens.his,
    );
    expect(first.data!.reportDailyActivity).toMatchObject({ ...input, institution: { id: places.chc1Id } });
    await server.gql(REPORT, { input }, tokens.his);
    await server.gql(REPORT, { input: { ...input, outpatientVisits: 310 } }, tokens.his);
    const { rows } = await db.query(
      'SELECT outpatient_visits FROM daily_activity WHERE institution_id = $1 AND day = $2',
      [uuidOf(places.chc1Id), date],
    );
    expect(rows).toEqual([{ outpatient_visits: 310 }]);
  });

  it('refuses bad figures with BAD_USER_INPUT naming the field, and the wrong reporter with FORBIDDEN', async () => {
    const today = shanghaiDate(new Date());
    const good = {
      date: addDays(today, -1),
      outpatientVisits: 1,
      admissions: 1,
      discharges: 1,
      dischargedBedDays: 2,
    };
    const before = (await db.query('SELECT count(*)::int AS n FROM daily_activity')).rows[0].n;
    for (const [override, field] of [
      [{ date: addDays(today, 2) }, 'input.date'],
      [{ date: '2026-02-30' }, 'input.date'],
      [{ date: 'yesterday' }, 'input.date'],
      [{ date: '2020-01-01' }, 'input.date'],
      [{ outpatientVisits: -1 }, 'input.outpatientVisits'],
      [{ admissions: 2_000_000 }, 'input.admissions'],
      [{ discharges: 0, dischargedBedDays: 3 }, 'input.dischargedBedDays'],
      [{ discharges: 1, dischargedBedDays: 500 }, 'input.dischargedBedDays'],
    ] as const) {
      const result = await server.gql(REPORT, { input: { ...good, ...override } }, tokens.his);
      expect(result.errors![0]!.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(codes(await server.gql(REPORT, { input: good }, tokens['gp.chc1']))).toEqual(['FORBIDDEN']);
    expect(codes(await server.gql(REPORT, { input: good, i: places.chc2Id }, tokens.his))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await server.gql(REPORT, { input: good }, tokens.coordinator))).toEqual(['BAD_USER_INPUT']);
    expect((await db.query('SELECT count(*)::int AS n FROM daily_activity')).rows[0].n).toBe(before);
    const onBehalf = await server.gql(REPORT, { input: good, i: places.chc2Id }, tokens.coordinator);
    expect(onBehalf.errors).toBeUndefined();
  });
});

describe('alliance indicators', () => {
  it('rates each member against its targets, for the coordination office', async () => {
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const before = await server.gql<{
      allianceIndicators: { institution: { id: string }; referralsOutUpward: number }[];
    }>(INDICATORS, { from, to }, tokens.coordinator);
    const sentBefore = before.data!.allianceIndicators.find(
      (m) => m.institution.id === places.chc1Id,
    )!.referralsOutUpward;
    for (let i = 0; i < 3; i++)
      await server.gql(CREATE_REFERRAL, { input: upwardInput(places) }, tokens['gp.chc1']);
    const result = await server.gql<{ allianceIndicators: Record<string, unknown>[] }>(
      INDICATORS,
      { from, to },
      tokens.coordinator,
    );
    expect(result.errors).toBeUndefined();
    const members = result.data!.allianceIndicators;
    expect(members.length).toBeGreaterThanOrEqual(10);
    const chc1 = members.find((m) => (m.institution as { id: string }).id === places.chc1Id)!;
    expect(chc1.referralsOutUpward).toBe(sentBefore + 3);
    expect(chc1.outpatientVisits as number).toBeGreaterThan(1000);
    expect(chc1.referralOutRate).toBeCloseTo(
      (chc1.referralsOutUpward as number) / (chc1.outpatientVisits as number),
      10,
    );
    expect(chc1).toMatchObject({
      referralOutRateCap: 0.5,
      referralOutRateWithinCap: true,
      lengthOfStayTarget: 6,
    });
    expect(chc1.averageLengthOfStay as number).toBeGreaterThan(3);
    const core = members.find((m) => (m.institution as { id: string }).id === places.coreId)!;
    expect(core.referralsInUpward as number).toBeGreaterThan(0);
    expect(core).toMatchObject({ referralOutRateCap: null, lengthOfStayTarget: null });
    expect(core.reservedSlots as number).toBeGreaterThanOrEqual(core.reservedSlotsBooked as number);
    expect(
      core.answeredOnTimeShare === null ||
        ((core.answeredOnTimeShare as number) >= 0 && (core.answeredOnTimeShare as number) <= 1),
    ).toBe(true);
  });

  it('shows other members their own figures only, and refuses bad periods', async () => {
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const to = new Date().toISOString();
    const own = await server.gql<{ allianceIndicators: { institution: { id: string } }[] }>(
      INDICATORS,
      { from, to },
      tokens['gp.chc1'],
    );
    expect(own.data!.allianceIndicators.map((m) => m.institution.id)).toEqual([places.chc1Id]);
    expect(codes(await server.gql(INDICATORS, { from, to, i: places.chc2Id }, tokens['gp.chc1']))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await server.gql(INDICATORS, { from: to, to: from }, tokens.coordinator))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(await server.gql(INDICATORS, { from: '2020-01-01T00:00:00Z', to }, tokens.coordinator)),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
