// Reserved-slot claims under contention (issue 4, "Done when"): the real GraphQL claimSlot side by side,
// in the same run, with the floor of any HTTP API (bench/claims-baseline.mjs: one conditional
// UPDATE ... RETURNING over pg), same client, same load, same database. See docs/capacity-benchmark.md.
//
// Usage (after `pnpm --filter @yilian/server build`):
//   node packages/e2e/bench/claims.mjs [--rounds=20] [--warmup=2] [--concurrency=10,20,50] [--claims=200]
//                                      [--selection=full|id] [--seed=4] [--json=out.json] [--cpu-prof=dir]
//                                      [--client=http|fetch] [--max-minutes=20]
//
// One run: starts an embedded PostgreSQL (the server's own startEmbeddedPostgres, in a fresh temp
// folder, with track_commit_timestamp on), starts the built server on it as `pnpm start` does (its own
// entry point; DATABASE_URL, YILIAN_SECRET, YILIAN_DEMO=1, so it migrates and seeds the demo alliance),
// starts the baseline, creates 60 referrals to the core hospital's cardiology through the API (gp.chc1)
// and picks 20 open reserved cardiology slots. Then for each concurrency level, `warmup + rounds` rounds;
// each round resets the 20 slots and 60 referrals by SQL and runs the same 200 claims (seeded random
// slot x referral pairs, by cardio.oncall1..3 in turn) against side A, resets again and runs them against
// side B (the order alternates, A B / B A, so drift hits both sides alike). After every round the
// database is checked: no double booking, every acknowledged claim stored, and no claim refused while
// its slot was still free (a refusal is justified only by a booking of that slot, or of that referral,
// committed before the refusal reached the client: commit timestamps against the response time).
// The client is node:http with a keep-alive agent (--client=http, the default): it shares the machine's
// two cores with both servers, and fetch (--client=fetch, what this bench used first) spends about twice
// its CPU per claim, which slows the lighter side more and so narrows the gap being measured
// (docs/capacity-benchmark.md has both).
// Loopback only; every loop is bounded; a watchdog ends the run after --max-minutes (default 20).
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { createCleanup, startChild } from './processes.mjs';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------- options
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const ROUNDS = Number(args.rounds ?? 20);
// Warm-up rounds per side and level, checked but not counted. Ten: V8 optimises a server's request path
// only after a few thousand requests, and with two the first level measured mostly cold code (A/B at
// 10 in flight read 0.46-0.52 cold, 0.57 warm; docs/capacity-benchmark.md).
const WARMUP = Number(args.warmup ?? 10);
const CONCURRENCY = String(args.concurrency ?? '10,20,50')
  .split(',')
  .map(Number);
const CLAIMS = Number(args.claims ?? 200);
const SLOTS = 20;
const REFERRALS = 60;
const SELECTION = args.selection ?? 'full';
const SEED = Number(args.seed ?? 4);
const MAX_MINUTES = Number(args['max-minutes'] ?? 20);
const REQUEST_TIMEOUT_MS = 10_000;
const STATEMENTS = args.statements === 'true';
const CLIENT = args.client ?? 'http';
// --cpu-prof=<dir>: V8 CPU profiles of the server and the baseline (written when they stop), for analysis.
const profileArgs = (name) =>
  args['cpu-prof']
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args['cpu-prof'])}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
if (
  ![ROUNDS, WARMUP, CLAIMS, SEED, ...CONCURRENCY].every((n) => Number.isInteger(n) && n >= 0) ||
  ROUNDS < 1
) {
  throw new Error('rounds, warmup, claims, seed and concurrency must be non-negative integers (rounds >= 1)');
}
if (!['full', 'id'].includes(SELECTION)) throw new Error('--selection is full or id');
if (!['http', 'fetch'].includes(CLIENT)) throw new Error('--client is http or fetch');

const serverDir = resolve(import.meta.dirname, '..', '..', 'server');
const entry = join(serverDir, 'dist', 'index.js');
const requireFromServer = createRequire(join(serverDir, 'package.json'));
const pg = requireFromServer('pg');
const dist = (path) => import(pathToFileURL(join(serverDir, 'dist', path)).href);
const { startEmbeddedPostgres, freePort } = await dist('db/embedded.js');
const { makeResidentId } = await dist('domain/identifiers/resident-id.js');

