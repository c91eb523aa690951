import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../db/prepared.js';
import { unauthenticated } from '../domain/errors.js';
import type { Clock } from '../domain/time.js';
import { AuditTrail, type AuditWriter } from '../modules/audit/audit-trail.js';
import type { SlotClaimsInFlight } from '../modules/capacity/slot-claims.js';
import { isApiKey, type ApiKeyService } from '../modules/identity/api-keys.js';
import type { TokenService } from '../modules/identity/tokens.js';
import type { Viewer } from '../modules/identity/viewer.js';
import type { Keys } from '../platform/keys.js';
import type { Logger } from '../platform/logger.js';
import type { RateLimits } from '../platform/rate-limits.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What resolvers may use beyond the request: shared, stateless services. */
export interface Services {
  readonly tokens: TokenService;
  readonly apiKeys: ApiKeyService;
  /** Writes audit entries that are not part of a change's own transaction. */
  readonly audit: AuditWriter;
  readonly keys: Keys;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tell the real-time relay that a transaction with events has committed (coalesced NOTIFY). */
  readonly events: { committed(): void };
  readonly rateLimits: RateLimits;
  /** The slot claims this process is writing (see slot-claims.ts). */
  readonly slotClaims: SlotClaimsInFlight;
}

/** Per-operation context: its own entity manager fork and loaders, never the global ones. */
export interface GraphQLContext {
  readonly viewer: Viewer | null;
  /** This operation's entity manager fork, made on first use. */
  readonly em: EntityManager;
  /** This operation's DataLoaders, made on first use. */
  readonly loaders: Loaders;
  /** Runs a named prepared statement on a pooled connection (hot paths; see db/prepared.ts). */
  readonly prepared: <R>(sql: string, values: unknown[]) => Promise<R[]>;
  readonly services: Services;
  readonly requestId: string;
  readonly ip: string | null;
  /** This operation's audit trail: its mutation's entry, the identifying data it returned. */
  readonly audit: AuditTrail;
  /** Drops what this operation has read so far (after a write, the answer must show the new state). */
  forgetReads(): void;
}

/**
 * The fork and the loaders are made lazily: a refused slot claim, the commonest request under
 * contention, needs neither, and making them is a measurable share of its cost. The lazy getters live
 * on the prototype because Apollo clones the context for each operation (`Object.assign` onto an object
 * of the same prototype): own getters would be called by that copy, making both eagerly.
 */
class RequestContext implements GraphQLContext {
  readonly audit: AuditTrail;
  private fork: EntityManager | undefined = undefined;
  private madeLoaders: Loaders | undefined = undefined;

  constructor(
    private readonly rootEm: EntityManager,
    readonly viewer: Viewer | null,
    readonly services: Services,
    readonly requestId: string,
    readonly ip: string | null,
  ) {
    this.audit = new AuditTrail(services.audit, viewer, ip, requestId);
  }

  get em(): EntityManager {
    return (this.fork ??= this.rootEm.fork({ clear: true }));
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.em, this.viewer, this.services.clock));
  }

  prepared<R>(sql: string, values: unknown[]): Promise<R[]> {
    return preparedRows<R>(this.rootEm, sql, values);
  }

  forgetReads(): void {
    // Nothing read, nothing to drop: a claim answered from its own statement makes neither.
    this.fork?.clear();
    for (const loader of Object.values(this.madeLoaders ?? {})) loader.clearAll();
  }
}

export function createContext(
  em: EntityManager,
  viewer: Viewer | null,
  services: Services,
  requestId: string,
  ip: string | null,
): GraphQLContext {
  return new RequestContext(em, viewer, services, requestId, ip);
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

/**
 * The viewer of an `Authorization` header value: a login token or a partner API key (`ylk_...`);
 * null without a header; UNAUTHENTICATED for a bad one.
 */
export async function authenticateHeader(
  services: Services,
  header: string | undefined | null,
  ip: string | null,
): Promise<Viewer | null> {
  const token = bearerToken(header);
  if (!token) return null;
  const now = services.clock();
  return isApiKey(token) ? services.apiKeys.authenticate(token, now, ip) : services.tokens.verify(token, now);
}
