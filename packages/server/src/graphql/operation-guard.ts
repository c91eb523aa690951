import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { authorizeOperation } from '../domain/authorization.js';
import { badInput } from '../domain/errors.js';
import type { GraphQLContext } from './context.js';

/**
 * Puts two checks in front of every root field of `schema` — the resolver of each Query and Mutation
 * field and the `subscribe` of each Subscription field (which TypeGraphQL's middlewares do not reach):
 * 1. the authorization policy (domain/authorization.ts): who may call the operation at all;
 * 2. no text argument holds a NUL character, which PostgreSQL cannot store (it would fail as an
 *    internal error deep inside a write).
 * Done on the built schema, so no resolver class can opt out and an operation without a rule is refused.
 */
export function guardOperations(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const type of roots) {
    if (!type) continue;
    const subscription = type === schema.getSubscriptionType();
    for (const field of Object.values(type.getFields())) {
      const operation = `${type.name}.${field.name}`;
      const guard =
        (
          inner: GraphQLFieldResolver<unknown, GraphQLContext>,
        ): GraphQLFieldResolver<unknown, GraphQLContext> =>
        (source, args, context, info) => {
          authorizeOperation(operation, context.viewer);
          rejectNulCharacters(args, '');
          return inner(source, args, context, info);
        };
      if (subscription) field.subscribe = guard(field.subscribe ?? defaultFieldResolver);
      else field.resolve = guard(field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
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
