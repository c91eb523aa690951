import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let coordinator: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.login('coordinator');
});
afterAll(() => server?.stop());

const REFERRAL_FIELDS = `id code direction urgency status createdAt dueBy diagnosisCode reason
  patient { id displayName sex age }
  fromInstitution { id name } toInstitution { id name } toDepartment { id code name }
  slot { id start end status pool kind claimedAt claimedBy { id name } practitioner { id name } department { id } referral { id } }
  bed { id code kind status version holdExpiresAt department { id } heldFor { id } }
  assignedSpecialist { id name title onDutyNow department { id } institution { id } }`;

interface Edge<T> {
  cursor: string;
  node: T;
}
interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Edge<T>[];
}

describe('the read API, as a coordinator sees it', () => {
  it('answers every query of the contract over the whole graph', async () => {
    const result = await server.gql<{
      viewer: { username: string; role: string; institution: null };
      alliances: {
        id: string;
        code: string;
        kind: string;
        integration: string;
        core: { id: string; role: string; tier: string };
        members: Page<{
          id: string;
          departments: { id: string; beds: { id: string }[]; onDuty: { id: string }[] }[];
        }>;
        bedAvailability: {
          total: number;
          available: number;
          held: number;
          occupied: number;
          updatedAt: string;
        }[];
      }[];
      referrals: Page<{ id: string; status: string }>;
      reservedSlots: Page<{ id: string; pool: string; status: string }>;
    }>(
      `{
        viewer { id username displayName role institution { id } department { id } }
        alliances {
          id code name kind integration
          core { id name role tier kind code referralOfficePhone alliance { id } }
          members(first: 100) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { cursor node { id code name kind tier role referralOfficePhone alliance { id }
              bedAvailability { kind total available held occupied updatedAt institution { id } department { id } }
              departments { id code name institution { id } bedAvailability { kind total }
                beds { id code kind status version department { id } heldFor { id } holdExpiresAt }
                onDuty { id name title onDutyNow department { id } institution { id } } } } }
          }
          bedAvailability { kind total available held occupied updatedAt institution { name } department { name } }
        }
        referrals(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${REFERRAL_FIELDS} } } }
        reservedSlots(first: 50) { totalCount edges { node { id kind pool status start end department { id name }
          practitioner { id name } referral { id } claimedBy { id } claimedAt } } }
      }`,
      {},
      coordinator,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.viewer).toMatchObject({ username: 'coordinator', role: 'COORDINATOR', institution: null });
    const [alliance] = data.alliances;
    expect(alliance).toMatchObject({ kind: 'URBAN_MEDICAL_GROUP', integration: 'TIGHT' });
    expect(alliance!.core).toMatchObject({ role: 'CORE', tier: 'TERTIARY' });
    expect(alliance!.members.totalCount).toBeGreaterThanOrEqual(10);
    const beds = alliance!.bedAvailability.reduce((sum, row) => sum + row.total, 0);
    expect(beds).toBeGreaterThanOrEqual(300);
    // Every row adds up (available + held + occupied never exceed the total).
    for (const row of alliance!.bedAvailability)
      expect(row.available + row.held + row.occupied).toBeLessThanOrEqual(row.total);
    const bedsListed = alliance!.members.edges.flatMap((e) =>
      e.node.departments.flatMap((d) => d.beds),
    ).length;
    expect(bedsListed).toBe(beds);
    // Seeded referrals in every state, all visible to the coordination office.
    const statuses = new Set(data.referrals.edges.map((e) => e.node.status));
    expect([...statuses].sort()).toEqual([
      'ACCEPTED',
      'ARRIVED',
      'CANCELLED',
      'COMPLETED',
      'EXPIRED',
      'REJECTED',
      'SCHEDULED',
      'SUBMITTED',
    ]);
    expect(data.reservedSlots.totalCount).toBeGreaterThanOrEqual(20);
  });

  it('keeps at least 20 open reserved cardiology slots of the core hospital in the future', async () => {
    const core = await server.gql<{ alliances: { core: { departments: { id: string; code: string }[] } }[] }>(
      '{ alliances { core { departments { id code } } } }',
      {},
      coordinator,
    );
    const cardiology = core.data!.alliances[0]!.core.departments.find((d) => d.code === '03.04')!;
    const slots = await server.gql<{ reservedSlots: Page<{ pool: string; status: string; start: string }> }>(
      'query($d: ID!) { reservedSlots(departmentId: $d, status: OPEN, first: 100) { totalCount edges { node { pool status start } } } }',
      { d: cardiology.id },
      coordinator,
    );
    expect(slots.data!.reservedSlots.totalCount).toBeGreaterThanOrEqual(20);
    for (const { node } of slots.data!.reservedSlots.edges) {
      expect(node).toMatchObject({ pool: 'ALLIANCE_RESERVED', status: 'OPEN' });
      expect(new Date(node.start).getTime()).toBeGreaterThan(Date.now());
    }
  });

  it('fetches every node type through node(id) and the typed queries', async () => {
    const first = await server.gql<{
      alliances: {
        id: string;
        core: { id: string; departments: { id: string; beds: { id: string }[]; onDuty: { id: string }[] }[] };
      }[];
      referrals: { edges: { node: { id: string; patient: { id: string }; slot: { id: string } | null } }[] };
    }>(
      `{ alliances { id core { id departments { id beds { id } onDuty { id } } } }
         referrals(first: 100) { edges { node { id patient { id } slot { id } } } } }`,
      {},
      coordinator,
    );
    const alliance = first.data!.alliances[0]!;
    const department = alliance.core.departments.find((d) => d.onDuty.length > 0)!;
    const scheduled = first.data!.referrals.edges.find((e) => e.node.slot)!.node;
    const ids: Record<string, string> = {
      Alliance: alliance.id,
      Institution: alliance.core.id,
      Department: department.id,
      Bed: department.beds[0]!.id,
      Practitioner: department.onDuty[0]!.id,
      Slot: scheduled.slot!.id,
      Referral: scheduled.id,
    };
    for (const [type, id] of Object.entries(ids)) {
      const result = await server.gql<{ node: { __typename: string; id: string } }>(
        'query($id: ID!) { node(id: $id) { __typename id } }',
        { id },
        coordinator,
      );
      expect(result.data!.node).toEqual({ __typename: type, id });
    }
    const typed = await server.gql<{
      alliance: { id: string };
      institution: { id: string };
      referral: { id: string };
    }>(
      'query($a: ID!, $i: ID!, $r: ID!) { alliance(id: $a) { id } institution(id: $i) { id } referral(id: $r) { id } }',
      { a: alliance.id, i: alliance.core.id, r: scheduled.id },
      coordinator,
    );
    expect(typed.data).toEqual({
      alliance: { id: alliance.id },
      institution: { id: alliance.core.id },
      referral: { id: scheduled.id },
    });
  });
});