// ------------------------------------------------------------------------------------ process plumbing
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { cleanups, cleanup } = createCleanup('claims bench', MAX_MINUTES);

const child = (name, script, env, nodeArgs = []) => startChild({ name, script, env, nodeArgs, cleanups });

async function waitFor(what, check, proc, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc.proc.exitCode !== null) throw new Error(`${proc.name} exited early:\n${proc.output()}`);
    const ok = await check().catch(() => false);
    if (ok) return ok;
    if (Date.now() > deadline) throw new Error(`${what} not ready in ${ms / 1000} s:\n${proc.output()}`);
    await sleep(100);
  }
}

// -------------------------------------------------------------------------------------------- helpers
const uuidOf = (globalId) => Buffer.from(globalId, 'base64url').toString().split(':')[1];
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Small seeded PRNG (mulberry32), so every round's claim plan is the same for both sides. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --------------------------------------------------------------------------------- CPU accounting
// Where the CPU goes during a round, from /proc (Linux): this client, the server, the baseline, every
// PostgreSQL process, and the whole machine (busy time not ours is other load, i.e. noise).
const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  } catch {
    return 10;
  }
})();
async function procStat(pid) {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(f[1]),
      self: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return null;
  }
}
async function machineBusyMs() {
  const [cpu] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const v = cpu.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - v[3] - v[4]) * TICK_MS;
}
/** CPU ms so far of a process tree root: itself, reaped children, and its live children. */
async function treeMs(pid) {
  const root = await procStat(pid);
  if (!root) return 0;
  let ticks = root.self + root.children;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = await procStat(entry);
    if (st?.ppid === pid) ticks += st.self;
  }
  return ticks * TICK_MS;
}
async function cpuSnapshot(pids) {
  const usage = process.cpuUsage();
  return {
    client: (usage.user + usage.system) / 1000,
    server: ((await procStat(pids.server))?.self ?? 0) * TICK_MS,
    baseline: ((await procStat(pids.baseline))?.self ?? 0) * TICK_MS,
    postgres: await treeMs(pids.postgres),
    machine: await machineBusyMs(),
  };
}
const cpuDelta = (a, b) => {
  const d = Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));
  d.other = Math.max(0, d.machine - d.client - d.server - d.baseline - d.postgres);
  return d;
};

// ------------------------------------------------------------------------------------ start everything
const dataDir = await mkdtemp(join(tmpdir(), 'yilian-claims-'));
await chmod(dataDir, 0o755);
cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
const quiet = { debug() {}, info() {}, warn() {}, error() {}, fatal() {}, trace() {}, child: () => quiet };

