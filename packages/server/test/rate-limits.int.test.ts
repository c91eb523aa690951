import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './harness.js';
import { RawSocket } from './raw-socket.js';

// Small budgets, so the tests reach them; the defaults are in docs/limits.md.
const WINDOW_SECONDS = 3;
const LOCKOUT_SECONDS = 3;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      YILIAN_RATE_LIMIT: '6',
      YILIAN_RATE_LIMIT_ANONYMOUS: '40',
      YILIAN_RATE_LIMIT_SOCKETS: '2',
      YILIAN_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      YILIAN_LOGIN_FAILURES_PER_ACCOUNT: '3',
      YILIAN_LOGIN_FAILURES_PER_ADDRESS: '8',
      YILIAN_LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
    },
  });
});
afterAll(() => server?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const VIEWER = '{ viewer { username } }';

describe('rate limits per credential, over HTTP and WebSocket together', () => {
  it('answers RATE_LIMITED (429, Retry-After) past the budget, for that credential only, until the window ends', async () => {
    const [gp, specialist] = [await server.login('gp.chc1'), await server.login('cardio.oncall1')];
    // 6 operations per window for gp.chc1: 3 over HTTP, 3 over one socket.
    for (let i = 0; i < 3; i++) expect((await server.gql(VIEWER, {}, gp)).errors).toBeUndefined();
    const socket = await RawSocket.connect(server.url, gp);
    for (let i = 0; i < 3; i++) expect((await socket.run(`ok${i}`, VIEWER)).errors).toBeUndefined();

    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gp}` },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `too many requests; retry after ${retryAfter} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
    const overSocket = await socket.run('over', VIEWER);
    expect(overSocket.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^too many requests; retry after \d s$/),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      }),
    ]);

    // Another credential from the same address is not affected.
    expect((await server.gql(VIEWER, {}, specialist)).data).toEqual({
      viewer: { username: 'cardio.oncall1' },
    });

    await sleep(retryAfter * 1000 + 100);
    expect((await server.gql(VIEWER, {}, gp)).data).toEqual({ viewer: { username: 'gp.chc1' } });
    expect((await socket.run('again', VIEWER)).data).toEqual({ viewer: { username: 'gp.chc1' } });
    socket.close();
  });

  it('bounds the graphql-ws connections of one credential (closed with 4429)', async () => {
    const token = await server.login('gp.chc2');
    const sockets = [await RawSocket.connect(server.url, token), await RawSocket.connect(server.url, token)];
    const third = await RawSocket.open(server.url);
    third.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    expect(await third.closed).toEqual({
      code: 4429,
      reason: expect.stringMatching(/^too many connections; retry after \d s$/),
    });
    // The open ones go on working.
    expect((await sockets[0]!.run('1', VIEWER)).data).toEqual({ viewer: { username: 'gp.chc2' } });
    for (const socket of sockets) socket.close();
  });
});

describe('login throttling, per account and per address', () => {
  const login = (username: string, password: string) =>
    server.gql<{ login: { token: string } }>(
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: password },
    );

  it('refuses an account after 3 failures, even with the right password, until the lockout ends', async () => {
    for (let i = 0; i < 3; i++) expect(codes(await login('gp.chc1', 'guess'))).toEqual(['UNAUTHENTICATED']);
    const locked = await login('gp.chc1', 'yilian-demo');
    expect(locked.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^too many failed logins for this account; retry after [1-3] s$/),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      }),
    ]);
    // The same over WebSocket: an anonymous socket may log in, through the same resolver.
    const socket = await RawSocket.connect(server.url);
    const overSocket = await socket.run(
      'login',
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 'GP.CHC1 ', p: 'yilian-demo' },
    );
    expect(overSocket.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    socket.close();

    // Other accounts log in as usual; the locked one again once the lockout is over.
    expect((await login('gp.chc2', 'yilian-demo')).data?.login.token).toBeTruthy();
    await sleep(LOCKOUT_SECONDS * 1000 + 100);
    expect((await login('gp.chc1', 'yilian-demo')).data?.login.token).toBeTruthy();
  });

  it('forgets an account’s failures at a good login; refuses an address after 8 failures on any accounts', async () => {
    // (The failures of the test above have expired.) gp.chc2: 2 failures, a good login, 2 more, a good login.
    for (let i = 0; i < 2; i++) expect(codes(await login('gp.chc2', 'guess'))).toEqual(['UNAUTHENTICATED']);
    expect((await login('gp.chc2', 'yilian-demo')).data?.login.token).toBeTruthy();
    for (let i = 0; i < 2; i++) expect(codes(await login('gp.chc2', 'guess'))).toEqual(['UNAUTHENTICATED']);
    expect((await login('gp.chc2', 'yilian-demo')).data?.login.token).toBeTruthy();

    // 4 failures from this address so far; unknown accounts count too, and the 8th closes the address.
    for (const name of ['nobody1', 'nobody2', 'nobody3', 'nobody4']) {
      expect(codes(await login(name, 'guess'))).toEqual(['UNAUTHENTICATED']);
    }
    const refused = await login('coordinator', 'yilian-demo');
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^too many failed logins for this address; retry after [1-3] s$/),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      }),
    ]);
    await sleep(LOCKOUT_SECONDS * 1000 + 100);
    expect((await login('coordinator', 'yilian-demo')).data?.login.token).toBeTruthy();
  });
});
