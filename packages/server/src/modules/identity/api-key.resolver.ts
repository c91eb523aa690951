import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Role } from '../../domain/enums.js';
import { badInput, conflict, notFound } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { DateTime } from '../../graphql/scalars.js';
import { appendEvent } from '../../realtime/event-log.writer.js';
import { Institution } from '../alliance/institution.entity.js';
import { eventActorOf, rows, writeTransaction } from '../shared/write.js';
import { ApiScope } from './api-scopes.js';
import { apiKeyPrefix, newApiKey } from './api-keys.js';

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

@ObjectType('ApiKey', {
  description: 'A partner system’s credential for one member institution (role PARTNER_APP).',
})
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'What the key is for, e.g. "望江社区 HIS (production)".' })
  name!: string;

  @Field(() => String, {
    description: 'The key’s public beginning (ylk_<id>): tells which key a client holds; not a secret.',
  })
  prefix!: string;

  @Field(() => [ApiScope])
  scopes!: ApiScope[];

  institutionId!: string;

  @Field(() => String, { description: 'Username of the person who issued the key.' })
  createdBy!: string;

  @Field(() => DateTime)
  createdAt!: Date;

  @Field(() => DateTime)
  expiresAt!: Date;

  @Field(() => DateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Username of the person who revoked the key.' })
  revokedBy!: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'When the key was last used (recorded at most once a minute per server).',
  })
  lastUsedAt!: Date | null;

  @Field(() => ApiKeyStatus)
  status!: ApiKeyStatus;
}

@ObjectType('IssuedApiKey')
export class IssuedApiKey {
  @Field(() => String, {
    description:
      'The key, shown this once and never again (only a keyed hash is stored). Send it as ' +
      '`Authorization: Bearer <key>`, or as the `authorization` connection parameter over graphql-ws.',
  })
  key!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}

@InputType('IssueApiKeyInput')
export class IssueApiKeyInput {
  @Field(() => ID, { description: 'The member institution the key acts for.' })
  institutionId!: string;

  @Field(() => String, { description: '1 to 100 characters.' })
  name!: string;

  @Field(() => [ApiScope], { description: 'At least one.' })
  scopes!: ApiScope[];

  @Field(() => DateTime, { description: 'In the future, at most 366 days ahead. Rotate before it.' })
  expiresAt!: Date;
}

const MAX_LIFETIME_MS = 366 * 86_400_000;

interface ApiKeyRow {
  id: string;
  name: string;
  scopes: ApiScope[];
  institution_id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

const SELECT_KEYS = `SELECT k.id, k.name, k.scopes, k.institution_id, c.username AS created_by, k.created_at,
    k.expires_at, k.revoked_at, r.username AS revoked_by, k.last_used_at
  FROM api_key k JOIN user_account c ON c.id = k.created_by_user_id
  LEFT JOIN user_account r ON r.id = k.revoked_by_user_id`;

function toApiKey(row: ApiKeyRow, now: Date): ApiKeyType {
  const expiresAt = new Date(row.expires_at);
  return {
    id: row.id,
    name: row.name,
    prefix: apiKeyPrefix(row.id),
    scopes: row.scopes,
    institutionId: row.institution_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    expiresAt,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    revokedBy: row.revoked_by,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    status: row.revoked_at
      ? ApiKeyStatus.REVOKED
      : expiresAt.getTime() <= now.getTime()
        ? ApiKeyStatus.EXPIRED
        : ApiKeyStatus.ACTIVE,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function keyById(em: EntityManager, id: string, allianceId: string): Promise<ApiKeyRow | undefined> {
  const [row] = await rows<ApiKeyRow>(em, `${SELECT_KEYS} WHERE k.id = ? AND k.alliance_id = ?`, [
    id,
    allianceId,
  ]);
  return row;
}

/**
 * The institution's service account (role PARTNER_APP, no password) that its keys act as, created
 * with the first key: what a key creates is attributed to it, and an idempotency key still matches
 * after the partner rotates its key.
 */
async function serviceAccount(
  tx: EntityManager,
  institution: { id: string; alliance_id: string; code: string; alliance_code: string; name: string },
): Promise<string> {
  const username = `api.${institution.alliance_code}.${institution.code}`.toLowerCase();
  // "!" is no scrypt hash: no password ever verifies against it, so the account cannot log in.
  await tx.execute(
    `INSERT INTO user_account (id, username, display_name, password_hash, role, alliance_id, institution_id)
     VALUES (gen_random_uuid(), ?, ?, '!', 'PARTNER_APP', ?, ?) ON CONFLICT (username) DO NOTHING`,
    [username, `${institution.name}（系统接口）`, institution.alliance_id, institution.id],
  );
  const [account] = await rows<{ id: string; role: string; institution_id: string | null }>(
    tx,
    'SELECT id, role, institution_id FROM user_account WHERE username = ?',
    [username],
  );
  if (!account || account.role !== Role.PARTNER_APP || account.institution_id !== institution.id)
    throw conflict(`the service account name ${username} is taken by another account`);
  return account.id;
}

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Mutation(() => IssuedApiKey, {
    description:
      'Issues an API key to one member institution (ADMIN or COORDINATOR). The key is in this answer only. ' +
      'To rotate: issue a new key, switch the partner system to it, then revoke the old one.',
  })
  async issueApiKey(
    @Arg('input', () => IssueApiKeyInput) input: IssueApiKeyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IssuedApiKey> {
    const viewer = viewerOf(ctx);
    const now = ctx.services.clock();
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100)
      throw badInput('input.name', 'name must be 1 to 100 characters');
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0) throw badInput('input.scopes', 'give the key at least one scope');
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime())
      throw badInput('input.expiresAt', 'expiresAt must be in the future');
    if (expiresAt.getTime() - now.getTime() > MAX_LIFETIME_MS)
      throw badInput('input.expiresAt', 'a key may live at most 366 days; rotate it before then');
    const institutionId = parseGlobalId(input.institutionId, 'Institution', 'input.institutionId');
    const issued = newApiKey();
    ctx.audit.target('ApiKey', issued.id);
    const row = await writeTransaction(ctx, async (tx) => {
      const [institution] = await rows<{
        id: string;
        alliance_id: string;
        code: string;
        alliance_code: string;
        name: string;
      }>(
        tx,
        `SELECT i.id, i.alliance_id, i.code, a.code AS alliance_code, i.name
           FROM institution i JOIN alliance a ON a.id = i.alliance_id WHERE i.id = ? AND i.alliance_id = ?`,
        [institutionId, viewer.allianceId],
      );
      if (!institution)
        throw badInput('input.institutionId', 'institutionId is not a member of your alliance');
      const accountId = await serviceAccount(tx, institution);
      await tx.execute(
        `INSERT INTO api_key (id, alliance_id, institution_id, account_id, name, scopes, secret_hash, created_at,
           created_by_user_id, expires_at)
         VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)`,
        [
          issued.id,
          institution.alliance_id,
          institution.id,
          accountId,
          name,
          `{${scopes.join(',')}}`,
          ctx.services.keys.hashApiKeySecret(issued.secret),
          now,
          viewer.userId,
          expiresAt,
        ],
      );
      return (await keyById(tx, issued.id, viewer.allianceId))!;
    });
    ctx.services.logger.info(
      { keyId: issued.id, institutionId, scopes, by: viewer.username },
      'API key issued',
    );
    return { key: issued.key, apiKey: toApiKey(row, now) };
  }

