import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CREATE_REFERRAL, demoPlaces, upwardInput, type DemoPlaces } from './fixtures.js';
import { codes, startTestServer, type TestServer } from './harness.js';
import { uuidOf, waitFor } from './ws-client.js';
import { ReferralReadModel } from '../src/modules/referral/referral.read-model.js';

let server: TestServer;
let db: pg.Client;
const tokens: Record<string, string> = {};
let places: DemoPlaces;

beforeAll(async () => {
  server = await startTestServer();
  for (const user of [
    'coordinator',
    'cardio.oncall1',
    'cardio.oncall2',
    'cardio.oncall3',
    'gp.chc1',
    'admin',
  ]) {
    tokens[user] = await server.login(user);
  }
  places = await demoPlaces(server, tokens.coordinator!);
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await server?.stop();
});

async function createReferrals(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const result = await server.gql<{ createReferral: { id: string } }>(
      CREATE_REFERRAL,
      { input: upwardInput(places) },
      tokens['gp.chc1'],
    );
    expect(result.errors).toBeUndefined();
    ids.push(result.data!.createReferral.id);
  }
  return ids;
}

async function cardiologyBeds(status: string) {
  const result = await server.gql<{ node: { beds: { id: string; version: number; status: string }[] } }>(
    'query($d: ID!, $s: BedStatus) { node(id: $d) { ... on Department { beds(status: $s) { id version status } } } }',
    { d: places.cardiologyId, s: status },
    tokens.coordinator,
  );
  return result.data!.node.beds;
}

const availability = async () =>
  (
    await db.query(
      'SELECT sum(available)::int AS a, sum(occupied)::int AS o, sum(cleaning)::int AS c, sum(held)::int AS h FROM bed_availability',
    )
  ).rows[0];

