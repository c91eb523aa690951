import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNullableType,
  getOperationAST,
  GraphQLError,
  isListType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { OperationLimits } from '../config.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';

/**
 * The operation limits, in one place for both transports: HTTP (Apollo's `parseOptions`,
 * `validationRules` and {@link costLimitPlugin}) and graphql-ws (`onSubscribe` parses with
 * {@link parseOptions}, validates with {@link validationRulesFor} and checks {@link costRefusal}),
 * so neither can skip one. docs/limits.md lists them.
 */

/** The `extensions.code` of an operation refused for its depth, aliases, directives or cost. */
export const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

type Limit = 'depth' | 'aliases' | 'directives' | 'cost';

function tooComplex(limit: Limit, maximum: number, message: string, actual?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: TOO_COMPLEX, limit, maximum, ...(actual === undefined ? {} : { actual }) },
  });
}

/** The token limit is the parser's: a huge document is refused while it is read, not after. */
export function parseOptions(limits: OperationLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * Depth, alias and directive limits (graphql-armor's rules). They report a {@link TOO_COMPLEX}
 * error instead of throwing, so validation goes on and the client gets a normal error response.
 */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  const report = (limit: Limit, maximum: number) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(tooComplex(limit, maximum, error.message.replace(/^Syntax Error: /, ''))),
    ],
  });
  return [
    maxDepthRule({ n: limits.maxDepth, ...report('depth', limits.maxDepth) }),
    maxAliasesRule({ n: limits.maxAliases, ...report('aliases', limits.maxAliases) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report('directives', limits.maxDirectives) }),
  ];
}

/**
 * The complete rule list for a transport that validates by itself (graphql-ws): GraphQL's rules, ours,
 * and no introspection in production (as Apollo does over HTTP with `introspection: false`).
 */
export function validationRulesFor(options: {
  production: boolean;
  limits: OperationLimits;
}): readonly ValidationRule[] {
  return [
    ...specifiedRules,
    ...limitRules(options.limits),
    ...(options.production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
}

/**
 * Lists without `first` whose length we know better than {@link DEFAULT_LIST_LENGTH}: an upper
 * estimate, so that a query walking them in a loop (beds of the department of a bed …) is refused.
 */
const LIST_LENGTHS: Readonly<Record<string, number>> = {
  'Query.alliances': 1, // the viewer's own alliance
  'Department.beds': 100,
  'Institution.bedAvailability': 30, // per department and bed kind
  'Alliance.bedAvailability': 200, // per member, department and bed kind
  'Query.primaryCareConditions': 100, // the catalogue
};
const DEFAULT_LIST_LENGTH = 10;

/**
 * Every field costs 1 plus what it selects, times how many it returns: `first` for a connection (the
 * page size it can actually get, so a too-large `first` is refused by its own BAD_USER_INPUT), an
 * expected length for other lists; a connection's `edges` are already counted by its `first`.
 */
const listSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.args.some((argument) => argument.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + childComplexity * Math.min(Math.max(first, 0), MAX_PAGE_SIZE);
  }
  if (!isListType(getNullableType(field.type)) || field.name === 'edges') return 1 + childComplexity;
  return 1 + childComplexity * (LIST_LENGTHS[`${type.name}.${field.name}`] ?? DEFAULT_LIST_LENGTH);
};

/** The variables an operation's cost can depend on: those given to `first` (and `@skip`/`@include`). */
const costVariablesOf = new WeakMap<DocumentNode, readonly string[]>();
function costVariables(document: DocumentNode): readonly string[] {
  let names = costVariablesOf.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Argument(node) {
        if ((node.name.value === 'first' || node.name.value === 'if') && node.value.kind === Kind.VARIABLE) {
          found.add(node.value.name.value);
        }
      },
    });
    costVariablesOf.set(document, (names = [...found]));
  }
  return names;
}

/**
 * Costs by document (Apollo and our graphql-ws cache parse the same text to the same document), then
 * by operation and the values of its cost variables: walking a document costs more than the rest of a
 * small mutation, and a client sends the same few operations again and again.
 */
const costsOf = new WeakMap<DocumentNode, Map<string, number | null>>();
const COSTS_PER_DOCUMENT = 64;

/** The estimated cost; null when it cannot be told (bad variables: execution refuses them). */
function estimatedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number | null {
  let costs = costsOf.get(document);
  if (!costs) costsOf.set(document, (costs = new Map()));
  const key = JSON.stringify([
    operationName ?? null,
    ...costVariables(document).map((name) => variables[name]),
  ]);
  let cost = costs.get(key);
  if (cost === undefined) {
    try {
      cost = getComplexity({
        schema,
        query: document,
        operationName,
        variables,
        estimators: [listSizeEstimator],
      });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // The library stops walking fragments spread into each other too many times over.
      cost = /maximum allowed number of nodes/.test(error.message) ? Number.POSITIVE_INFINITY : null;
    }
    if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
    costs.set(key, cost);
  }
  return cost;
}

/**
 * The cost refusal of a valid operation, or null when it is within the limit. Cost depends on the
 * variables (`first: $n`), so it is checked once they are known, not in the (cached) validation.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  // No such operation: execution refuses it with its own error.
  if (!operation) return null;
  const cost = estimatedCost(schema, document, operation.name?.value, variables ?? {});
  if (cost === null || cost <= limits.maxCost) return null;
  return tooComplex(
    'cost',
    limits.maxCost,
    Number.isFinite(cost)
      ? `Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`
      : 'Query cost limit exceeded: too many fields to walk.',
    Number.isFinite(cost) ? cost : undefined,
  );
}

/** {@link costRefusal} over HTTP: a refused operation answers 400 before anything is executed. */
export function costLimitPlugin<T extends object>(limits: OperationLimits): ApolloServerPlugin<T> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operationName, request }) => {
        const refusal = costRefusal(schema, document, operationName, request.variables, limits);
        if (refusal) {
          throw new GraphQLError(refusal.message, {
            extensions: { ...refusal.extensions, http: { status: 400 } },
          });
        }
      },
    }),
  };
}
