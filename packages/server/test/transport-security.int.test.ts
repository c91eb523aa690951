import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { RawSocket } from './raw-socket.js';

const PARTNER = 'https://his.partner.example';
const EVIL = 'https://evil.example';
let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ env: { YILIAN_CORS_ORIGINS: `${PARTNER}, http://localhost:5173` } });
  token = await server.login('coordinator');
});
afterAll(() => server?.stop());

describe('security headers', () => {
  it('sends a same-origin CSP and the usual hardening headers with the dashboard', async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split(';')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ]),
    );
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the API’s answers with the headers a JSON API needs: nothing loads, frames, sniffs or caches', async () => {
    const answers = [
      await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
        headers: { 'apollo-require-preflight': '1' },
      }),
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { id } }' }),
      }),
      // A refusal before GraphQL runs (not JSON) too.
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
    ];
    for (const response of answers) {
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('POST /graphql outside Express', () => {
  // POST /graphql is served by its own lane (platform/graphql-post.ts); any other path to the same
  // endpoint (here with a query string) by Express. Both must answer alike, byte for byte.
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PARTNER, ...headers },
      body,
    });
  const alike = (response: Response) => ({
    status: response.status,
    headers: [...response.headers].filter(([name]) => !['date', 'keep-alive', 'connection'].includes(name)),
  });

  it('answers as Express does: a query, a refusal by GraphQL, bad JSON, an oversized body', async () => {
    const cases: [string, Record<string, string>][] = [
      [JSON.stringify({ query: '{ viewer { id username } }' }), { authorization: `Bearer ${token}` }],
      [JSON.stringify({ query: '{ viewer { id' }), { authorization: `Bearer ${token}` }],
      [JSON.stringify({ query: '{ viewer { id } }' }), { authorization: 'Bearer nonsense' }],
      ['{', {}],
      [JSON.stringify({ query: `{ viewer { id } } #${'x'.repeat(2 * 1024 * 1024)}` }), {}],
    ];
    for (const [body, headers] of cases) {
      const lane = await post('/graphql', body, headers);
      const express = await post('/graphql?via=express', body, headers);
      expect(alike(lane)).toEqual(alike(express));
      expect(await lane.text()).toEqual(await express.text());
    }
  });
});

describe('CORS from the configured allow-list', () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });

  it('lets an allowed origin preflight and read answers', async () => {
    const allowed = await preflight(PARTNER);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: PARTNER, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { username } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(await response.json()).toEqual({ data: { viewer: { username: 'coordinator' } } });
  });

  it('gives any other origin no CORS headers, so its pages can neither preflight nor read', async () => {
    const refused = await preflight(EVIL);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { username } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CSRF prevention (Apollo’s, kept on)', () => {
  it('refuses requests a page of another site could send without a preflight', async () => {
    const simple: RequestInit[] = [
      { method: 'GET' },
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' },
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=%7B__typename%7D',
      },
      { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' },
    ];
    for (const init of simple) {
      const response = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, init);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(/Cross-Site Request Forgery/),
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
    // The same GET with a header that forces a preflight is answered.
    const preflighted = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('WebSocket Origin', () => {
  it('refuses the upgrade from another site’s page (403)', async () => {
    await expect(RawSocket.open(server.url, { origin: EVIL })).rejects.toThrow('upgrade refused: 403');
  });

  it('accepts its own origin, an allowed origin, and clients that send none', async () => {
    const origins: Record<string, string>[] = [{ origin: server.url }, { origin: PARTNER }, {}];
    for (const headers of origins) {
      const socket = await RawSocket.open(server.url, headers);
      socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
      expect((await socket.next())?.type).toBe('connection_ack');
      expect((await socket.run('1', '{ viewer { username } }')).data).toEqual({
        viewer: { username: 'coordinator' },
      });
      socket.close();
    }
  });
});
