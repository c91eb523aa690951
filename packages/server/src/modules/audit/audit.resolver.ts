import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../../domain/enums.js';
import { badInput } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { NODE_TYPES, parseGlobalId, toGlobalId, type NodeTypeName } from '../../graphql/global-id.js';
import {
  connectionTypes,
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
} from '../../graphql/pagination.js';
import { DateTime } from '../../graphql/scalars.js';
import { Institution } from '../alliance/institution.entity.js';
import { rows } from '../shared/write.js';
import { verifyAuditChain } from './audit-chain.js';
import { AuditKind, AuditOutcome } from './audit-entry.js';

@ObjectType('AuditEntry', {
  description: 'One audited access: who, what, when, from where, with what outcome.',
})
export class AuditEntryType {
  @Field(() => ID, { description: 'The entry’s number (increasing in write order).' })
  id!: string;

  @Field(() => DateTime, { description: 'When the writing transaction started (database clock).' })
  at!: Date;

  @Field(() => AuditKind)
  kind!: AuditKind;

  @Field(() => String, {
    description: 'The operation: `Mutation.acceptReferral`, `Query.referrals`, `authenticate`.',
  })
  action!: string;

  @Field(() => AuditOutcome)
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'The refusal’s or failure’s extensions.code.' })
  errorCode!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The user (for an API key: its institution’s service account).',
  })
  userId!: string | null;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => Role, { nullable: true })
  role!: Role | null;

  institutionId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key used, if any (ApiKey.id).' })
  apiKeyId!: string | null;

  @Field(() => String, { nullable: true, description: 'The client’s address as the server saw it.' })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The type of the main object acted on (Slot, Bed, ApiKey...).',
  })
  targetType!: string | null;

  @Field(() => ID, { nullable: true, description: 'Its ID (a global ID for node types).' })
  targetId!: string | null;

  @Field(() => [ID], { description: 'Referrals acted on or read (global IDs).' })
  referralIds!: string[];

  @Field(() => [ID], { description: 'Patients whose identifying data was read or written (global IDs).' })
  patientIds!: string[];

  @Field(() => String, { description: 'Small facts as JSON: a refusal’s message and field.' })
  detail!: string;

  @Field(() => Boolean, {
    description: 'Whether the entry is sealed into the hash chain yet (within seconds).',
  })
  sealed!: boolean;
}

export const { ConnectionType: AuditEntryConnection } = connectionTypes('AuditEntry', AuditEntryType);

@InputType('AuditLogFilter')
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'The acting user (AuditEntry.userId).' })
  userId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key used (ApiKey.id).' })
  apiKeyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The acting user’s institution.' })
  institutionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly, e.g. `Mutation.claimSlot`.' })
  action?: string | null;

  @Field(() => AuditKind, { nullable: true })
  kind?: AuditKind | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => ID, { nullable: true, description: 'Entries that acted on or read this referral.' })
  referralId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Entries that read or wrote this patient’s identifying data.',
  })
  patientId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'At or after.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Before.' })
  to?: Date | null;
}

@ObjectType('AuditChainVerification')
export class AuditChainVerification {
  @Field(() => Boolean, { description: 'No sealed entry was altered, deleted, inserted or reordered.' })
  valid!: boolean;

  @Field(() => Int)
  checkedEntries!: number;

