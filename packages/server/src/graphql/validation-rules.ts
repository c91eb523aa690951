import { NoSchemaIntrospectionCustomRule, specifiedRules, type ValidationRule } from 'graphql';

/**
 * Validation rules every operation must pass on top of GraphQL's own (`specifiedRules`), over HTTP
 * (Apollo's `validationRules`) and over graphql-ws (its `onSubscribe` validates with
 * {@link validationRulesFor}), so neither transport can skip one. Depth, cost and alias limits go here.
 */
export const VALIDATION_RULES: readonly ValidationRule[] = [];

/**
 * The complete rule list for a transport that validates by itself (graphql-ws): GraphQL's rules, ours,
 * and no introspection in production (as Apollo does over HTTP with `introspection: false`).
 */
export function validationRulesFor(options: { production: boolean }): readonly ValidationRule[] {
  return [
    ...specifiedRules,
    ...VALIDATION_RULES,
    ...(options.production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
}
