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
  });
}