describe('pagination', () => {
  it('walks every referral exactly once in queue order, green channel first', async () => {
    const seen: { id: string; urgency: string; dueBy: string }[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page++) {
      const result: { data?: { referrals: Page<{ id: string; urgency: string; dueBy: string }> } | null } =
        await server.gql(
          'query($after: String) { referrals(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id urgency dueBy } } } }',
          { after },
          coordinator,
        );
      const connection = result.data!.referrals;
      total = connection.totalCount;
      seen.push(...connection.edges.map((e) => e.node));
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((r) => r.id)).size).toBe(total);
    const rank = { EMERGENCY: 0, URGENT: 1, ROUTINE: 2 } as Record<string, number>;
    const order = seen.map((r) => [rank[r.urgency]!, Date.parse(r.dueBy)] as const);
    for (let i = 1; i < order.length; i++) {
      const [p0, d0] = order[i - 1]!;
      const [p1, d1] = order[i]!;
      expect(p0 < p1 || (p0 === p1 && d0 <= d1)).toBe(true);
    }
  });

  it('handles the edges: an empty page, the last page, and filters with totalCount', async () => {
    const empty = await server.gql<{ referrals: Page<unknown> }>(
      '{ referrals(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } } }',
      {},
      coordinator,
    );
    expect(empty.data!.referrals.edges).toEqual([]);
    expect(empty.data!.referrals.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
    const all = await server.gql<{ referrals: Page<unknown> }>(
      '{ referrals(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } } }',
      {},
      coordinator,
    );
    expect(all.data!.referrals.pageInfo.hasNextPage).toBe(false);
    const beyond = await server.gql<{ referrals: Page<unknown> }>(
      'query($a: String) { referrals(first: 5, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } } }',
      { a: all.data!.referrals.pageInfo.endCursor },
      coordinator,
    );
    expect(beyond.data!.referrals.edges).toEqual([]);
    expect(beyond.data!.referrals.pageInfo.hasNextPage).toBe(false);
    const submitted = await server.gql<{ referrals: Page<{ node: { status: string; direction: string } }> }>(
      '{ referrals(filter: { status: [SUBMITTED], direction: UPWARD }) { totalCount edges { node { status direction } } } }',
      {},
      coordinator,
    );
    expect(submitted.data!.referrals.totalCount).toBe(submitted.data!.referrals.edges.length);
    for (const e of submitted.data!.referrals.edges as unknown as Edge<{
      status: string;
      direction: string;
    }>[]) {
      expect(e.node).toEqual({ status: 'SUBMITTED', direction: 'UPWARD' });
    }
  });

  it('pages through the members by cursor, the core hospital first', async () => {
    const names: string[] = [];
    const roles: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { data?: { alliances: { members: Page<{ code: string; role: string }> }[] } | null } =
        await server.gql(
          'query($after: String) { alliances { members(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code role } } } } }',
          { after },
          coordinator,
        );
      const members = result.data!.alliances[0]!.members;
      names.push(...members.edges.map((e) => e.node.code));
      roles.push(...members.edges.map((e) => e.node.role));
      if (!members.pageInfo.hasNextPage) {
        expect(names).toHaveLength(members.totalCount);
        break;
      }
      after = members.pageInfo.endCursor;
    }
    expect(roles[0]).toBe('CORE');
    expect(roles.filter((r) => r === 'CORE')).toHaveLength(1);
    expect([...names.slice(1)].sort()).toEqual(names.slice(1));
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses page sizes over 100, negative ones and forged cursors with BAD_USER_INPUT', async () => {
    for (const [first, after] of [
      [101, null],
      [1_000_000, null],
      [-1, null],
      [5, 'not-a-cursor'],
      [5, Buffer.from('["x"]').toString('base64url')],
    ] as const) {
      const result = await server.gql(
        'query($f: Int, $a: String) { referrals(first: $f, after: $a) { totalCount } }',
        { f: first, a: after },
        coordinator,
      );
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.field).toBe(first === 5 ? 'after' : 'first');
    }
  });
});

