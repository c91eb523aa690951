// The baseline of the claims benchmark (bench/claims.mjs): the floor of any HTTP API for a slot claim.
// A bare node:http handler that runs the one conditional UPDATE ... RETURNING over a pg.Pool: no
// GraphQL, no ORM, no authentication, no referral update, no event rows. Started by claims.mjs as a
// child process of its own (so it does not share an event loop with the load generator):
//   DATABASE_URL=postgres://... PORT=0 POOL_MAX=20 node bench/claims-baseline.mjs
// POST /claim {"slotId": "<uuid>", "referralId": "<uuid>"} answers 200 {"id"} when this request booked
// the slot, 409 {"code": "CONFLICT"} when the slot was no longer open or the referral is already in a
// slot (the same partial unique index the real path relies on), 400 on a malformed body, 500 otherwise.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

// pg is a dependency of the server package, not of e2e: resolve it from there.
const require = createRequire(resolve(import.meta.dirname, '..', '..', 'server', 'package.json'));
const pg = require('pg');

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  // The server's MikroORM pool is at most 20 connections too (packages/server/src/db/orm.ts).
  max: Number(process.env.POOL_MAX ?? 20),
});

const CLAIM = `UPDATE slot SET status = 'BOOKED', referral_id = $2, claimed_at = now()
  WHERE id = $1 AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED' RETURNING id`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const answer = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return answer(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || req.url !== '/claim') return answer(res, 404, { code: 'NOT_FOUND' });
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let slotId, referralId;
    try {
      ({ slotId, referralId } = JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      return answer(res, 400, { code: 'BAD_USER_INPUT' });
    }
    if (!UUID.test(String(slotId)) || !UUID.test(String(referralId))) {
      return answer(res, 400, { code: 'BAD_USER_INPUT' });
    }
    try {
      const result = await pool.query(CLAIM, [slotId, referralId]);
      if (result.rowCount === 1) return answer(res, 200, { id: result.rows[0].id });
      return answer(res, 409, { code: 'CONFLICT', reason: 'slot not open' });
    } catch (error) {
      if (error?.code === '23505')
        return answer(res, 409, { code: 'CONFLICT', reason: 'referral already in a slot' });
      console.error(`baseline: ${error?.message ?? error}`);
      return answer(res, 500, { code: 'INTERNAL_SERVER_ERROR' });
    }
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  // The parent reads this one line to learn the port.
  process.stdout.write(`listening ${server.address().port}\n`);
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
