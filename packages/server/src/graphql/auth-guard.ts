import { getNamedType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { forbidden } from '../domain/errors.js';
import type { AuditActor } from '../modules/audit/audit-entry.js';
import { nestedFieldRefusal, rootFieldRefusal } from '../modules/identity/api-scopes.js';
import type { GraphQLContext } from './context.js';
import { viewerOf } from './context.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** The only operation open without a token. */
const PUBLIC_FIELDS = new Set(['Mutation.login']);

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

/**
 * Every root field but login requires an authenticated viewer (UNAUTHENTICATED otherwise); an API key
 * only what its scopes cover (FORBIDDEN otherwise, on nested referral and patient fields too). Every
 * mutation is audited: its OK entry is written inside its transaction by `writeTransaction` (or here,
 * when it made no change), a refusal or failure here after the rollback. Reads refused to an
 * authenticated caller are audited too; reads of identifying data are collected by the fields that
 * return it and written when the operation ends (see AuditTrail).
 */
export const requireAuthentication: MiddlewareFn<GraphQLContext> = async ({ info, context, args }, next) => {
  const parent = info.parentType.name;
  if (!ROOT_TYPES.has(parent)) {
    const key = context.viewer?.apiKey;
    if (key) {
      const refusal = nestedFieldRefusal(key.scopes, getNamedType(info.returnType).name);
      if (refusal) throw forbidden(refusal);
    }
    return next();
  }
  const field = `${parent}.${info.fieldName}`;
  const mutation = parent === 'Mutation';
  if (mutation) context.audit.beginMutation(field, args);
  let result: unknown;
  try {
    if (!PUBLIC_FIELDS.has(field)) {
      const viewer = viewerOf(context);
      if (viewer.apiKey) {
        const refusal = rootFieldRefusal(viewer.apiKey.scopes, field, args);
        if (refusal) throw forbidden(refusal);
      }
    }
    result = await next();
  } catch (error) {
    if (mutation) await context.audit.mutationFailed(error).catch(() => undefined);
    else if (parent === 'Query') await context.audit.readDenied(field, args, error).catch(() => undefined);
    throw error;
  }
  if (mutation) {
    const actor = field === 'Mutation.login' ? await loggedIn(context, result) : undefined;
    await context.audit.mutationSucceeded(actor);
  }
  return result;
};
