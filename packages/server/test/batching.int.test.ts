import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let statements: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ onQuery: (sql) => statements.push(sql) });
  // Grow the alliance to over 100 members, each with departments and beds.
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>('SELECT id FROM alliance');
  for (let n = 0; n < 95; n++) {
    const institution = randomUUID();
    await client.query(
      `INSERT INTO institution (id, alliance_id, code, name, kind, tier, role) VALUES ($1, $2, $3, $4, 'VILLAGE_CLINIC', 'PRIMARY', 'PARTNER')`,
      [institution, rows[0]!.id, `ZZ-VC-${String(n).padStart(3, '0')}`, `测试村卫生室${n}`],
    );
    for (const code of ['02', '50']) {
      const department = randomUUID();
      const ward = randomUUID();
      await client.query('INSERT INTO department (id, institution_id, code, name) VALUES ($1, $2, $3, $4)', [
        department,
        institution,
        code,
        code,
      ]);
      await client.query('INSERT INTO ward (id, department_id, code, name) VALUES ($1, $2, $3, $4)', [
        ward,
        department,
        'W1',
        'W1',
      ]);
      await client.query(
        `INSERT INTO bed (id, institution_id, department_id, ward_id, code, kind, status)
         SELECT gen_random_uuid(), $1, $2, $3, 'B' || g, 'GENERAL', CASE WHEN g % 2 = 0 THEN 'OCCUPIED' ELSE 'AVAILABLE' END
         FROM generate_series(1, 3) g`,
        [institution, department, ward],
      );
    }
  }
  await client.end();
});
afterAll(() => server?.stop());

const MEMBERS = `query($first: Int) { alliances { members(first: $first) { totalCount edges { node {
  id name alliance { id }
  departments { id code institution { id } bedAvailability { kind total available department { id } institution { id } } onDuty { id onDutyNow } }
  bedAvailability { kind total available held occupied institution { id } department { id name } } } } } } }`;

describe('batching', () => {
  it('lists 100 members with their departments and availability in a constant number of SQL statements', async () => {
    const token = await server.login('coordinator');
    const count = async (first: number) => {
      statements = [];
      const result = await server.gql<{ alliances: { members: { edges: unknown[] } }[] }>(
        MEMBERS,
        { first },
        token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.alliances[0]!.members.edges).toHaveLength(first);
      return statements.filter((s) => /\b(select|insert|update|delete)\b/i.test(s)).length;
    };
    const ten = await count(10);
    const hundred = await count(100);
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(15);
  });
});
