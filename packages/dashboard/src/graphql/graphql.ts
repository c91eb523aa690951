import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * `graphql(...)`: every operation of the dashboard is written with this tag and typed from the
 * repository's `schema.graphql` (gql.tada). `graphql-env.d.ts` is generated from that file by
 * `pnpm codegen` (run by build, typecheck and test), and `gql.tada check` fails the typecheck when an
 * operation no longer matches the schema.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** RFC 3339 strings as the server sends them; parsed where they are shown. */
    DateTime: string;
    ID: string;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
