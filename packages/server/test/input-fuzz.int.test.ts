import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_RULES } from '../src/domain/authorization.js';
import { Role } from '../src/domain/enums.js';
import { NODE_TYPES, type NodeTypeName } from '../src/graphql/global-id.js';
import { buildYilianSchema } from '../src/graphql/schema.js';
import { startTestServer, type TestServer } from './harness.js';
import { edgeArguments, hostileArguments, stringsIn, type IdPool } from './hostile-inputs.js';
import { addUser, gid, placeOf, scopeOf } from './scenario.js';
import { operationDocument, rootOperations, type RootOperation } from './schema-operations.js';

/**
 * Property-based fuzzing (fast-check) of every query and mutation of the schema, with schema-valid but
 * hostile arguments derived from the schema's types (test/hostile-inputs.ts), as callers allowed and not
 * allowed to make the call. For every call: never HTTP 500 or INTERNAL_SERVER_ERROR, never a stack trace
 * or SQL in the answer, and a refused mutation leaves every table as it was.
 *
 * Seeded and bounded for CI; run more locally with YILIAN_FUZZ_RUNS (calls per operation) and another
 * YILIAN_FUZZ_SEED, e.g. `YILIAN_FUZZ_RUNS=500 npx vitest run test/input-fuzz.int.test.ts`.
 */

const RUNS = Number(process.env.YILIAN_FUZZ_RUNS ?? 20);
const SEED = Number(process.env.YILIAN_FUZZ_SEED ?? 20261124);

let server: TestServer;
let db: pg.Client;
let pool: IdPool;
let fingerprintSql = '';
const tokens: Record<string, string> = {};
const roles: Record<string, Role> = {};
const ACCOUNTS = ['coordinator', 'admin', 'cardio.oncall1', 'gp.chc1', 'his.chc1'];

/**
 * Every table's row count and newest row version (xmin): it changes with any committed write and with
 * nothing else (a rolled-back write leaves the old row versions visible). The audit log is left out: a
 * refused call may well be audited.
 */
async function fingerprint(): Promise<string> {
  const { rows } = await db.query(fingerprintSql);
  return JSON.stringify(rows);
}

/** Signs of an internal leak: a stack frame, a file of ours or a dependency's, PostgreSQL's own words. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat (?:async )?[\w.<>$]+ \(|\bat (?:file:|\/)[^\s]*:\d+:\d+/],
  ['a source path', /node_modules|\/src\/[\w/.-]+\.(?:ts|js)|\.ts:\d+/],
  ['SQL', /\b(?:select|insert into|update|delete from)\b[^"]{0,80}\b(?:from|values|set|where)\b/i],
  [
    'a PostgreSQL error',
    /syntax error at or near|violates (?:foreign key|unique|check|not-null) constraint|duplicate key value|invalid input syntax|relation "\w+"|column "\w+"|DriverException|QueryFailedError/i,
  ],
];

beforeAll(async () => {
  // No sweep may write while a refused call is being checked for changing nothing.
  server = await startTestServer({ env: { YILIAN_SWEEP_INTERVAL_SECONDS: '3600' } });
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  await addUser(db, 'his.chc1', Role.PARTNER_APP, await placeOf(db, { username: 'gp.chc1', code: '02' }));
  for (const account of ACCOUNTS) {
    tokens[account] = await server.login(account);
    roles[account] = (await scopeOf(db, account)).role;
  }
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_log' ORDER BY 1`,
  );
  fingerprintSql = tables.rows
    .map(
      (t) =>
        `SELECT '${t.table_name}' AS t, count(*) AS n, max(xmin::text::bigint) AS v FROM ${t.table_name}`,
    )
    .join(' UNION ALL ');
  // Real objects of every type, in the states the mutations act on (and some they refuse).
  const sample = async (type: NodeTypeName, table: string, where: string) =>
    (await db.query(`SELECT id FROM ${table} WHERE ${where} ORDER BY random() LIMIT 8`)).rows.map((r) =>
      gid(type, r.id),
    );
  const ids: Partial<Record<NodeTypeName, string[]>> = {
    Alliance: await sample('Alliance', 'alliance', 'true'),
    Institution: await sample('Institution', 'institution', 'true'),
    Department: await sample('Department', 'department', `code IN ('03.04', '03.01', '02', '07')`),
    Practitioner: await sample('Practitioner', 'practitioner', 'true'),
    Bed: await sample('Bed', 'bed', `status IN ('AVAILABLE', 'HELD', 'OCCUPIED', 'CLEANING')`),
    Slot: await sample('Slot', 'slot', `pool = 'ALLIANCE_RESERVED' AND starts_at > now()`),
    Patient: await sample('Patient', 'patient', 'true'),
    Referral: await sample(
      'Referral',
      'referral',
      `status IN ('SUBMITTED', 'ACCEPTED', 'SCHEDULED', 'ARRIVED')`,
    ),
  };
  expect(Object.values(ids).every((list) => list.length > 0)).toBe(true);
  expect(Object.keys(ids).sort()).toEqual([...NODE_TYPES].sort());
  pool = { ids };
  // The start-up sweep may still be writing: begin from a quiet database.
  let previous = '';
  for (let current = await fingerprint(); current !== previous; current = await fingerprint()) {
    previous = current;
    await new Promise((r) => setTimeout(r, 300));
  }
});

afterAll(async () => {
  await db?.end();
  await server?.stop();
});

/** Callers for an operation: mostly ones the policy lets in (so the checks further in are reached). */
function callers(operation: RootOperation): fc.Arbitrary<string | null> {
  const access = OPERATION_RULES[operation.name]?.access;
  const allowed = ACCOUNTS.filter((a) => access === 'PUBLIC' || (access && access[roles[a]!]));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<string | null>(...(allowed.length > 0 ? allowed : ACCOUNTS)) },
    { weight: 1, arbitrary: fc.constantFrom<string | null>(null, ...ACCOUNTS) },
  );
}

