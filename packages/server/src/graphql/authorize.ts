import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { authorizeOperation } from '../domain/authorization.js';
import type { GraphQLContext } from './context.js';

/**
 * Puts the authorization policy (domain/authorization.ts) in front of every root field of `schema`:
 * the resolver of each Query and Mutation field and the `subscribe` of each Subscription field (which
 * TypeGraphQL's middlewares do not reach) first ask `authorizeOperation`. Done on the built schema, so
 * no resolver class can opt out and an operation without a rule is refused.
 */
export function enforceAuthorization(schema: GraphQLSchema): GraphQLSchema {
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
          return inner(source, args, context, info);
        };
      if (subscription) field.subscribe = guard(field.subscribe ?? defaultFieldResolver);
      else field.resolve = guard(field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}
