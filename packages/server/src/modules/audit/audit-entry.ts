import { GraphQLError } from 'graphql';
import { DomainError } from '../../domain/errors.js';
import type { Viewer } from '../identity/viewer.js';

/** What kind of access an entry records. */
export enum AuditKind {
  /** A mutation, whatever its outcome. */
  MUTATION = 'MUTATION',
  /** An operation that returned patient-identifying data (full name, clinical summary), or was refused a read. */
  READ = 'READ',
  /** A request with an API key that is revoked, expired or wrong. */
  AUTHENTICATION = 'AUTHENTICATION',
}

export enum AuditOutcome {
  OK = 'OK',
  /** Refused for who the caller is: UNAUTHENTICATED, FORBIDDEN, or NOT_FOUND (which also answers "not yours"). */
  DENIED = 'DENIED',
  /** Refused for what was asked: BAD_USER_INPUT, CONFLICT, RATE_LIMITED. */
  REFUSED = 'REFUSED',
  /** An unexpected error; the change, if any, rolled back. */
  FAILED = 'FAILED',
}

/** Who acted: a person, or a partner system's API key (acting as its institution's service account). */
export interface AuditActor {
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly allianceId: string | null;
  readonly institutionId: string | null;
  readonly apiKeyId: string | null;
}

/** One audit entry as it is written. Never holds a patient's name, resident ID or free clinical text. */
export interface AuditEntry {
  readonly kind: AuditKind;
  /** The GraphQL root field, e.g. `Mutation.acceptReferral`, `Query.referrals`; `authenticate` for keys. */
  readonly action: string;
  readonly outcome: AuditOutcome;
  /** The `extensions.code` of a refusal or failure. */
  readonly errorCode: string | null;
  readonly actor: AuditActor;
  readonly ip: string | null;
  readonly requestId: string | null;
  /** The main object acted on, when it is not (only) a referral: a slot, a bed, a key. */
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly referralIds: readonly string[];
  readonly patientIds: readonly string[];
  /** Small, non-identifying facts: the refusal's message and field, the operation name. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export const ANONYMOUS: AuditActor = Object.freeze({
  userId: null,
  username: null,
  role: null,
  allianceId: null,
  institutionId: null,
  apiKeyId: null,
});

export function actorOf(viewer: Viewer | null): AuditActor {
  if (!viewer) return ANONYMOUS;
  return {
    userId: viewer.userId,
    username: viewer.username,
    role: viewer.role,
    allianceId: viewer.allianceId,
    institutionId: viewer.institutionId,
    apiKeyId: viewer.apiKey?.id ?? null,
  };
}

const DENIED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);
const REFUSED_CODES = new Set(['BAD_USER_INPUT', 'CONFLICT', 'RATE_LIMITED', 'GRAPHQL_VALIDATION_FAILED']);

/** How an error thrown by a resolver is recorded. */
export function outcomeOf(error: unknown): {
  outcome: AuditOutcome;
  errorCode: string;
  detail: Record<string, unknown>;
} {
  let code = 'INTERNAL_SERVER_ERROR';
  const detail: Record<string, unknown> = {};
  if (error instanceof DomainError) {
    code = error.code;
    detail.message = error.message.slice(0, 200);
    if (error.field) detail.field = error.field;
  } else if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    code = error.extensions.code;
    detail.message = error.message.slice(0, 200);
  }
  const outcome = DENIED_CODES.has(code)
    ? AuditOutcome.DENIED
    : REFUSED_CODES.has(code)
      ? AuditOutcome.REFUSED
      : AuditOutcome.FAILED;
  return { outcome, errorCode: code, detail };
}

/** The columns an entry fills, in the order of {@link auditRowParams}. */
export const AUDIT_COLUMNS = [
  'kind',
  'action',
  'outcome',
  'error_code',
  'user_id',
  'username',
  'role',
  'alliance_id',
  'institution_id',
  'api_key_id',
  'ip',
  'request_id',
  'target_type',
  'target_id',
  'referral_ids',
  'patient_ids',
  'detail',
] as const;

/** Casts per column, so the placeholders need no type inference (arrays are passed as literals). */
const CASTS: Partial<Record<(typeof AUDIT_COLUMNS)[number], string>> = {
  user_id: '::uuid',
  alliance_id: '::uuid',
  institution_id: '::uuid',
  api_key_id: '::uuid',
  target_id: '::uuid',
  referral_ids: '::uuid[]',
  patient_ids: '::uuid[]',
  detail: '::jsonb',
};

/** A uuid[] literal: query builders would expand a JS array into a list of parameters. */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The parameter values of one entry, in {@link AUDIT_COLUMNS} order. */
export function auditRowParams(entry: AuditEntry): unknown[] {
  return [
    entry.kind,
    entry.action.slice(0, 200),
    entry.outcome,
    entry.errorCode,
    entry.actor.userId,
    entry.actor.username?.slice(0, 100) ?? null,
    entry.actor.role,
    entry.actor.allianceId,
    entry.actor.institutionId,
    entry.actor.apiKeyId,
    entry.ip,
    entry.requestId,
    entry.targetType,
    entry.targetId,
    uuidArray(entry.referralIds),
    uuidArray(entry.patientIds),
    JSON.stringify(entry.detail),
  ];
}

/**
 * `INSERT INTO audit_log ...` for any number of entries with one SQL text (`$n` placeholders): each
 * column's values as one text array, unnested and cast. The text never changes with the batch size,
 * so PostgreSQL can keep it prepared (the refusal writer's hot path under a burst of refused claims).
 */
export function auditBatchInsertSql(entries: readonly AuditEntry[]): SqlStatement {
  const rows = entries.map(auditRowParams);
  return {
    sql: AUDIT_BATCH_INSERT,
    params: AUDIT_COLUMNS.map((_, column) =>
      rows.map((row) => (row[column] === null || row[column] === undefined ? null : String(row[column]))),
    ),
  };
}

const AUDIT_BATCH_INSERT = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')})
  SELECT ${AUDIT_COLUMNS.map((column) => `${column}${CASTS[column] ?? ''}`).join(', ')}
  FROM unnest(${AUDIT_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS e(${AUDIT_COLUMNS.join(', ')})`;

export interface SqlStatement {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * `INSERT INTO audit_log ...` for entries, as SQL (`?` placeholders) and parameters. The statement can
 * also sit in a larger one, e.g. the slot claim's `WITH ... scheduled AS (UPDATE ...), audited AS
 * (<this>)`; with `when` (one entry), the row is written only if that SQL condition holds, e.g.
 * `EXISTS (SELECT 1 FROM scheduled)`. The time and transaction id are stamped by the database.
 */
export function auditInsertSql(
  entries: readonly AuditEntry[],
  options: { when?: string } = {},
): SqlStatement {
  const values = entries.map(() => AUDIT_COLUMNS.map((column) => `?${CASTS[column] ?? ''}`).join(', '));
  const into = `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')})`;
  if (options.when !== undefined && entries.length !== 1)
    throw new Error('a conditional audit insert takes exactly one entry');
  return {
    sql:
      options.when !== undefined
        ? `${into} SELECT ${values[0]} WHERE ${options.when}`
        : `${into} VALUES ${values.map((row) => `(${row})`).join(', ')}`,
    params: entries.flatMap(auditRowParams),
  };
}
