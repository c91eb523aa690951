import { resolve } from 'node:path';

/** How the server finds its PostgreSQL: an external URL, or the embedded one in a local folder. */
export type DatabaseConfig = { mode: 'external'; url: string } | { mode: 'embedded'; dataDir: string };

/** The whole configuration, parsed once from the environment and frozen. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Seed the demo alliance into an empty database. */
  readonly seedDemo: boolean;
  readonly production: boolean;
  /**
   * Master secret: signs tokens and derives the keys that hash and encrypt resident IDs.
   * Undefined means "use the one kept in the embedded data folder" (embedded mode only).
   */
  readonly secret: string | undefined;
  readonly tokenTtlSeconds: number;
  /** How often expired holds, due slot releases and overdue referrals are swept. */
  readonly sweepIntervalMs: number;
  readonly logLevel: string;
  /** Where the built dashboard lives; served at `/` when the folder exists. */
  readonly dashboardDir: string;
  /**
   * Other origins whose pages may call the API (CORS) and open its WebSocket; the server's own origin
   * (the dashboard) needs no entry.
   */
  readonly corsOrigins: readonly string[];
  readonly limits: Limits;
}

/** What one GraphQL operation may be, over HTTP and WebSocket alike (docs/limits.md). */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens of the document: enforced by the parser, before anything else is spent on it. */
  readonly maxTokens: number;
  /** Estimated fields resolved, with lists multiplied by their page size (`first`) or expected length. */
  readonly maxCost: number;
}

/** A budget of `points` per `windowSeconds`, per key (credential or address), in each replica. */
export interface Budget {
  readonly points: number;
  readonly windowSeconds: number;
}

export interface Limits {
  readonly operation: OperationLimits;
  /** Largest HTTP request body and largest graphql-ws message, in bytes. */
  readonly maxBodyBytes: number;
  /** GraphQL operations (HTTP requests and graphql-ws subscribe messages) per user or API key. */
  readonly operationsPerCredential: Budget;
  /** The same without credentials, per client address. */
  readonly operationsPerAddress: Budget;
  /** graphql-ws connections per credential (per address without one). */
  readonly socketsPerCredential: Budget;
  /** Failed logins per account, then per address, before logins are refused for `windowSeconds`. */
  readonly loginFailuresPerAccount: Budget;
  readonly loginFailuresPerAddress: Budget;
}

/** Thrown for configuration the server cannot start with; index.ts prints its message as one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const projectRoot = resolve(import.meta.dirname, '..', '..', '..');

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${raw}"`);
}

function origins(env: NodeJS.ProcessEnv, production: boolean): readonly string[] {
  const raw = env.YILIAN_CORS_ORIGINS;
  // In development the Vite dev server (5173) and `vite preview` (4173) proxy to the API from their own origin.
  if (raw === undefined || raw.trim() === '') {
    return production ? [] : ['http://localhost:5173', 'http://localhost:4173'];
  }
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== value) {
      throw new ConfigError(
        `YILIAN_CORS_ORIGINS must be a comma-separated list of origins like https://his.example.org, got "${value}"`,
      );
    }
    return value;
  });
}

function budget(
  env: NodeJS.ProcessEnv,
  name: string,
  points: number,
  windowName: string,
  windowSeconds: number,
): Budget {
  return Object.freeze({
    points: integer(env, name, points, 1, 100_000_000),
    windowSeconds: integer(env, windowName, windowSeconds, 1, 86_400),
  });
}

function limits(env: NodeJS.ProcessEnv): Limits {
  const rate = (name: string, points: number) =>
    budget(env, name, points, 'YILIAN_RATE_LIMIT_WINDOW_SECONDS', 10);
  const login = (name: string, points: number) =>
    budget(env, name, points, 'YILIAN_LOGIN_LOCKOUT_SECONDS', 900);
  return Object.freeze({
    operation: Object.freeze({
      maxDepth: integer(env, 'YILIAN_MAX_DEPTH', 12, 2, 1000),
      maxAliases: integer(env, 'YILIAN_MAX_ALIASES', 30, 0, 10_000),
      maxDirectives: integer(env, 'YILIAN_MAX_DIRECTIVES', 50, 0, 10_000),
      maxTokens: integer(env, 'YILIAN_MAX_TOKENS', 5_000, 100, 1_000_000),
      maxCost: integer(env, 'YILIAN_MAX_COST', 2_000_000, 100, 1_000_000_000),
    }),
    maxBodyBytes: integer(env, 'YILIAN_MAX_BODY_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    // Generous: one credential's benchmark load (hundreds of claims/s, thousands of sockets) passes.
    operationsPerCredential: rate('YILIAN_RATE_LIMIT', 6_000),
    operationsPerAddress: rate('YILIAN_RATE_LIMIT_ANONYMOUS', 600),
    socketsPerCredential: rate('YILIAN_RATE_LIMIT_SOCKETS', 3_000),
    loginFailuresPerAccount: login('YILIAN_LOGIN_FAILURES_PER_ACCOUNT', 10),
    loginFailuresPerAddress: login('YILIAN_LOGIN_FAILURES_PER_ADDRESS', 100),
  });
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses the environment into an {@link AppConfig}; throws {@link ConfigError} with one clear sentence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const url = env.DATABASE_URL?.trim();
  let database: DatabaseConfig;
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(
        'DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)',
      );
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new ConfigError(
        `DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//"`,
      );
    }
    database = { mode: 'external', url };
  } else {
    database = {
      mode: 'embedded',
      dataDir: resolve(env.YILIAN_DATA_DIR || resolve(projectRoot, '.yilian-data')),
    };
  }

  const secret = env.YILIAN_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('YILIAN_SECRET must be at least 32 characters long');
  }
  if (secret === undefined && database.mode === 'external') {
    throw new ConfigError(
      'YILIAN_SECRET is required with DATABASE_URL (all replicas must share it; e.g. `openssl rand -base64 48`)',
    );
  }

  const logLevel = env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  return Object.freeze({
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    database: Object.freeze(database),
    seedDemo: flag(env, 'YILIAN_DEMO', database.mode === 'embedded'),
    production,
    secret,
    tokenTtlSeconds: integer(env, 'YILIAN_TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    sweepIntervalMs: integer(env, 'YILIAN_SWEEP_INTERVAL_SECONDS', 30, 1, 3600) * 1000,
    logLevel,
    dashboardDir: resolve(env.YILIAN_DASHBOARD_DIR || resolve(projectRoot, 'packages', 'dashboard', 'dist')),
    corsOrigins: Object.freeze(origins(env, production)),
    limits: limits(env),
  });
}