  @Mutation(() => ApiKeyType, {
    description:
      'Revokes an API key at once: requests with it are refused from now on and its open WebSockets are ' +
      'closed (4401), on every server. Revoking a revoked key changes nothing.',
  })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ApiKeyType> {
    const viewer = viewerOf(ctx);
    if (!UUID.test(id)) throw badInput('id', 'id is not the id of an API key');
    ctx.audit.target('ApiKey', id);
    const now = ctx.services.clock();
    const row = await writeTransaction(ctx, async (tx) => {
      const [revoked] = await rows<{ institution_id: string }>(
        tx,
        `UPDATE api_key SET revoked_at = ?, revoked_by_user_id = ?
          WHERE id = ? AND alliance_id = ? AND revoked_at IS NULL RETURNING institution_id`,
        [now, viewer.userId, id, viewer.allianceId],
      );
      if (revoked) {
        // Every replica's relay reads this and drops the key, closing its sockets (see ApiKeyService).
        await appendEvent(tx, {
          allianceId: viewer.allianceId,
          type: 'apikey.REVOKED',
          aggregateType: 'ApiKey',
          aggregateId: id,
          institutionIds: [revoked.institution_id],
          departmentIds: [],
          actor: eventActorOf(ctx),
        });
      }
      const key = await keyById(tx, id, viewer.allianceId);
      if (!key) throw notFound('API key');
      return key;
    });
    // This process need not wait for its relay to read the event.
    ctx.services.apiKeys.revoked(id);
    ctx.services.logger.info({ keyId: id, by: viewer.username }, 'API key revoked');
    return toApiKey(row, now);
  }

  @Query(() => [ApiKeyType], {
    description:
      'The alliance’s API keys (ADMIN or COORDINATOR), newest first, with revoked and expired ones.',
  })
  async apiKeys(
    @Arg('institutionId', () => ID, { nullable: true }) institutionId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ApiKeyType[]> {
    const viewer = viewerOf(ctx);
    const params: unknown[] = [viewer.allianceId];
    let where = 'k.alliance_id = ?';
    if (institutionId) {
      params.push(parseGlobalId(institutionId, 'Institution', 'institutionId'));
      where += ' AND k.institution_id = ?';
    }
    const found = await rows<ApiKeyRow>(
      ctx.em,
      `${SELECT_KEYS} WHERE ${where} ORDER BY k.created_at DESC, k.id`,
      params,
    );
    const now = ctx.services.clock();
    return found.map((row) => toApiKey(row, now));
  }

  @FieldResolver(() => Institution)
  async institution(@Root() key: ApiKeyType, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(key.institutionId))!;
  }
}
