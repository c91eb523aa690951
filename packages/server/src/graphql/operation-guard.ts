import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  isObjectType,
  responsePathAsArray,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { authorizeOperation } from '../domain/authorization.js';
import { badInput, DomainError, forbidden } from '../domain/errors.js';
import type { AuditActor } from '../modules/audit/audit-entry.js';
import { holdsReferralData, nestedFieldRefusal, rootFieldRefusal } from '../modules/identity/api-scopes.js';
import type { GraphQLContext } from './context.js';

type Resolver = GraphQLFieldResolver<unknown, GraphQLContext>;

/**
 * Puts the checks every operation must pass in front of every root field of `schema` — the resolver of
 * each Query and Mutation field and the `subscribe` of each Subscription field (which TypeGraphQL's
 * middlewares do not reach):
 * 1. the authorization policy (domain/authorization.ts): who may call the operation at all;
 * 2. an API key's scopes (identity/api-scopes.ts), also on nested fields that reach referral data;
 * 3. no text argument holds a NUL character, which PostgreSQL cannot store (it would fail as an
 *    internal error deep inside a write);
 * and audits every mutation, refused ones too (a success's entry is written inside its transaction by
 * `writeTransaction`, or here when it made no change), and every refused query.
 * Done on the built schema, so no resolver class can opt out and an operation without a rule is refused.
 * Only root fields and the few nested fields that reach referral data are wrapped: a wrapper on every
 * field would cost each request for nothing.
 */
export function guardOperations(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const type of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const operation = `${type.name}.${field.name}`;
      if (type === schema.getSubscriptionType()) field.subscribe = guardRoot(operation, field.subscribe);
      else field.resolve = guardRoot(operation, field.resolve);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.includes(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) guardReferralData(field);
  }
  return schema;
}

function guardRoot(operation: string, resolve: Resolver | undefined): Resolver {
  const inner = resolve ?? defaultFieldResolver;
  const mutation = operation.startsWith('Mutation.');
  const query = operation.startsWith('Query.');
  return async (source, args, context, info) => {
    if (mutation) context.audit.beginMutation(operation, args);
    let result: unknown;
    try {
      authorizeOperation(operation, context.viewer);
      const key = context.viewer?.apiKey;
      if (key) {
        const refusal = rootFieldRefusal(key.scopes, operation, args);
        if (refusal) throw forbidden(refusal);
      }
      rejectNulCharacters(args, '');
      result = await inner(source, args, context, info);
    } catch (error) {
      if (mutation) await context.audit.mutationFailed(error).catch(() => undefined);
      else if (query && context.viewer)
        await context.audit.readDenied(operation, args, error).catch(() => undefined);
      throw error instanceof DomainError ? locatedRefusal(error, info) : error;
    }
    if (mutation) {
      const actor = operation === 'Mutation.login' ? await loggedIn(context, result) : undefined;
      await context.audit.mutationSucceeded(actor);
    }
    return result;
  };
}

/**
 * A refusal located at its field, as graphql-js would wrap it, but without capturing a stack trace: a
 * refusal is an expected answer (most claims on a contended slot are refused), and the trace would
 * cost more than the rest of the refusal. The client sees the same error (graphql/errors.ts formats it
 * from the DomainError inside).
 */
function locatedRefusal(error: DomainError, info: GraphQLResolveInfo): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(error.message, {
      nodes: info.fieldNodes,
      path: responsePathAsArray(info.path),
      originalError: error,
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** An API key without REFERRALS_READ reaches no referral or patient data, whatever field leads there. */
function guardReferralData(field: GraphQLField<unknown, GraphQLContext>): void {
  const typeName = getNamedType(field.type).name;
  if (!holdsReferralData(typeName)) return;
  const inner = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    const key = context.viewer?.apiKey;
    if (key) {
      const refusal = nestedFieldRefusal(key.scopes, typeName);
      if (refusal) throw forbidden(refusal);
    }
    return inner(source, args, context, info);
  };
}

/** Whom a successful login logged in (its answer), so its audit entry names the user, not "anonymous". */
async function loggedIn(context: GraphQLContext, result: unknown): Promise<AuditActor | undefined> {
  const userId = (result as { viewer?: { id?: unknown } } | null)?.viewer?.id;
  if (typeof userId !== 'string') return undefined;
  const [user] = (await context.em.execute(
    'SELECT id, username, role, alliance_id, institution_id FROM user_account WHERE id = ?',
    [userId],
  )) as { id: string; username: string; role: string; alliance_id: string; institution_id: string | null }[];
  if (!user) return undefined;
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    allianceId: user.alliance_id,
    institutionId: user.institution_id,
    apiKeyId: null,
  };
}

/** BAD_USER_INPUT naming the first string inside `value` (at `path`) that holds U+0000. */
function rejectNulCharacters(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      throw badInput(path, `${path} contains a NUL character, which text may not hold`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => rejectNulCharacters(item, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) rejectNulCharacters(item, path ? `${path}.${key}` : key);
  }
}