describe('beds', () => {
  it('changes a bed with optimistic concurrency: a stale version is CONFLICT and changes nothing', async () => {
    const [bed] = await cardiologyBeds('OCCUPIED');
    const before = await availability();
    const SET =
      'mutation($b: ID!, $s: BedStatus!, $v: Int, $r: String) { setBedStatus(bedId: $b, status: $s, expectedVersion: $v, reason: $r) { id status version } }';
    const ok = await server.gql<{ setBedStatus: { status: string; version: number } }>(
      SET,
      { b: bed!.id, s: 'CLEANING', v: bed!.version },
      tokens['cardio.oncall1'],
    );
    expect(ok.data!.setBedStatus).toMatchObject({ status: 'CLEANING', version: bed!.version + 1 });
    const stale = await server.gql(
      SET,
      { b: bed!.id, s: 'AVAILABLE', v: bed!.version },
      tokens['cardio.oncall2'],
    );
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions).toMatchObject({ currentVersion: bed!.version + 1 });
    const after = await availability();
    expect(after).toEqual({ ...before, o: before.o - 1, c: before.c + 1 });
    // Illegal moves, missing reasons and other people's beds are refused, and nothing changes.
    expect(codes(await server.gql(SET, { b: bed!.id, s: 'OCCUPIED' }, tokens.coordinator))).toEqual([
      'CONFLICT',
    ]);
    expect(codes(await server.gql(SET, { b: bed!.id, s: 'CLOSED' }, tokens.coordinator))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await server.gql(SET, { b: bed!.id, s: 'HELD' }, tokens.coordinator))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await server.gql(SET, { b: bed!.id, s: 'AVAILABLE' }, tokens['gp.chc1']))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await server.gql(SET, { b: bed!.id, s: 'AVAILABLE' }, tokens.admin))).toEqual(['FORBIDDEN']);
    expect(await availability()).toEqual(after);
    const closed = await server.gql<{ setBedStatus: { status: string } }>(
      SET,
      { b: bed!.id, s: 'CLOSED', r: '消毒' },
      tokens.coordinator,
    );
    expect(closed.data!.setBedStatus.status).toBe('CLOSED');
  });

  it('holds a bed for a referral and turns it occupied when the patient arrives', async () => {
    const [referralId] = await createReferrals(1);
    const [bed] = await cardiologyBeds('AVAILABLE');
    const HOLD =
      'mutation($b: ID!, $r: ID!, $m: Int!) { holdBed(bedId: $b, referralId: $r, minutes: $m) { id status holdExpiresAt heldFor { id } } }';
    expect(codes(await server.gql(HOLD, { b: bed!.id, r: referralId, m: 0 }, tokens.coordinator))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const held = await server.gql<{ holdBed: { status: string; heldFor: { id: string } } }>(
      HOLD,
      { b: bed!.id, r: referralId, m: 120 },
      tokens.coordinator,
    );
    expect(held.data!.holdBed).toMatchObject({ status: 'HELD', heldFor: { id: referralId } });
    expect(codes(await server.gql(HOLD, { b: bed!.id, r: referralId, m: 60 }, tokens.coordinator))).toEqual([
      'CONFLICT',
    ]);
    const accept = await server.gql(
      'mutation($id: ID!) { acceptReferral(id: $id) { status } }',
      { id: referralId },
      tokens['cardio.oncall1'],
    );
    expect(accept.errors).toBeUndefined();
    const arrived = await server.gql<{ recordArrival: { status: string; bed: { status: string } } }>(
      'mutation($id: ID!) { recordArrival(referralId: $id) { status bed { status } } }',
      { id: referralId },
      tokens['cardio.oncall1'],
    );
    expect(arrived.data!.recordArrival).toEqual({ status: 'ARRIVED', bed: { status: 'OCCUPIED' } });
  });

  it('keeps every availability aggregate equal to a recount after 1,000 changes from 20 concurrent clients', async () => {
    const { rows: beds } = await db.query<{ id: string }>(
      `SELECT b.id FROM bed b WHERE b.status IN ('AVAILABLE', 'OCCUPIED', 'CLEANING') ORDER BY b.id LIMIT 200`,
    );
    const SET = 'mutation($b: ID!, $s: BedStatus!) { setBedStatus(bedId: $b, status: $s) { status } }';
    const next: Record<string, string> = {
      AVAILABLE: 'OCCUPIED',
      OCCUPIED: 'CLEANING',
      CLEANING: 'AVAILABLE',
    };
    const toGlobal = (id: string) => Buffer.from(`Bed:${id}`).toString('base64url');
    let done = 0;
    // The clients read concurrently, so through a pool (one pg client runs one query at a time).
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 5 });
    const client = async (c: number) => {
      for (let i = 0; i < 50; i++) {
        const id = beds[(c * 50 + i * 7) % beds.length]!.id;
        const { rows } = await pool.query<{ status: string }>('SELECT status FROM bed WHERE id = $1', [id]);
        const result = await server.gql(
          SET,
          { b: toGlobal(id), s: next[rows[0]!.status] },
          tokens.coordinator,
        );
        // Another client may have moved the bed first: that answer is CONFLICT, never a wrong count.
        expect(result.errors?.every((e) => e.extensions?.code === 'CONFLICT') ?? true).toBe(true);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, c) => client(c)));
    await pool.end();
    expect(done).toBe(1000);
    const { rows: mismatches } = await db.query(`
      SELECT a.department_id, a.kind FROM bed_availability a
      FULL JOIN (SELECT department_id, kind, count(*)::int total,
          count(*) FILTER (WHERE status = 'AVAILABLE')::int available, count(*) FILTER (WHERE status = 'HELD')::int held,
          count(*) FILTER (WHERE status = 'OCCUPIED')::int occupied, count(*) FILTER (WHERE status = 'CLEANING')::int cleaning,
          count(*) FILTER (WHERE status = 'CLOSED')::int closed
        FROM bed GROUP BY department_id, kind) r USING (department_id, kind)
      WHERE (a.total, a.available, a.held, a.occupied, a.cleaning, a.closed)
        IS DISTINCT FROM (r.total, r.available, r.held, r.occupied, r.cleaning, r.closed)`);
    expect(mismatches).toEqual([]);
  });
});

