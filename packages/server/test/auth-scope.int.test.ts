import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../src/domain/identifiers/resident-id.js';
import { DEMO_RESIDENTS } from '../src/db/seeders/demo-alliance.data.js';
import { codes, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
const tokens: Record<string, string> = {};
// The clock is movable so token expiry can be tested without waiting.
let now = Date.now();

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now) });
  for (const user of ['coordinator', 'admin', 'cardio.oncall1', 'gp.chc1', 'gp.chc2'])
    tokens[user] = await server.login(user);
});
afterAll(() => server?.stop());

interface ReferralNode {
  id: string;
  fromInstitution: { id: string; name: string };
  toInstitution: { id: string; name: string };
  toDepartment: { code: string } | null;
  patient: { displayName: string };
  clinicalSummary: string | null;
}
const LIST = `{ viewer { institution { id } department { id } }
  referrals(first: 100) { totalCount edges { node { id fromInstitution { id name } toInstitution { id name }
  toDepartment { code } patient { displayName } clinicalSummary } } } }`;

async function list(user: string) {
  const result = await server.gql<{
    viewer: { institution: { id: string } | null; department: { id: string } | null };
    referrals: { totalCount: number; edges: { node: ReferralNode }[] };
  }>(LIST, {}, tokens[user]);
  expect(result.errors).toBeUndefined();
  return { viewer: result.data!.viewer, referrals: result.data!.referrals.edges.map((e) => e.node) };
}

describe('login and tokens', () => {
  it('issues a token for the right password and refuses a wrong one', async () => {
    const wrong = await server.gql('mutation { login(username: "coordinator", password: "nope") { token } }');
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    const unknown = await server.gql(
      'mutation { login(username: "nobody", password: "yilian-demo") { token } }',
    );
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
    const empty = await server.gql('mutation { login(username: "", password: "x") { token } }');
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('requires a token for everything but login', async () => {
    for (const query of [
      '{ viewer { id } }',
      '{ alliances { id } }',
      '{ referrals { totalCount } }',
      '{ reservedSlots { totalCount } }',
    ]) {
      expect(codes(await server.gql(query))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses forged, malformed and expired tokens with UNAUTHENTICATED and HTTP 401', async () => {
    const [header, payload] = tokens.coordinator!.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (const token of ['garbage', forged, `${tokens.coordinator}x`]) {
      const result = await server.gql('{ viewer { id } }', {}, token);
      expect(result.status).toBe(401);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    }
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(response.status).toBe(401);
    now += 9 * 3600 * 1000; // past the 8-hour default lifetime
    try {
      const expired = await server.gql<unknown>('{ viewer { id } }', {}, tokens.coordinator);
      expect(codes(expired)).toEqual(['UNAUTHENTICATED']);
      expect(expired.errors![0]!.message).toMatch(/expired/);
    } finally {
      now -= 9 * 3600 * 1000;
    }
  });
});

describe('scope: who reads which referral', () => {
  it('shows a community doctor only referrals sent from or to their own centre', async () => {
    const { viewer, referrals } = await list('gp.chc1');
    expect(referrals.length).toBeGreaterThan(0);
    for (const r of referrals)
      expect([r.fromInstitution.id, r.toInstitution.id]).toContain(viewer.institution!.id);
  });

  it('does not let one community centre read another centre’s referral, by any path', async () => {
    const mine = await list('gp.chc1');
    const theirs = await list('gp.chc2');
    const other = theirs.referrals.find((r) => !mine.referrals.some((m) => m.id === r.id))!;
    expect(other).toBeDefined();
    const direct = await server.gql(
      'query($id: ID!) { referral(id: $id) { id } }',
      { id: other.id },
      tokens['gp.chc1'],
    );
    expect(codes(direct)).toEqual(['NOT_FOUND']);
    const node = await server.gql<{ node: unknown }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: other.id },
      tokens['gp.chc1'],
    );
    expect(node.data).toEqual({ node: null });
    const filtered = await server.gql<{ referrals: { totalCount: number } }>(
      'query($i: ID) { referrals(filter: { fromInstitutionId: $i }) { totalCount } }',
      { i: theirs.viewer.institution!.id },
      tokens['gp.chc1'],
    );
    expect(filtered.data!.referrals.totalCount).toBe(
      mine.referrals.filter((r) => r.fromInstitution.id === theirs.viewer.institution!.id).length,
    );
  });

  it('shows a specialist the referrals to their department, and those they sent themselves', async () => {
    const { viewer, referrals } = await list('cardio.oncall1');
    expect(referrals.filter((r) => r.toDepartment?.code === '03.04').length).toBeGreaterThan(0);
    for (const r of referrals) {
      expect(r.toDepartment?.code === '03.04' || r.fromInstitution.id === viewer.institution!.id).toBe(true);
    }
  });

  it('shows an administrator no referrals at all', async () => {
    const { referrals } = await list('admin');
    expect(referrals).toEqual([]);
  });
});

describe('minimum necessary: masking and the resident ID', () => {
  it('masks patient names for the coordination office and shows them to the sender and the receiver', async () => {
    const coordinatorView = await list('coordinator');
    const gpView = await list('gp.chc1');
    const specialistView = await list('cardio.oncall1');
    for (const r of coordinatorView.referrals) {
      expect(r.patient.displayName).toContain('*');
      expect(r.clinicalSummary).toBeNull();
    }
    for (const r of gpView.referrals) {
      expect(r.patient.displayName).not.toContain('*');
      expect(r.clinicalSummary).not.toBeNull();
    }
    for (const r of specialistView.referrals) expect(r.patient.displayName).not.toContain('*');
    const names = new Set(DEMO_RESIDENTS.map((r) => r.name));
    for (const r of gpView.referrals) expect(names.has(r.patient.displayName)).toBe(true);
  });

  it('never returns a resident ID, whole or in part, to anyone', async () => {
    const ids = DEMO_RESIDENTS.map((r) => makeResidentId(r.regionCode, r.birthDate, r.sequence));
    for (const user of Object.keys(tokens)) {
      const result = await server.gql(
        '{ referrals(first: 100) { edges { node { patient { id displayName sex age } clinicalSummary reason } } } }',
        {},
        tokens[user],
      );
      const body = JSON.stringify(result);
      for (const id of ids) {
        expect(body).not.toContain(id);
        expect(body).not.toContain(id.slice(6, 14) + id.slice(14, 17));
      }
    }
    const patientFields = await server.gql<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "Patient") { fields { name } } }',
      {},
      tokens.coordinator,
    );
    expect(patientFields.data!.__type.fields.map((f) => f.name).sort()).toEqual([
      'age',
      'displayName',
      'id',
      'sex',
    ]);
  });
});
