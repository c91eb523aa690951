import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Role } from '../../domain/enums.js';
import { unauthenticated } from '../../domain/errors.js';
import type { Keys } from '../../platform/keys.js';
import type { Logger } from '../../platform/logger.js';
import { AuditKind, AuditOutcome } from '../audit/audit-entry.js';
import type { AuditWriter } from '../audit/audit-trail.js';
import type { ApiScope } from './api-scopes.js';
import type { Viewer } from './viewer.js';

/**
 * Partner API keys: `ylk_<key id, 32 hex>_<secret, 43 base64url>`. The prefix tells a key from a login
 * token at a glance (and to secret scanners); the id finds the key's row; only a keyed hash of the
 * secret is stored, compared in constant time.
 */
export const API_KEY_PREFIX = 'ylk_';
const KEY_PATTERN = /^ylk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** A new key: its id (the row's), its secret, and the whole key as the client sends it. */
export function newApiKey(): { id: string; secret: string; key: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, key: `${API_KEY_PREFIX}${id.replaceAll('-', '')}_${secret}` };
}

/** The public part of a key (safe to show and log): `ylk_<id>`. */
export function apiKeyPrefix(id: string): string {
  return `${API_KEY_PREFIX}${id.replaceAll('-', '')}`;
}

function parseApiKey(key: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2]! };
}

/** A key's row as authentication needs it. */
interface StoredKey {
  id: string;
  alliance_id: string;
  institution_id: string;
  account_id: string;
  username: string;
  disabled: boolean;
  scopes: ApiScope[];
  secret_hash: Buffer;
  expires_at: Date;
  revoked_at: Date | null;
}

/** Runs one statement outside any transaction and answers its rows. */
export type QuerySql = <R>(sql: string, params: unknown[]) => Promise<R[]>;

export interface ApiKeyServiceDependencies {
  readonly query: QuerySql;
  readonly keys: Keys;
  readonly audit: AuditWriter;
  readonly logger: Logger;
  /**
   * Whether revocations reach this process at once right now (the relay's LISTEN connection is up).
   * While not, every request reads its key from the database.
   */
  cacheTrusted(): boolean;
}

const CACHE_MS = 60_000;
const CACHE_LIMIT = 10_000;
/** last_used_at is written at most this often per key and process: not a write per request. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Authenticates API keys. Key rows are cached briefly per process, which is safe because revocation
 * reaches every process at once: the revoking request drops the key here, and every replica's
 * real-time relay reads the key's `apikey.REVOKED` event from the event log (woken by NOTIFY) and calls
 * {@link revoked}, which also closes the key's open WebSockets (see app.ts). A revoked id is refused
 * from then on whatever the cache holds; without a LISTEN connection the cache is not used at all.
 */
export class ApiKeyService {
  private readonly cache = new Map<string, { key: StoredKey; viewer: Viewer; cachedAt: number }>();
  private readonly revokedIds = new Set<string>();
  private readonly lastUseWritten = new Map<string, number>();
  private readonly listeners: ((keyId: string) => void)[] = [];

  constructor(private readonly deps: ApiKeyServiceDependencies) {}

  /** The PARTNER_APP viewer of a valid key; UNAUTHENTICATED (and an audit entry for a known key) otherwise. */
  async authenticate(token: string, now: Date, ip: string | null): Promise<Viewer> {
    const parsed = parseApiKey(token);
    if (!parsed) throw unauthenticated('the API key is malformed');
    const { key, viewer } = await this.load(parsed.id, now);
    if (!key) throw unauthenticated('the API key is not valid');
    const hash = this.deps.keys.hashApiKeySecret(parsed.secret);
    let refusal: string | null = null;
    if (hash.length !== key.secret_hash.length || !timingSafeEqual(hash, key.secret_hash))
      refusal = 'the API key is not valid';
    else if (key.revoked_at !== null || this.revokedIds.has(key.id)) refusal = 'the API key has been revoked';
    else if (now.getTime() >= key.expires_at.getTime()) refusal = 'the API key has expired';
    else if (key.disabled) refusal = "the API key's account is disabled";
    if (refusal) {
      await this.auditRefusal(key, refusal, ip);
      throw unauthenticated(refusal);
    }
    this.recordUse(key.id, now);
    return viewer!;
  }

  /** A key was revoked (here, or on another replica as the relay tells): refuse it from now on. */
  revoked(keyId: string): void {
    this.revokedIds.add(keyId);
    this.cache.delete(keyId);
    for (const listener of this.listeners) listener(keyId);
  }

  /** Whether this process knows the key to be revoked (a socket that authenticated just before checks this). */
  wasRevoked(keyId: string): boolean {
    return this.revokedIds.has(keyId);
  }

  /** Calls `listener` with each key id as it is revoked (app.ts closes the key's sockets). */
  onRevoked(listener: (keyId: string) => void): void {
    this.listeners.push(listener);
  }

  private async load(id: string, now: Date): Promise<{ key: StoredKey | null; viewer: Viewer | null }> {
    const trusted = this.deps.cacheTrusted();
    const cached = trusted ? this.cache.get(id) : undefined;
    if (cached && now.getTime() - cached.cachedAt < CACHE_MS) return cached;
    const [row] = await this.deps.query<StoredKey>(
      `SELECT k.id, k.alliance_id, k.institution_id, k.account_id, u.username, u.disabled, k.scopes,
              k.secret_hash, k.expires_at, k.revoked_at
         FROM api_key k JOIN user_account u ON u.id = k.account_id WHERE k.id = ?`,
      [id],
    );
    if (!row) return { key: null, viewer: null };
    // Timestamps may come back as text, depending on the driver's type parsing.
    const key: StoredKey = {
      ...row,
      expires_at: new Date(row.expires_at),
      revoked_at: row.revoked_at === null ? null : new Date(row.revoked_at),
    };
    const viewer: Viewer = {
      userId: key.account_id,
      username: key.username,
      role: Role.PARTNER_APP,
      allianceId: key.alliance_id,
      institutionId: key.institution_id,
      departmentId: null,
      practitionerId: null,
      apiKey: { id: key.id, scopes: new Set(key.scopes), expiresAt: key.expires_at },
    };
    if (trusted) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(id, { key, viewer, cachedAt: now.getTime() });
    }
    return { key, viewer };
  }

  private recordUse(keyId: string, now: Date): void {
    const last = this.lastUseWritten.get(keyId);
    if (last !== undefined && now.getTime() - last < LAST_USED_EVERY_MS) return;
    this.lastUseWritten.set(keyId, now.getTime());
    this.deps
      .query(
        'UPDATE api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
        [now, keyId, now],
      )
      .catch((error: unknown) => this.deps.logger.warn({ err: error, keyId }, 'could not record key use'));
  }

  private async auditRefusal(key: StoredKey, message: string, ip: string | null): Promise<void> {
    // The refusal stands whether or not it could be recorded (the writer logs a failure).
    await this.deps.audit
      .write({
        kind: AuditKind.AUTHENTICATION,
        action: 'authenticate',
        outcome: AuditOutcome.DENIED,
        errorCode: 'UNAUTHENTICATED',
        actor: {
          userId: key.account_id,
          username: key.username,
          role: Role.PARTNER_APP,
          allianceId: key.alliance_id,
          institutionId: key.institution_id,
          apiKeyId: key.id,
        },
        ip,
        requestId: null,
        targetType: 'ApiKey',
        targetId: key.id,
        referralIds: [],
        patientIds: [],
        detail: { message },
      })
      .catch(() => undefined);
  }
}