let exitCode = 0;
try {
  exitCode = await main();
} catch (error) {
  console.error(`claims bench failed: ${error?.stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);

async function main() {
  const setupStarted = performance.now();
  // The cluster the server would start itself (the same function and flags), plus commit timestamps so
  // the "refused while free" check can order every refusal after the booking that justified it.
  let cluster = await startEmbeddedPostgres(dataDir, quiet);
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('ALTER SYSTEM SET track_commit_timestamp = on');
    // --statements: count the SQL statements each side sends (analysis runs; it costs a little per statement).
    if (STATEMENTS) await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    await admin.end();
  } finally {
    await cluster.stop();
  }
  cluster = await startEmbeddedPostgres(dataDir, quiet);
  const running = cluster;
  cleanups.push(() => running.stop());
  await cluster.createDatabase('yilian');
  const databaseUrl = cluster.urlFor('yilian');

  // Side A: the built server, started as `pnpm start` does (its entry point), migrating and seeding the
  // demo alliance into this database.
  const port = await freePort();
  const server = child(
    'server',
    entry,
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      YILIAN_DATA_DIR: join(dataDir, 'server'),
      DATABASE_URL: databaseUrl,
      YILIAN_SECRET: randomBytes(48).toString('base64url'),
      YILIAN_DEMO: '1',
      LOG_LEVEL: 'warn',
    },
    profileArgs('server'),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor('server /readyz', () => fetch(`${base}/readyz`).then((r) => r.ok), server);

  // Side B: the baseline, a child process of its own.
  const baseline = child(
    'baseline',
    join(import.meta.dirname, 'claims-baseline.mjs'),
    {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      POOL_MAX: '20',
    },
    profileArgs('baseline'),
  );
  const baselinePort = await waitFor(
    'baseline',
    async () => Number(/listening (\d+)/.exec(baseline.output())?.[1]) || false,
    baseline,
    30_000,
  );
  const baselineUrl = `http://127.0.0.1:${baselinePort}`;
  await waitFor('baseline /healthz', () => fetch(`${baselineUrl}/healthz`).then((r) => r.ok), baseline);

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const pids = {
    server: server.proc.pid,
    baseline: baseline.proc.pid,
    postgres: Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]),
  };
  const { rows: pgRows } = await db.query(
    "SELECT current_setting('server_version') AS version, current_setting('track_commit_timestamp') AS ts",
  );
  if (pgRows[0].ts !== 'on') throw new Error('track_commit_timestamp did not take effect');
  if (STATEMENTS) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const statementCalls = async () => {
    if (!STATEMENTS) return new Map();
    const { rows } = await db.query(
      'SELECT query, sum(calls)::float8 AS calls, sum(total_exec_time)::float8 AS ms FROM pg_stat_statements GROUP BY query',
    );
    return new Map(rows.map((r) => [r.query, r]));
  };
  const statementTotals = { A: new Map(), B: new Map() };

  // ------------------------------------------------------------------------------------------ scenario
  const gql = async (query, variables, token) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const tokens = {};
  for (const user of ['coordinator', 'gp.chc1', 'cardio.oncall1', 'cardio.oncall2', 'cardio.oncall3']) {
    const data = await gql(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      {
        u: user,
        p: 'yilian-demo',
      },
    );
    tokens[user] = data.login.token;
  }
  const { alliances } = await gql(
    '{ alliances { core { id departments { id code } } } }',
    {},
    tokens.coordinator,
  );
  const coreId = alliances[0].core.id;
  const cardiologyId = alliances[0].core.departments.find((d) => d.code === '03.04').id;

  // 60 referrals to the core hospital's cardiology, through the real API, fictional patients with valid
  // resident IDs (GB 11643), as the integration test makes them.
  const referralIds = [];
  for (let i = 0; i < REFERRALS; i++) {
    const sex = i % 2 ? 'F' : 'M';
    const seq = 200 + 2 * i + (sex === 'M' ? 1 : 0);
    const data = await gql(
      'mutation($input: CreateReferralInput!) { createReferral(input: $input) { id status } }',
      {
        input: {
          direction: 'UPWARD',
          urgency: 'ROUTINE',
          patient: {
            name: '压测患者',
            residentId: makeResidentId('331202', '1958-03-14', seq % 1000),
            sex,
            birthDate: '1958-03-14',
            phone: '13800138000',
          },
          toInstitutionId: coreId,
          toDepartmentId: cardiologyId,
          diagnosisCode: 'I20.0',
          reason: '不稳定型心绞痛，需上级医院进一步诊治',
          clinicalSummary: '反复胸痛三天',
        },
      },
      tokens['gp.chc1'],
    );
    referralIds.push(data.createReferral.id);
  }
  // 20 open reserved cardiology slots; from two days ahead, so no release-to-public rule can touch them.
  const { reservedSlots } = await gql(
    'query($d: ID!, $n: Int, $from: DateTime) { reservedSlots(departmentId: $d, status: OPEN, first: $n, from: $from) { edges { node { id } } } }',
    { d: cardiologyId, n: SLOTS, from: new Date(Date.now() + 2 * 86_400_000).toISOString() },
    tokens.coordinator,
  );
  const slotIds = reservedSlots.edges.map((e) => e.node.id);
  if (slotIds.length !== SLOTS) throw new Error(`only ${slotIds.length} open reserved cardiology slots`);
  const slotUuids = slotIds.map(uuidOf);
  const referralUuids = referralIds.map(uuidOf);

  // The state a round starts from, captured once and restored by SQL before every round.
  const { rows: initialReferrals } = await db.query(
    'SELECT id, status, status_before_scheduled, assigned_specialist_id, answered_at FROM referral WHERE id = ANY($1::uuid[])',
    [referralUuids],
  );
  if (initialReferrals.length !== REFERRALS || initialReferrals.some((r) => r.status !== 'SUBMITTED')) {
    throw new Error('the referrals are not all SUBMITTED');
  }
  const referralSnapshot = JSON.stringify(initialReferrals);
  // Columns a claim may set, among those this schema version has.
  const { rows: slotColumns } = await db.query(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'slot'",
  );
  const clearSlot = ['claimed_by_id', 'claimed_by_user_id', 'claimed_at', 'booked_for_institution_id']
    .filter((c) => slotColumns.some((r) => r.column_name === c))
    .map((c) => `, ${c} = NULL`)
    .join('');
  async function reset() {
    await db.query('BEGIN');
    await db.query(
      `UPDATE slot SET status = 'OPEN', referral_id = NULL${clearSlot} WHERE id = ANY($1::uuid[])`,
      [slotUuids],
    );
    await db.query(
      `UPDATE referral r SET status = s.status, status_before_scheduled = s.status_before_scheduled,
         assigned_specialist_id = s.assigned_specialist_id, answered_at = s.answered_at
       FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, status text, status_before_scheduled text,
         assigned_specialist_id uuid, answered_at timestamptz)
       WHERE r.id = s.id`,
      [referralSnapshot],
    );
    await db.query('COMMIT');
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM slot WHERE id = ANY($1::uuid[]) AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED')::int AS slots,
              (SELECT count(*) FROM referral WHERE id = ANY($2::uuid[]) AND status = 'SUBMITTED')::int AS referrals,
              (SELECT count(*) FROM slot WHERE referral_id = ANY($2::uuid[]))::int AS booked`,
      [slotUuids, referralUuids],
    );
    if (rows[0].slots !== SLOTS || rows[0].referrals !== REFERRALS || rows[0].booked !== 0) {
      throw new Error(`reset failed: ${JSON.stringify(rows[0])}`);
    }
  }

  /** The claims of one round: seeded random slot x referral pairs, by the three specialists in turn. */
  const specialists = ['cardio.oncall1', 'cardio.oncall2', 'cardio.oncall3'];
  function plan(round) {
    const random = prng(SEED * 1_000_003 + round);
    return Array.from({ length: CLAIMS }, (_, i) => ({
      slot: Math.floor(random() * SLOTS),
      referral: Math.floor(random() * REFERRALS),
      who: specialists[i % specialists.length],
    }));
  }

  // ------------------------------------------------------------------------------ the two sides, one client
  const selection = SELECTION === 'full' ? '{ id status referral { id } }' : '{ id }';
  const CLAIM = `mutation($s: ID!, $r: ID!) { claimSlot(slotId: $s, referralId: $r) ${selection} }`;
  const sides = {
    A: {
      label: 'A  real GraphQL claimSlot',
      url: `${base}/graphql`,
      request: (a) => ({
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[a.who]}` },
        body: JSON.stringify({ query: CLAIM, variables: { s: slotIds[a.slot], r: referralIds[a.referral] } }),
      }),
      classify(status, text, a) {
        const body = JSON.parse(text);
        const won = body.data?.claimSlot;
        if (won) {
          const right =
            won.id === slotIds[a.slot] &&
            (SELECTION !== 'full' ||
              (won.status === 'BOOKED' && won.referral?.id === referralIds[a.referral]));
          return right ? ['win'] : ['error', `wrong acknowledgement ${text}`];
        }
        const code = body.errors?.[0]?.extensions?.code;
        return code === 'CONFLICT' ? ['conflict'] : ['error', `${status} ${text.slice(0, 300)}`];
      },
    },
    B: {
      label: 'B  baseline node:http + pg UPDATE',
      url: `${baselineUrl}/claim`,
      request: (a) => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slotId: slotUuids[a.slot], referralId: referralUuids[a.referral] }),
      }),
      classify(status, text) {
        if (status === 200) return ['win'];
        if (status === 409) return ['conflict'];
        return ['error', `${status} ${text.slice(0, 300)}`];
      },
    },
  };

  // One client for both sides: a keep-alive connection per request in flight, reused round after round.
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...CONCURRENCY) });
  cleanups.push(async () => agent.destroy());
  const postWithHttp = (url, headers, body) =>
    new Promise((resolvePost, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolvePost({ status: res.statusCode, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
      req.end(body);
    });
  const postWithFetch = async (url, headers, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: res.status, text: await res.text() };
  };
  const post = CLIENT === 'http' ? postWithHttp : postWithFetch;

  /** One claim: the latency is from just before the request is sent to the whole answer read. */
  async function claim(side, a) {
    const { headers, body } = side.request(a);
    const t0 = performance.now();
    let status = 0;
    let text = '';
    let failure;
    try {
      ({ status, text } = await post(side.url, headers, body));
    } catch (error) {
      failure = `${error?.name}: ${error?.message}`;
    }
    const t1 = performance.now();
    let outcome;
    let detail = failure;
    if (!failure) {
      try {
        [outcome, detail] = side.classify(status, text, a);
      } catch (error) {
        [outcome, detail] = ['error', `unreadable answer ${status}: ${error.message}`];
      }
    } else outcome = 'error';
    // Wall-clock time the answer was in (ms since the epoch, sub-millisecond), to set against commit
    // timestamps; performance.timeOrigin + now() shares the clock PostgreSQL's gettimeofday reads.
    return { ...a, outcome, detail, ms: t1 - t0, at: performance.timeOrigin + t1 };
  }

  async function runRound(side, attempts, concurrency) {
    const results = new Array(attempts.length);
    let next = 0;
    const worker = async () => {
      while (next < attempts.length) {
        const i = next++;
        results[i] = await claim(side, attempts[i]);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: Math.min(concurrency, attempts.length) }, worker));
    return { results, ms: performance.now() - t0 };
  }

  /** The database after a round, against what the clients were told. */
  async function check(sideKey, results) {
    const { rows: slots } = await db.query(
      `SELECT id, status, referral_id,
              extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000 AS committed_ms
         FROM slot WHERE id = ANY($1::uuid[])`,
      [slotUuids],
    );
    const { rows: holders } = await db.query(
      'SELECT referral_id, count(*)::int AS n, array_agg(id) AS slots FROM slot WHERE referral_id = ANY($1::uuid[]) GROUP BY referral_id',
      [referralUuids],
    );
    const { rows: referrals } = await db.query('SELECT id, status FROM referral WHERE id = ANY($1::uuid[])', [
      referralUuids,
    ]);
    const slotById = new Map(slots.map((s) => [s.id, { ...s, committed_ms: Number(s.committed_ms) }]));
    const referralStatus = new Map(referrals.map((r) => [r.id, r.status]));
    const slotOfReferral = new Map(); // referral uuid -> the booked slot row holding it
    for (const s of slots) if (s.status === 'BOOKED') slotOfReferral.set(s.referral_id, slotById.get(s.id));
    const c = {
      doubleBookings: 0,
      ackMissing: 0,
      unacknowledged: 0,
      refusedWhileFree: 0,
      refusedWhileFreeCertain: 0,
      referralStateWrong: 0,
      closestMarginMs: Infinity,
    };
    // Each referral in at most one slot (each slot holds one referral_id by construction); the bookings
    // must also lie within the 20 slots, and no two acknowledgements may name one slot or one referral.
    for (const h of holders) {
      if (h.n > 1) c.doubleBookings += h.n - 1;
      for (const s of h.slots) if (!slotById.has(s)) c.doubleBookings += 1;
    }
    const wins = results.filter((r) => r.outcome === 'win');
    const ackSlots = new Set(wins.map((w) => w.slot));
    const ackReferrals = new Set(wins.map((w) => w.referral));
    c.doubleBookings += wins.length - ackSlots.size + (wins.length - ackReferrals.size);
    // Every acknowledged claim is in the database; every booking was acknowledged.
    for (const w of wins) {
      const s = slotById.get(slotUuids[w.slot]);
      if (s.status !== 'BOOKED' || s.referral_id !== referralUuids[w.referral]) c.ackMissing += 1;
    }
    const booked = slots.filter((s) => s.status === 'BOOKED');
    c.unacknowledged = booked.filter((s) => !wins.some((w) => slotUuids[w.slot] === s.id)).length;
    // The real path also schedules the referral in the same transaction.
    if (sideKey === 'A') {
      for (const id of referralUuids) {
        const inSlot = slotOfReferral.has(id);
        const status = referralStatus.get(id);
        if (inSlot !== (status === 'SCHEDULED') || (!inSlot && status !== 'SUBMITTED'))
          c.referralStateWrong += 1;
      }
    }
    // A refusal is justified only by a booking of its slot, or of its referral, committed before the
    // answer reached the client. Slots only go OPEN -> BOOKED within a round, so the row's xmin is the
    // booking transaction. The clock-free lower bound: slot still open and referral still unbooked.
    for (const r of results.filter((x) => x.outcome === 'conflict')) {
      const s = slotById.get(slotUuids[r.slot]);
      const other = slotOfReferral.get(referralUuids[r.referral]);
      const times = [];
      if (s.status === 'BOOKED') times.push(s.committed_ms);
      if (other) times.push(other.committed_ms);
      if (times.length === 0) {
        c.refusedWhileFreeCertain += 1;
        c.refusedWhileFree += 1;
        continue;
      }
      const margin = r.at - Math.min(...times);
      if (margin < 0) c.refusedWhileFree += 1;
      else c.closestMarginMs = Math.min(c.closestMarginMs, margin);
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------- run
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  const machine = {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: pgRows[0].version,
    kernel: release(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  console.log(
    `claims bench: ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, PostgreSQL ${machine.postgres} (embedded)`,
  );
  console.log(
    `setup ${setupSeconds.toFixed(1)} s: ${REFERRALS} referrals, ${SLOTS} slots; ${CLAIMS} claims a round, ` +
      `${WARMUP} warm-up + ${ROUNDS} measured rounds a side, concurrency ${CONCURRENCY.join(', ')}, seed ${SEED}; ` +
      `A asks claimSlot ${selection}; client ${CLIENT === 'http' ? 'node:http (keep-alive)' : 'fetch'}`,
  );
  const report = {
    machine,
    options: { ROUNDS, WARMUP, CLAIMS, SLOTS, REFERRALS, CONCURRENCY, SELECTION, SEED, CLIENT },
    levels: [],
  };
  const errorSamples = [];
  for (const concurrency of CONCURRENCY) {
    const perSide = { A: [], B: [] };
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const attempts = plan(round);
      for (const key of round % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
        await reset();
        const statementsBefore = await statementCalls();
        const before = await cpuSnapshot(pids);
        const { results, ms } = await runRound(sides[key], attempts, concurrency);
        const cpu = cpuDelta(before, await cpuSnapshot(pids));
        if (STATEMENTS && round >= WARMUP) {
          for (const [query, now] of await statementCalls()) {
            const was = statementsBefore.get(query) ?? { calls: 0, ms: 0 };
            if (now.calls === was.calls || query.includes('pg_stat_statements')) continue;
            const t = statementTotals[key].get(query) ?? { calls: 0, ms: 0 };
            statementTotals[key].set(query, {
              calls: t.calls + now.calls - was.calls,
              ms: t.ms + now.ms - was.ms,
            });
          }
        }
        const integrity = await check(key, results);
        for (const r of results)
          if (r.outcome === 'error' && errorSamples.length < 5) errorSamples.push(`${key}: ${r.detail}`);
        const lat = results.map((r) => r.ms).sort((a, b) => a - b);
        const count = (o) => results.filter((r) => r.outcome === o).length;
        const row = {
          round,
          warmup: round < WARMUP,
          ms,
          throughput: (results.length / ms) * 1000,
          p50: percentile(lat, 0.5),
          p99: percentile(lat, 0.99),
          max: lat.at(-1),
          wins: count('win'),
          conflicts: count('conflict'),
          errors: count('error'),
          latencies: lat,
          byOutcome: {
            win: results.filter((r) => r.outcome === 'win').map((r) => r.ms),
            conflict: results.filter((r) => r.outcome === 'conflict').map((r) => r.ms),
          },
          integrity,
          cpu,
        };
        perSide[key].push(row);
        process.stdout.write(
          `  c=${concurrency} round ${String(round + 1).padStart(2)}${row.warmup ? ' (warm-up)' : '          '} ${key}: ` +
            `${row.throughput.toFixed(0).padStart(5)} claims/s  p50 ${row.p50.toFixed(1).padStart(6)} ms  ` +
            `p99 ${row.p99.toFixed(1).padStart(6)} ms  ${row.wins}/${row.conflicts}/${row.errors} win/conflict/error\n`,
        );
      }
    }
    report.levels.push(summarise(concurrency, perSide));
  }

  // ------------------------------------------------------------------------------------------- report
  function summarise(concurrency, perSide) {
    const out = { concurrency, sides: {} };
    for (const key of ['A', 'B']) {
      const rows = perSide[key].filter((r) => !r.warmup);
      const all = rows.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const sum = (f) => rows.reduce((n, r) => n + f(r), 0);
      const integ = (f) => perSide[key].reduce((n, r) => n + r.integrity[f], 0); // warm-up rounds count too
      out.sides[key] = {
        label: sides[key].label,
        rounds: rows.length,
        claims: all.length,
        wins: sum((r) => r.wins),
        conflicts: sum((r) => r.conflicts),
        errors: sum((r) => r.errors),
        throughputMedian: median(rows.map((r) => r.throughput)),
        throughputOverall: (all.length / sum((r) => r.ms)) * 1000,
        p50Median: median(rows.map((r) => r.p50)),
        p99Median: median(rows.map((r) => r.p99)),
        p99Worst: Math.max(...rows.map((r) => r.p99)),
        p50Pooled: percentile(all, 0.5),
        p99Pooled: percentile(all, 0.99),
        byOutcome: Object.fromEntries(
          ['win', 'conflict'].map((o) => {
            const xs = rows.flatMap((r) => r.byOutcome[o]).sort((a, b) => a - b);
            return [o, { p50: percentile(xs, 0.5), p99: percentile(xs, 0.99) }];
          }),
        ),
        max: all.at(-1),
        doubleBookings: integ('doubleBookings'),
        ackMissing: integ('ackMissing'),
        unacknowledged: integ('unacknowledged'),
        refusedWhileFree: integ('refusedWhileFree'),
        refusedWhileFreeCertain: integ('refusedWhileFreeCertain'),
        referralStateWrong: integ('referralStateWrong'),
        closestMarginMs: Math.min(...perSide[key].map((r) => r.integrity.closestMarginMs)),
        checkedRounds: perSide[key].length,
        // CPU ms per claim over the measured rounds, per process group; "other" is load not ours.
        cpuPerClaim: Object.fromEntries(
          ['client', 'server', 'baseline', 'postgres', 'other'].map((k) => [
            k,
            sum((r) => r.cpu[k]) / all.length,
          ]),
        ),
        machineBusyShare: sum((r) => r.cpu.machine) / (sum((r) => r.ms) * availableParallelism()),
        perRound: perSide[key].map(({ latencies: _l, byOutcome: _o, ...r }) => r),
      };
    }
    out.ratio = out.sides.A.throughputMedian / out.sides.B.throughputMedian;
    return out;
  }

  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  let allMet = true;
  for (const level of report.levels) {
    const { A, B } = level.sides;
    console.log(
      `\nconcurrency ${level.concurrency} in flight, ${A.rounds} measured rounds × ${CLAIMS} claims a side ` +
        '(medians of per-round figures; "all" = percentiles over every measured claim)',
    );
    const header = [
      'side'.padEnd(34),
      'claims',
      '  wins',
      'conflicts',
      'errors',
      'claims/s',
      'p50 ms',
      'p99 ms',
      'all p50',
      'all p99',
      'max ms',
    ];
    console.log(header.join('  '));
    for (const s of [A, B]) {
      console.log(
        [
          s.label.padEnd(34),
          String(s.claims).padStart(6),
          String(s.wins).padStart(6),
          String(s.conflicts).padStart(9),
          String(s.errors).padStart(6),
          f(s.throughputMedian, 0).padStart(8),
          f(s.p50Median).padStart(6),
          f(s.p99Median).padStart(6),
          f(s.p50Pooled).padStart(7),
          f(s.p99Pooled).padStart(7),
          f(s.max).padStart(6),
        ].join('  '),
      );
    }
    for (const s of [A, B]) {
      console.log(
        `  ${s.label.slice(0, 2)} integrity over ${s.checkedRounds} rounds: double bookings ${s.doubleBookings}, ` +
          `acknowledged claims missing ${s.ackMissing}, unacknowledged bookings ${s.unacknowledged}, ` +
          `refused while free ${s.refusedWhileFree} (clock-free ${s.refusedWhileFreeCertain}; closest justified refusal ` +
          `${f(s.closestMarginMs, 2)} ms after the booking committed)` +
          (s === A ? `, referral state wrong ${s.referralStateWrong}` : ''),
      );
    }
    for (const s of [A, B]) {
      const c = s.cpuPerClaim;
      const o = s.byOutcome;
      console.log(
        `  ${s.label.slice(0, 2)} latency by answer (all claims): wins p50 ${f(o.win.p50)} / p99 ${f(o.win.p99)} ms, ` +
          `conflicts p50 ${f(o.conflict.p50)} / p99 ${f(o.conflict.p99)} ms`,
      );
      console.log(
        `  ${s.label.slice(0, 2)} CPU ms per claim: client ${f(c.client, 2)}, server ${f(c.server, 2)}, ` +
          `baseline ${f(c.baseline, 2)}, PostgreSQL ${f(c.postgres, 2)}, other load ${f(c.other, 2)}; ` +
          `machine ${f(s.machineBusyShare * 100, 0)}% busy during its rounds`,
      );
    }
    const targets = [
      [
        `A p99 < 100 ms (median of rounds ${f(A.p99Median)} ms; all claims ${f(A.p99Pooled)} ms)`,
        A.p99Median < 100 && A.p99Pooled < 100,
      ],
      [`A ≥ 0.5 × B throughput (A/B = ${f(level.ratio, 2)})`, level.ratio >= 0.5],
      [
        '0 double bookings, 0 refused while free, every acknowledged claim stored (both sides)',
        [A, B].every(
          (s) =>
            s.doubleBookings + s.refusedWhileFree + s.ackMissing + s.unacknowledged + s.referralStateWrong ===
            0,
        ),
      ],
      ['0 errors (both sides)', A.errors + B.errors === 0],
    ];
    for (const [what, met] of targets) {
      console.log(`  ${met ? 'MET   ' : 'MISSED'} ${what}`);
      allMet &&= met;
    }
  }
  if (STATEMENTS) {
    report.statements = {};
    for (const key of ['A', 'B']) {
      const claims = report.levels.reduce((n, l) => n + l.sides[key].claims, 0);
      const list = [...statementTotals[key]]
        .map(([query, t]) => ({
          query: query.replace(/\s+/g, ' '),
          perClaim: t.calls / claims,
          msPerCall: t.ms / t.calls,
        }))
        .sort((a, b) => b.perClaim - a.perClaim);
      const perClaim = list.reduce((n, x) => n + x.perClaim, 0);
      const execMs = list.reduce((n, x) => n + x.perClaim * x.msPerCall, 0);
      report.statements[key] = { perClaim, execMsPerClaim: execMs, list };
      console.log(
        `\n${sides[key].label}: ${f(perClaim, 2)} SQL statements per claim, ${f(execMs, 3)} ms PostgreSQL execution per claim`,
      );
      for (const x of list.slice(0, 14)) {
        console.log(
          `  ${f(x.perClaim, 2).padStart(6)} × ${f(x.msPerCall, 3).padStart(7)} ms  ${x.query.slice(0, 150)}`,
        );
      }
    }
  }
  if (errorSamples.length) console.log(`\nfirst errors:\n  ${errorSamples.join('\n  ')}`);
  if (args.json) {
    await writeFile(args.json, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nper-round figures written to ${args.json}`);
  }
  return allMet ? 0 : 3;
}