describe('reserved slots', () => {
  const CLAIM =
    'mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { id status referral { id } claimedBy { name } } }';

  async function openCardiologySlots(n: number): Promise<string[]> {
    const result = await server.gql<{ reservedSlots: { edges: { node: { id: string } }[] } }>(
      'query($d: ID!, $n: Int) { reservedSlots(departmentId: $d, status: OPEN, first: $n) { edges { node { id } } } }',
      { d: places.cardiologyId, n },
      tokens.coordinator,
    );
    return result.data!.reservedSlots.edges.map((e) => e.node.id);
  }

  it('lets exactly one of many concurrent claims win each slot, and tells the losers who holds it', async () => {
    // 60 referrals to cardiology, 20 open slots, 200 claims from three on-duty specialists at once.
    const referrals = await createReferrals(60);
    const slots = await openCardiologySlots(20);
    expect(slots).toHaveLength(20);
    const specialists = ['cardio.oncall1', 'cardio.oncall2', 'cardio.oncall3'];
    const attempts = Array.from({ length: 200 }, (_, i) => ({
      slot: slots[i % 20]!,
      referral: referrals[(i * 7) % 60]!,
      who: specialists[i % 3]!,
    }));
    const results = await Promise.all(
      attempts.map((a) =>
        server.gql<{ claimSlot: { id: string; referral: { id: string } } }>(
          CLAIM,
          { s: a.slot, r: a.referral },
          tokens[a.who],
        ),
      ),
    );
    const wins = results.filter((r) => r.data?.claimSlot);
    const losses = results.filter((r) => !r.data?.claimSlot);
    for (const loss of losses) expect(codes(loss)).toEqual(['CONFLICT']);
    expect(losses.some((l) => typeof l.errors![0]!.extensions!.claimedBy === 'string')).toBe(true);
    // Each slot at most one referral, each referral at most one slot, and every acknowledged claim is stored.
    const { rows } = await db.query<{ slot: string; referral: string }>(
      `SELECT id AS slot, referral_id AS referral FROM slot WHERE status = 'BOOKED' AND referral_id IS NOT NULL`,
    );
    const bySlot = new Map(
      rows.map((r) => [Buffer.from(`Slot:${r.slot}`).toString('base64url'), r.referral]),
    );
    expect(new Set(rows.map((r) => r.referral)).size).toBe(rows.length);
    for (const win of wins) {
      const { id, referral } = win.data!.claimSlot;
      expect(Buffer.from(`Referral:${bySlot.get(id)}`).toString('base64url')).toBe(referral.id);
    }
    expect(new Set(wins.map((w) => w.data!.claimSlot.id)).size).toBe(wins.length);
    // No claim was refused while it could have succeeded: a slot is left open only when every referral
    // that tried it went into another slot.
    const wonSlots = new Set(wins.map((w) => w.data!.claimSlot.id));
    const scheduledReferrals = new Set(wins.map((w) => w.data!.claimSlot.referral.id));
    for (const slot of slots.filter((s) => !wonSlots.has(s))) {
      for (const a of attempts.filter((x) => x.slot === slot))
        expect(scheduledReferrals.has(a.referral)).toBe(true);
    }
    expect(wins.length).toBeGreaterThanOrEqual(15);
    const scheduled = await db.query(
      `SELECT count(*)::int AS n FROM referral r JOIN slot s ON s.referral_id = r.id WHERE r.status = 'SCHEDULED' AND r.id = ANY($1::uuid[])`,
      [referrals.map((g) => Buffer.from(g, 'base64url').toString().split(':')[1])],
    );
    expect(scheduled.rows[0].n).toBe(wins.length);
  });

  it('tells a claim that lost the referral (booked meanwhile, into any slot) who booked it', async () => {
    const [referral] = await createReferrals(1);
    const [first, second] = await openCardiologySlots(2);
    const won = await server.gql<{ claimSlot: { claimedBy: { name: string } } }>(
      CLAIM,
      { s: first, r: referral },
      tokens['cardio.oncall2'],
    );
    const winner = won.data!.claimSlot.claimedBy.name;
    // The other specialist tried another open slot for the same referral: the slot was free, the referral not.
    const lost = await server.gql(CLAIM, { s: second, r: referral }, tokens['cardio.oncall1']);
    expect(codes(lost)).toEqual(['CONFLICT']);
    expect(lost.errors![0]!.extensions).toMatchObject({ currentStatus: 'SCHEDULED', claimedBy: winner });
    expect(lost.errors![0]!.message).toContain(winner);
    const slot = await server.gql<{ node: { status: string } }>(
      'query($s: ID!) { node(id: $s) { ... on Slot { status } } }',
      { s: second },
      tokens.coordinator,
    );
    expect(slot.data!.node.status).toBe('OPEN');
  });

  /** Claim statements waiting on a lock in the database: on a referral's row, or on another booking. */
  const claimsWaitingOnLocks = async (): Promise<number> =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%WITH booked AS%'`,
      )
    ).rows[0].n;

  /**
   * Holds the referral's row locked in a transaction of its own while `claims` run, until they all wait
   * on it inside their claim statement; `change` runs in that transaction before it commits.
   */
  async function withReferralLocked(
    referral: string,
    change: string | null,
    claims: () => Promise<unknown>[],
    ready: (running: number) => Promise<boolean> = async (running) =>
      (await claimsWaitingOnLocks()) >= running,
  ) {
    const blocker = new pg.Client({ connectionString: server.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM referral WHERE id = $1 FOR UPDATE', [uuidOf(referral)]);
      const running = claims();
      // Each waits: on the referral's lock, or (a second booking of it) on the first one's outcome.
      await waitFor('the claims to wait', () => ready(running.length));
      if (change) await blocker.query(change, [uuidOf(referral)]);
      await blocker.query('COMMIT');
      return await Promise.all(running);
    } finally {
      await blocker.end();
    }
  }

  const slotStatus = async (slot: string) =>
    (await db.query('SELECT status, referral_id FROM slot WHERE id = $1', [uuidOf(slot)])).rows[0];

  it('undoes the booking when the referral changed between the claim’s read and its write', async () => {
    const [referral] = await createReferrals(1);
    const [slot] = await openCardiologySlots(1);
    const before = (await db.query('SELECT count(*)::int AS n FROM event_log')).rows[0].n;
    // The referral is withdrawn while the claim, already decided on the submitted referral, writes.
    const [lost] = (await withReferralLocked(
      referral!,
      "UPDATE referral SET status = 'CANCELLED', version = version + 1 WHERE id = $1",
      () => [server.gql(CLAIM, { s: slot, r: referral }, tokens['cardio.oncall1'])],
    )) as Awaited<ReturnType<typeof server.gql>>[];
    expect(codes(lost!)).toEqual(['CONFLICT']);
    expect(lost!.errors![0]!.message).toContain('changed meanwhile');
    expect(await slotStatus(slot!)).toEqual({ status: 'OPEN', referral_id: null });
    expect((await db.query('SELECT count(*)::int AS n FROM event_log')).rows[0].n).toBe(before);
  });

  it('books a referral claimed into two slots at once into one, and names the winner to the other', async () => {
    const [referral] = await createReferrals(1);
    const [first, second] = await openCardiologySlots(2);
    // Both claims are decided on the open slots and the submitted referral before either writes.
    const results = (await withReferralLocked(referral!, null, () => [
      server.gql(CLAIM, { s: first, r: referral }, tokens['cardio.oncall1']),
      server.gql(CLAIM, { s: second, r: referral }, tokens['cardio.oncall2']),
    ])) as Awaited<ReturnType<typeof server.gql<{ claimSlot: { claimedBy: { name: string } } }>>>[];
    const won = results.filter((r) => r.data?.claimSlot);
    const lost = results.filter((r) => !r.data?.claimSlot);
    expect(won).toHaveLength(1);
    expect(codes(lost[0]!)).toEqual(['CONFLICT']);
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({
      currentStatus: 'SCHEDULED',
      claimedBy: won[0]!.data!.claimSlot.claimedBy.name,
    });
    const statuses = [(await slotStatus(first!)).status, (await slotStatus(second!)).status].sort();
    expect(statuses).toEqual(['BOOKED', 'OPEN']);
  });

  it('refuses a claim without a write when a claim of the same slot in this process books it first', async () => {
    const [first, second] = await createReferrals(2);
    const [slot] = await openCardiologySlots(1);
    const { stats } = server.services.slotClaims;
    const before = { ...stats };
    type Claimed = Awaited<ReturnType<typeof server.gql<{ claimSlot: { claimedBy: { name: string } } }>>>;
    const claims: Promise<Claimed>[] = [];
    const claim = (referral: string, who: string) =>
      claims.push(server.gql(CLAIM, { s: slot, r: referral }, tokens[who]));
    // The first claim books the slot, then waits on its referral's lock; the second arrives meanwhile
    // and waits for the first's outcome in this process.
    const [won, lost] = (await withReferralLocked(
      first!,
      null,
      () => (claim(first!, 'cardio.oncall1'), claims),
      async () => {
        if ((await claimsWaitingOnLocks()) < 1) return false;
        if (claims.length === 1) claim(second!, 'cardio.oncall2');
        return stats.waited > before.waited;
      },
    )) as Claimed[];
    expect(codes(lost!)).toEqual(['CONFLICT']);
    expect(lost!.errors![0]!.extensions).toMatchObject({
      currentStatus: 'BOOKED',
      claimedBy: won!.data!.claimSlot.claimedBy.name,
    });
    // One write: the winner's.
    expect(stats.writes).toBe(before.writes + 1);
  });

  it('answers a won claim with the referral as the claim left it, without reading it again', async () => {
    const [referral] = await createReferrals(1);
    const [slot] = await openCardiologySlots(1);
    const reads = vi.spyOn(ReferralReadModel.prototype, 'byIds');
    try {
      const won = await server.gql<{
        claimSlot: {
          status: string;
          referral: { id: string; status: string; assignedSpecialist: { name: string } };
        };
      }>(
        'mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { status referral { id status assignedSpecialist { name } } } }',
        { s: slot, r: referral },
        tokens['cardio.oncall1'],
      );
      expect(won.errors).toBeUndefined();
      expect(won.data!.claimSlot.status).toBe('BOOKED');
      expect(won.data!.claimSlot.referral).toMatchObject({ id: referral, status: 'SCHEDULED' });
      expect(won.data!.claimSlot.referral.assignedSpecialist.name).toBeTruthy();
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('answers a won claim, built from the rows it wrote, exactly as a later read of the slot answers', async () => {
    // The claim answers without the ORM (rowView); every field of the slot and its referral must match
    // what the entities read afterwards give, relations and timestamps included.
    const SLOT_FIELDS = `id resourceCode kind pool status start end claimedAt releaseAt department { id }
      practitioner { id } claimedBy { id name } referral { id code direction urgency status diagnosisCode reason
        clinicalSummary statusNote guidanceWarning createdAt dueBy answeredAt statusChangedAt patient { id }
        fromInstitution { id } fromPractitioner { id } toInstitution { id } toDepartment { id }
        assignedSpecialist { id } parentReferral { id } slot { id status } }`;
    const [referral] = await createReferrals(1);
    const [slot] = await openCardiologySlots(1);
    const won = await server.gql<{ claimSlot: Record<string, unknown> }>(
      `mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) { ${SLOT_FIELDS} } }`,
      { s: slot, r: referral },
      tokens['cardio.oncall1'],
    );
    expect(won.errors).toBeUndefined();
    const read = await server.gql<{ node: Record<string, unknown> }>(
      `query($s: ID!) { node(id: $s) { ... on Slot { ${SLOT_FIELDS} } } }`,
      { s: slot },
      tokens['cardio.oncall1'],
    );
    expect(read.errors).toBeUndefined();
    expect(won.data!.claimSlot).toMatchObject({ status: 'BOOKED', referral: { status: 'SCHEDULED' } });
    expect(won.data!.claimSlot).toEqual(read.data!.node);
  });

  it('refuses a claim on a taken slot without making an entity manager or loaders for it', async () => {
    // The commonest request under contention: the request context makes its fork only when a field
    // needs it, also through Apollo's per-operation copy of the context.
    const [referral, other] = await createReferrals(2);
    const [slot] = await openCardiologySlots(1);
    expect(codes(await server.gql(CLAIM, { s: slot, r: referral }, tokens['cardio.oncall2']))).toEqual([]);
    const fork = vi.spyOn(server.orm.em, 'fork');
    try {
      const lost = await server.gql(CLAIM, { s: slot, r: other }, tokens['cardio.oncall1']);
      expect(codes(lost)).toEqual(['CONFLICT']);
      expect(fork).not.toHaveBeenCalled();
    } finally {
      fork.mockRestore();
    }
  });

  it('gives a signed-in specialist their practitioner and the duty shift they are on now', async () => {
    const VIEWER =
      '{ viewer { practitioner { name onDutyNow currentShift { start end department { code } } } } }';
    const specialist = await server.gql<{
      viewer: {
        practitioner: {
          name: string;
          onDutyNow: boolean;
          currentShift: { start: string; end: string; department: { code: string } };
        };
      };
    }>(VIEWER, {}, tokens['cardio.oncall1']);
    expect(specialist.errors).toBeUndefined();
    const { practitioner } = specialist.data!.viewer;
    expect(practitioner).toMatchObject({
      name: '林志航',
      onDutyNow: true,
      currentShift: { department: { code: '03.04' } },
    });
    // The demo on-call specialists work midnight to midnight (Asia/Shanghai), so now lies inside the shift.
    const { start, end } = practitioner.currentShift;
    expect(Date.parse(start)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(end)).toBeGreaterThan(Date.now());
    expect(Date.parse(end) - Date.parse(start)).toBe(24 * 3600_000);
    const coordinator = await server.gql<{ viewer: { practitioner: null } }>(VIEWER, {}, tokens.coordinator);
    expect(coordinator.data!.viewer.practitioner).toBeNull();
  });

  it('releases a slot back to OPEN and the referral to its previous state; only the right people may claim', async () => {
    const [referral] = await createReferrals(1);
    const [slot] = await openCardiologySlots(1);
    expect(codes(await server.gql(CLAIM, { s: slot, r: referral }, tokens['gp.chc1']))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await server.gql(CLAIM, { s: 'nope', r: referral }, tokens['cardio.oncall1']))).toEqual([
      'BAD_USER_INPUT',
    ]);
    await server.gql(
      'mutation($id: ID!) { acceptReferral(id: $id) { status } }',
      { id: referral },
      tokens['cardio.oncall1'],
    );
    const claimed = await server.gql<{ claimSlot: { status: string; claimedBy: { name: string } } }>(
      CLAIM,
      { s: slot, r: referral },
      tokens['cardio.oncall2'],
    );
    expect(claimed.data!.claimSlot.status).toBe('BOOKED');
    const again = await server.gql(CLAIM, { s: slot, r: referral }, tokens['cardio.oncall3']);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain(claimed.data!.claimSlot.claimedBy.name);
    // The claim's one statement also wrote its audit entry, in the claim's own transaction; the denied
    // and the losing claims wrote nothing but their refusals.
    const slotUuid = Buffer.from(slot!, 'base64url').toString().split(':')[1];
    const { rows } = await db.query(
      `SELECT a.outcome, a.error_code, a.username, a.tx_id = e.tx_id AS with_the_claim
         FROM audit_log a LEFT JOIN event_log e ON e.aggregate_id = a.target_id AND e.type = 'slot.CLAIMED'
        WHERE a.action = 'Mutation.claimSlot' AND a.target_id = $1 AND $2 = ANY (a.referral_ids) ORDER BY a.id`,
      [slotUuid, Buffer.from(referral!, 'base64url').toString().split(':')[1]],
    );
    expect(rows).toEqual([
      { outcome: 'DENIED', error_code: 'FORBIDDEN', username: 'gp.chc1', with_the_claim: false },
      { outcome: 'OK', error_code: null, username: 'cardio.oncall2', with_the_claim: true },
      { outcome: 'REFUSED', error_code: 'CONFLICT', username: 'cardio.oncall3', with_the_claim: false },
    ]);
    const released = await server.gql<{ releaseSlot: { status: string; referral: null } }>(
      'mutation($s: ID!) { releaseSlot(slotId: $s) { status referral { id } } }',
      { s: slot },
      tokens['cardio.oncall1'],
    );
    expect(released.data!.releaseSlot).toEqual({ status: 'OPEN', referral: null });
    const back = await server.gql<{ referral: { status: string; slot: null } }>(
      'query($id: ID!) { referral(id: $id) { status slot { id } } }',
      { id: referral },
      tokens.coordinator,
    );
    expect(back.data!.referral).toEqual({ status: 'ACCEPTED', slot: null });
  });
});
