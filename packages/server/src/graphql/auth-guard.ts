import type { MiddlewareFn } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { viewerOf } from './context.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** The only operation open without a token. */
const PUBLIC_FIELDS = new Set(['Mutation.login']);

/** Every root field but login requires an authenticated viewer (UNAUTHENTICATED otherwise). */
export const requireAuthentication: MiddlewareFn<GraphQLContext> = async ({ info, context }, next) => {
  const parent = info.parentType.name;
  if (ROOT_TYPES.has(parent) && !PUBLIC_FIELDS.has(`${parent}.${info.fieldName}`)) viewerOf(context);
  return next();
};
