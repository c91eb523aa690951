import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { MIGRATIONS } from '../src/db/orm.js';
import { printYilianSchema } from '../src/graphql/schema.js';
import { createTestDatabase } from './database.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('the operator surface', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    await fetch(`${server.url}/healthz`);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('yilian_http_request_duration_seconds_bucket');
    expect(metrics).toContain('yilian_process_cpu_seconds_total');
  });

  it('serves the built dashboard at /, with client-side routes falling back to it', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect((await fetch(`${server.url}/some/client/route`)).status).toBe(200);
    // A file that is not there is a 404, not the app shell: a stale page asking for an old bundle
    // must fail loudly rather than run HTML as JavaScript.
    expect((await fetch(`${server.url}/assets/index-gone.js`)).status).toBe(404);
  });

  it('accepts graphql-ws connections on /graphql with a token and refuses a bad one', async () => {
    const token = await server.login('coordinator');
    const wsUrl = `${server.url.replace('http', 'ws')}/graphql`;
    const good = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const result = await new Promise<unknown>((resolveResult, reject) => {
      good.subscribe(
        { query: '{ viewer { username } }' },
        { next: resolveResult, error: reject, complete: () => undefined },
      );
    });
    expect(result).toEqual({ data: { viewer: { username: 'coordinator' } } });
    await good.dispose();

    const bad = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer forged' },
      retryAttempts: 0,
      lazy: false,
    });
    const closed = await new Promise<{ code: number }>((resolveClose) =>
      bad.on('closed', (event) => resolveClose(event as { code: number })),
    );
    expect(closed.code).toBe(4403);
    await bad.dispose();
  });

  it('keeps schema.graphql at the repository root in step with the code (run `pnpm schema` to update)', async () => {
    const committed = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printYilianSchema());
  });
});

describe('several processes on one database', () => {
  it('migrates and seeds once when three servers start at the same moment on an empty database', async () => {
    const url = await createTestDatabase(inject('adminDatabaseUrl'), { empty: true });
    const servers = await Promise.all(
      [1, 2, 3].map(() => startTestServer({ databaseUrl: url, env: { YILIAN_DEMO: '1' } })),
    );
    try {
      for (const s of servers) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const alliances = await client.query('SELECT count(*)::int AS n FROM alliance');
      const migrations = await client.query('SELECT count(*)::int AS n FROM mikro_orm_migrations');
      await client.end();
      expect(alliances.rows[0].n).toBe(1);
      expect(migrations.rows[0].n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
