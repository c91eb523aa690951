import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../domain/errors.js';
import type { Clock } from '../domain/time.js';
import type { TokenService } from '../modules/identity/tokens.js';
import type { Viewer } from '../modules/identity/viewer.js';
import type { Keys } from '../platform/keys.js';
import type { Logger } from '../platform/logger.js';
import type { RateLimits } from '../platform/rate-limits.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What resolvers may use beyond the request: shared, stateless services. */
export interface Services {
  readonly tokens: TokenService;
  readonly keys: Keys;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tell the real-time relay that a transaction with events has committed (coalesced NOTIFY). */
  readonly events: { committed(): void };
  readonly rateLimits: RateLimits;
}

/** Per-operation context: its own entity manager fork and loaders, never the global ones. */
export interface GraphQLContext {
  readonly viewer: Viewer | null;
  readonly em: EntityManager;
  readonly loaders: Loaders;
  readonly services: Services;
  readonly requestId: string;
  readonly ip: string | null;
}

export function createContext(
  em: EntityManager,
  viewer: Viewer | null,
  services: Services,
  requestId: string,
  ip: string | null,
): GraphQLContext {
  const fork = em.fork({ clear: true });
  return { viewer, em: fork, loaders: createLoaders(fork, viewer, services.clock), services, requestId, ip };
}

/** The authenticated viewer; UNAUTHENTICATED otherwise. */
export function viewerOf(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw unauthenticated('log in first: send Authorization: Bearer <token>');
  return ctx.viewer;
}

/** Reads the bearer token of an `Authorization` header value; undefined when none was sent. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  return match[1];
}
