import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** One root field of the built schema, as the authorization policy names it (`Mutation.createReferral`). */
export interface RootOperation {
  readonly kind: 'query' | 'mutation' | 'subscription';
  /** `Query.x`, `Mutation.x`, `Subscription.x`. */
  readonly name: string;
  readonly field: GraphQLField<unknown, unknown>;
}

/** Every root field of the schema: what the authorization policy must cover. */
export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, type]) =>
    type
      ? Object.values(type.getFields()).map((field) => ({ kind, name: `${type.name}.${field.name}`, field }))
      : [],
  );
}

/**
 * A document calling one root field with every argument as a variable of its own type and the
 * smallest selection (`__typename`), so any argument values can be sent without building selections.
 */
export function operationDocument(operation: RootOperation): string {
  const args = operation.field.args;
  const declarations = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(operation.field.type)) ? '' : ' { __typename }';
  return `${operation.kind}${declarations ? `(${declarations})` : ''} { ${operation.field.name}${
    call ? `(${call})` : ''
  }${selection} }`;
}

/**
 * Schema-valid values of an input type, as little as GraphQL requires: required input fields and list
 * elements filled with a placeholder of their type, optional ones left out. For calls whose content
 * does not matter (the authorization gate answers before any argument is looked at).
 */
export function placeholderValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholderValue(type.ofType);
  if (isListType(type)) return [placeholderValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, placeholderValue(f.type)]),
    );
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2026-11-24T08:00:00+08:00';
    default:
      return 'x';
  }
}

/** Placeholder values for the required arguments of an operation. */
export function placeholderArguments(operation: RootOperation): Record<string, unknown> {
  return Object.fromEntries(
    operation.field.args
      .filter((a: GraphQLArgument) => isNonNullType(a.type))
      .map((a) => [a.name, placeholderValue(a.type)]),
  );
}