  @Field(() => Int, { description: 'Entries written since the last seal (sealed within seconds).' })
  unsealedEntries!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The chain’s last hash: keep a copy outside the database to detect a cut-off tail later.',
  })
  headHash!: string | null;

  @Field(() => ID, { nullable: true })
  firstBadEntryId!: string | null;

  @Field(() => String, { nullable: true })
  problem!: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  kind: AuditKind;
  action: string;
  outcome: AuditOutcome;
  error_code: string | null;
  user_id: string | null;
  username: string | null;
  role: Role | null;
  institution_id: string | null;
  api_key_id: string | null;
  ip: string | null;
  request_id: string | null;
  target_type: string | null;
  target_id: string | null;
  referral_ids: string[];
  patient_ids: string[];
  detail: Record<string, unknown>;
  sealed: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidArgument(value: string, field: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} is not a valid id`);
  return value;
}

function toEntry(row: AuditRow): AuditEntryType {
  const nodeType = (NODE_TYPES as readonly string[]).includes(row.target_type ?? '')
    ? (row.target_type as NodeTypeName)
    : null;
  return {
    id: row.id,
    at: new Date(row.at),
    kind: row.kind,
    action: row.action,
    outcome: row.outcome,
    errorCode: row.error_code,
    userId: row.user_id,
    username: row.username,
    role: row.role,
    institutionId: row.institution_id,
    apiKeyId: row.api_key_id,
    ip: row.ip,
    requestId: row.request_id,
    targetType: row.target_type,
    targetId: row.target_id && nodeType ? toGlobalId(nodeType, row.target_id) : row.target_id,
    referralIds: row.referral_ids.map((id) => toGlobalId('Referral', id)),
    patientIds: row.patient_ids.map((id) => toGlobalId('Patient', id)),
    detail: JSON.stringify(row.detail),
    sealed: row.sealed,
  };
}

/** The audit log, for the alliance's administrators: filtered, newest first, in pages. */
@Resolver(() => AuditEntryType)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'Audit entries of the alliance (and anonymous attempts), newest first (ADMIN only). Filters combine with AND.',
  })
  async auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<AuditEntryType>> {
    const viewer = viewerOf(ctx);
    const limit = pageSize(first);
    const position = decodeCursor(after, ['string'] as const);
    if (position && !/^\d{1,19}$/.test(position[0]))
      throw badInput('after', 'after is not a cursor of this list');
    const where = ['(a.alliance_id = ? OR a.alliance_id IS NULL)'];
    const params: unknown[] = [viewer.allianceId];
    const add = (condition: string, value: unknown) => {
      where.push(condition);
      params.push(value);
    };
    const f = filter ?? {};
    if (f.userId) add('a.user_id = ?', uuidArgument(f.userId, 'filter.userId'));
    if (f.apiKeyId) add('a.api_key_id = ?', uuidArgument(f.apiKeyId, 'filter.apiKeyId'));
    if (f.institutionId)
      add('a.institution_id = ?', parseGlobalId(f.institutionId, 'Institution', 'filter.institutionId'));
    if (f.action) add('a.action = ?', f.action);
    if (f.kind) add('a.kind = ?', f.kind);
    if (f.outcome) add('a.outcome = ?', f.outcome);
    if (f.referralId)
      add('a.referral_ids @> ARRAY[?]::uuid[]', parseGlobalId(f.referralId, 'Referral', 'filter.referralId'));
    if (f.patientId)
      add('a.patient_ids @> ARRAY[?]::uuid[]', parseGlobalId(f.patientId, 'Patient', 'filter.patientId'));
    if (f.from) add('a.at >= ?', new Date(f.from));
    if (f.to) add('a.at < ?', new Date(f.to));
    if (f.from && f.to && new Date(f.from).getTime() > new Date(f.to).getTime())
      throw badInput('filter.to', 'filter.to must not be before filter.from');
    const filtered = where.join(' AND ');
    const paged = position ? `${filtered} AND a.id < ?` : filtered;
    const [found, [count]] = await Promise.all([
      rows<AuditRow>(
        ctx.em,
        `SELECT a.id::text AS id, a.at, a.kind, a.action, a.outcome, a.error_code, a.user_id, a.username, a.role,
                a.institution_id, a.api_key_id, a.ip, a.request_id, a.target_type, a.target_id, a.referral_ids,
                a.patient_ids, a.detail, EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = a.id) AS sealed
           FROM audit_log a WHERE ${paged} ORDER BY a.id DESC LIMIT ${limit + 1}`,
        position ? [...params, position[0]] : params,
      ),
      rows<{ n: number }>(ctx.em, `SELECT count(*)::int AS n FROM audit_log a WHERE ${filtered}`, params),
    ]);
    return toConnection(
      found.map(toEntry),
      limit,
      count?.n ?? 0,
      (entry) => entry,
      (entry) => [entry.id],
    );
  }

  @Query(() => AuditChainVerification, {
    description:
      'Recomputes the audit log’s hash chain (ADMIN only) and reports the first entry altered, deleted or ' +
      'slipped in, if any.',
  })
  async verifyAuditChain(@Ctx() ctx: GraphQLContext): Promise<AuditChainVerification> {
    viewerOf(ctx);
    return verifyAuditChain(ctx.em, ctx.services.keys.auditChain);
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The acting user’s or key’s institution.',
  })
  async institution(@Root() entry: AuditEntryType, @Ctx() ctx: GraphQLContext): Promise<Institution | null> {
    return entry.institutionId ? ctx.loaders.institution.load(entry.institutionId) : null;
  }
}