describe('bad IDs are the caller’s error, never a 500', () => {
  it('answers BAD_USER_INPUT for malformed or mistyped IDs and NOT_FOUND for unknown ones', async () => {
    const core = await server.gql<{ alliances: { id: string; core: { id: string } }[] }>(
      '{ alliances { id core { id } } }',
      {},
      coordinator,
    );
    const institutionId = core.data!.alliances[0]!.core.id;
    const unknownReferral = Buffer.from('Referral:00000000-0000-4000-8000-000000000000').toString(
      'base64url',
    );
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { referral(id: $id) { id } }', { id: 'garbage' }, 'BAD_USER_INPUT'],
      ['query($id: ID!) { referral(id: $id) { id } }', { id: institutionId }, 'BAD_USER_INPUT'],
      ['query($id: ID!) { referral(id: $id) { id } }', { id: unknownReferral }, 'NOT_FOUND'],
      ['query($id: ID!) { institution(id: $id) { id } }', { id: 'x'.repeat(5000) }, 'BAD_USER_INPUT'],
      [
        'query($id: ID!) { institution(id: $id) { id } }',
        { id: Buffer.from('Institution:00000000-0000-4000-8000-000000000000').toString('base64url') },
        'NOT_FOUND',
      ],
      [
        'query($id: ID!) { alliance(id: $id) { id } }',
        { id: Buffer.from('Alliance:not-a-uuid').toString('base64url') },
        'BAD_USER_INPUT',
      ],
      ['query($d: ID) { reservedSlots(departmentId: $d) { totalCount } }', { d: 'nope' }, 'BAD_USER_INPUT'],
      [
        'query($i: ID) { referrals(filter: { toInstitutionId: $i }) { totalCount } }',
        { i: 'nope' },
        'BAD_USER_INPUT',
      ],
    ];
    for (const [query, variables, code] of cases) {
      const result = await server.gql(query, variables, coordinator);
      expect(result.status).toBeLessThan(500);
      expect(codes(result), query).toEqual([code]);
    }
    const node = await server.gql<{ node: null }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: 'garbage' },
      coordinator,
    );
    expect(node.data).toEqual({ node: null });
    expect((await server.gql('{ __typename }', {}, coordinator)).status).toBe(200);
  });
});
