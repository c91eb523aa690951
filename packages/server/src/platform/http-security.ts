import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import cors from 'cors';
import helmet from 'helmet';
import { sendJson, type ErrorMiddleware, type Middleware } from './http-middleware.js';

/**
 * Security headers (helmet). The CSP admits only this origin: the built dashboard has no inline
 * script or style, and its graphql-ws socket goes to its own origin (`connect-src 'self'` covers
 * ws:/wss: of the same host). No `upgrade-insecure-requests`: the server itself speaks plain HTTP
 * (TLS ends at the proxy in front of it).
 */
export function securityHeaders(): Middleware {
  return replayed(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
    }),
  );
}

/**
 * Security headers for the API's JSON answers (`/graphql`), as OWASP's REST guidance lists them: no
 * content may load or frame from an answer, no sniffing, no caching (answers carry patient data), no
 * cross-site reads; HSTS. The document-only headers of {@link securityHeaders} (CSP for scripts and
 * styles, COOP, Origin-Agent-Cluster, DNS prefetch, ...) mean nothing to a JSON answer and would only
 * make each one ~450 bytes heavier for every partner system and claim.
 */
export function apiSecurityHeaders(): Middleware {
  const hardening = replayed(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      originAgentCluster: false,
      referrerPolicy: { policy: 'no-referrer' },
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      frameguard: { action: 'deny' },
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    hardening(req, res, next);
  };
}

/**
 * Runs a header-setting middleware once and answers one that sets (and removes) the same headers.
 * helmet's headers do not depend on the request with these options (no per-request nonce), yet it
 * runs a dozen middlewares per answer; replaying the recorded headers costs one loop, on every API
 * answer. helmet stays the source of the header values.
 */
export function replayed(middleware: Middleware): Middleware {
  const set: [string, OutgoingHttpHeader][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: OutgoingHttpHeader) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let finished = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('a header middleware to replay must finish synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

/**
 * CORS for `/graphql`: only the configured origins get the headers that let their pages read answers
 * (and send the preflighted JSON POSTs that Apollo's CSRF prevention asks for). No cookies are used,
 * so no credentials mode.
 */
export function corsFor(origins: readonly string[]): Middleware {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
}

/**
 * Whether a WebSocket upgrade may proceed: a browser sends its page's Origin, which must be this
 * server's own or an allowed one, so a page of another site cannot open a socket with the user's
 * token. Clients that are not browsers (partner systems) send no Origin.
 */
export function originAllowed(request: IncomingMessage, origins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Body-parser refusals as GraphQL-shaped JSON with a code, instead of Express's HTML error page:
 * 413 PAYLOAD_TOO_LARGE past the limit, 400 BAD_REQUEST for a body that is not JSON.
 */
export function bodyErrors(maxBodyBytes: number): ErrorMiddleware {
  return (error: unknown, _req, res, next) => {
    const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
    if (type === 'entity.too.large') {
      sendJson(res, 413, {
        errors: [
          {
            message: `the request body is larger than ${maxBodyBytes} bytes`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: maxBodyBytes },
          },
        ],
      });
    } else if (
      type === 'entity.parse.failed' ||
      type === 'charset.unsupported' ||
      type === 'encoding.unsupported'
    ) {
      sendJson(res, 400, {
        errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
    } else {
      next(error);
    }
  };
}
