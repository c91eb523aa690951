import { afterEach, describe, expect, it, vi } from 'vitest';
import { createYilianClient, graphqlWsUrl } from './client';
import { graphql } from './graphql';

const Ping = graphql(`
  query Ping {
    viewer {
      id
      displayName
    }
  }
`);

/** These tests never open a socket: it is constructed (signed in, not lazy) but never opens. */
class UnusedWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
}
const transport = {
  url: 'http://test.invalid/graphql',
  wsUrl: 'ws://test.invalid/graphql',
  webSocketImpl: UnusedWebSocket,
};

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createYilianClient', () => {
  it('POSTs to /graphql with the bearer token', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      jsonResponse({ data: { viewer: { __typename: 'Viewer', id: 'V1', displayName: '张医生' } } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { client, dispose } = createYilianClient({
      token: 'tok-123',
      onUnauthenticated: () => {},
      ...transport,
    });

    const result = await client.query(Ping, {}).toPromise();

    expect(result.data?.viewer.displayName).toBe('张医生');
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok-123');
    dispose();
  });

  it('reports UNAUTHENTICATED errors so the session can end', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse({
        data: null,
        errors: [{ message: '登录已过期', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    );
    const onUnauthenticated = vi.fn();
    const { client, dispose } = createYilianClient({
      token: 'expired',
      onUnauthenticated,
      ...transport,
    });

    const result = await client.query(Ping, {}).toPromise();

    expect(result.error?.graphQLErrors[0]?.message).toBe('登录已过期');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    dispose();
  });

  it('sends no Authorization header before login', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      jsonResponse({ data: { viewer: { __typename: 'Viewer', id: 'V1', displayName: 'x' } } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { client, dispose } = createYilianClient({
      token: null,
      onUnauthenticated: () => {},
      ...transport,
    });
    await client.query(Ping, {}).toPromise();
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).has('authorization')).toBe(false);
    dispose();
  });
});

describe('graphqlWsUrl', () => {
  it('follows the page protocol and host', () => {
    expect(graphqlWsUrl({ protocol: 'https:', host: 'yl.example.cn' })).toBe('wss://yl.example.cn/graphql');
    expect(graphqlWsUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/graphql');
  });
});