function firstAllowed(operation: RootOperation): string | null {
  const access = OPERATION_RULES[operation.name]?.access;
  return access === 'PUBLIC' ? null : (ACCOUNTS.find((a) => access?.[roles[a]!]) ?? ACCOUNTS[0]!);
}

interface Call {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } | null;
}

async function call(
  operation: RootOperation,
  account: string | null,
  variables: Record<string, unknown>,
): Promise<Call> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(account ? { authorization: `Bearer ${tokens[account]}` } : {}),
    },
    body: JSON.stringify({ query: operationDocument(operation), variables }),
  });
  const text = await response.text();
  let body: Call['body'] = null;
  try {
    body = JSON.parse(text) as Call['body'];
  } catch {
    body = null;
  }
  return { status: response.status, text, body };
}

/** What is wrong with one answer, or null. */
function problemWith(answer: Call, variables: Record<string, unknown>): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (!answer.body) return `not a JSON answer (HTTP ${answer.status})`;
  const internal = answer.body.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  if (internal) return 'INTERNAL_SERVER_ERROR';
  // The answer may quote the caller's own input back (an invalid code, say): that is not a leak.
  let text = answer.text;
  for (const s of stringsIn(variables)
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length))
    text = text.split(JSON.stringify(s).slice(1, -1)).join('');
  for (const [what, pattern] of LEAKS) if (pattern.test(text)) return `${what} in the answer`;
  return null;
}

function fuzz(kind: 'query' | 'mutation', runs: number) {
  return async () => {
    const schema = await buildYilianSchema();
    const problems: string[] = [];
    let refused = 0;
    for (const operation of rootOperations(schema).filter((o) => o.kind === kind)) {
      await fc
        .assert(
          fc.asyncProperty(
            callers(operation),
            hostileArguments(operation, pool),
            async (account, variables) => {
              const before = kind === 'mutation' ? await fingerprint() : '';
              const answer = await call(operation, account, variables);
              const problem = problemWith(answer, variables);
              if (problem) {
                problems.push(
                  `${operation.name} as ${account ?? 'anonymous'}: ${problem}: ${answer.text.slice(0, 400)}`,
                );
                return false;
              }
              const answered = answer.body?.data?.[operation.field.name];
              if (kind === 'mutation' && (answered === null || answered === undefined)) {
                refused += 1;
                const after = await fingerprint();
                if (after !== before) {
                  problems.push(
                    `${operation.name} as ${account ?? 'anonymous'} was refused but changed the database: ${answer.text.slice(0, 300)}`,
                  );
                  return false;
                }
              }
              return true;
            },
          ),
          {
            numRuns: runs,
            seed: SEED,
            endOnFailure: true,
            // Always, besides the random runs: each edge text everywhere, as the first caller let in.
            examples: edgeArguments(operation, pool).map((args): [string | null, Record<string, unknown>] => [
              firstAllowed(operation),
              args,
            ]),
          },
        )
        .catch((error: unknown) => {
          // fast-check's report (seed, path, counterexample) under the first problem found.
          problems.push(String(error).slice(0, 1500));
        });
    }
    expect(problems).toEqual([]);
    if (kind === 'mutation') expect(refused).toBeGreaterThan(runs);
  };
}

describe('hostile input to every operation', () => {
  it(
    'never breaks a mutation, leaks nothing, and a refused one changes nothing',
    fuzz('mutation', RUNS),
    300_000,
  );
  it('never breaks a query or leaks anything', fuzz('query', Math.max(4, Math.round(RUNS / 2))), 300_000);
});

describe('requests that are not GraphQL at all', () => {
  it('answers a body that is not JSON, or too large, with a code and no stack trace', async () => {
    const bodies: [string, string][] = [
      ['{"query": ', 'BAD_REQUEST'],
      ['"just a string"', 'BAD_REQUEST'],
      ['[1, 2', 'BAD_REQUEST'],
      [JSON.stringify({ query: `{ viewer { id } }`, pad: 'x'.repeat(1_100_000) }), 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, code] of bodies) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      expect(response.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
      for (const [, pattern] of LEAKS) expect(text).not.toMatch(pattern);
    }
  });
});
