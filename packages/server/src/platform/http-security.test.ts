import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import type { Middleware } from './http-middleware.js';
import { apiSecurityHeaders, replayed, securityHeaders } from './http-security.js';

/** The headers a middleware leaves on a fresh response (one that already says X-Powered-By, as Express's does). */
function headersAfter(middleware: Middleware): Record<string, unknown> {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  res.setHeader('X-Powered-By', 'Express');
  let passed = false;
  middleware(req, res, (error) => {
    if (error) throw error;
    passed = true;
  });
  expect(passed).toBe(true);
  return res.getHeaders();
}

describe('replayed security headers', () => {
  it('sets exactly what helmet sets, and removes what it removes', () => {
    const direct = helmet({ frameguard: { action: 'deny' } }) as Middleware;
    const replay = replayed(helmet({ frameguard: { action: 'deny' } }) as Middleware);
    expect(headersAfter(replay)).toEqual(headersAfter(direct));
    expect(headersAfter(replay)).not.toHaveProperty('x-powered-by');
  });

  it('gives the document and the API header sets', () => {
    expect(headersAfter(securityHeaders())['content-security-policy']).toContain("script-src 'self'");
    expect(headersAfter(apiSecurityHeaders())).toMatchObject({
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    });
  });

  it('refuses a middleware that does not finish at once (its headers could depend on the request)', () => {
    expect(() => replayed(() => undefined)).toThrow(/synchronously/);
  });
});
