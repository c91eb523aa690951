import { ConfigError } from '../config.js';

/** How the real-time side of one server process behaves. */
export interface RealtimeOptions {
  /** The LISTEN/NOTIFY channel; the same on every replica of one database. */
  readonly channel: string;
  /** Read the log at least this often even without a notification (a missed NOTIFY delays, never loses). */
  readonly pollIntervalMs: number;
  /** WebSocket pings; a socket that has not answered by the next ping is dropped. */
  readonly pingIntervalMs: number;
  /** How often open sockets are checked for an expired token (also checked before every event). */
  readonly authCheckIntervalMs: number;
  /** Events older than this are pruned; older cursors get CURSOR_EXPIRED. */
  readonly retentionDays: number;
  /** How often a replica tries to prune (one at a time across replicas). */
  readonly pruneIntervalMs: number;
  /** Undelivered events one subscription may hold before its socket is closed as a slow consumer. */
  readonly maxBufferedEvents: number;
  /** Rows per relay read. */
  readonly readBatchSize: number;
  /**
   * Reads follow each other at least this far apart: a single change is read at once, a burst costs a
   * few reads instead of one per commit (the database serves every replica's reads).
   */
  readonly minReadIntervalMs: number;
  /** Likewise for this process's NOTIFYs: at most one in flight, and at least this far apart. */
  readonly minNotifyIntervalMs: number;
  /** Rows per replay page of a resuming subscription. */
  readonly replayPageSize: number;
  /** Connections of the relay's own pool (replays, shared reads, NOTIFY, pruning). */
  readonly poolSize: number;
}

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = Object.freeze({
  channel: 'yilian_events',
  pollIntervalMs: 1_000,
  pingIntervalMs: 15_000,
  authCheckIntervalMs: 15_000,
  retentionDays: 7,
  pruneIntervalMs: 3_600_000,
  maxBufferedEvents: 1_000,
  readBatchSize: 500,
  minReadIntervalMs: 4,
  minNotifyIntervalMs: 2,
  replayPageSize: 500,
  poolSize: 4,
});

function number(
  env: NodeJS.ProcessEnv,
  name: string,
  min: number,
  max: number,
  integer = true,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}

/**
 * The real-time options: defaults, then the environment (YILIAN_EVENT_RETENTION_DAYS,
 * YILIAN_EVENT_POLL_MS, YILIAN_WS_PING_SECONDS, YILIAN_SUBSCRIPTION_BUFFER), then `overrides` (tests).
 */
export function realtimeOptions(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<RealtimeOptions> = {},
): RealtimeOptions {
  const fromEnv: Partial<{ -readonly [K in keyof RealtimeOptions]: RealtimeOptions[K] }> = {};
  const retention = number(env, 'YILIAN_EVENT_RETENTION_DAYS', 0.001, 3650, false);
  if (retention !== undefined) fromEnv.retentionDays = retention;
  const poll = number(env, 'YILIAN_EVENT_POLL_MS', 50, 60_000);
  if (poll !== undefined) fromEnv.pollIntervalMs = poll;
  const ping = number(env, 'YILIAN_WS_PING_SECONDS', 1, 3600);
  if (ping !== undefined) fromEnv.pingIntervalMs = fromEnv.authCheckIntervalMs = ping * 1000;
  const buffer = number(env, 'YILIAN_SUBSCRIPTION_BUFFER', 10, 1_000_000);
  if (buffer !== undefined) fromEnv.maxBufferedEvents = buffer;
  return Object.freeze({ ...DEFAULT_REALTIME_OPTIONS, ...fromEnv, ...overrides });
}
