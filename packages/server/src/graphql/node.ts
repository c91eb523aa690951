import { Field, ID, InterfaceType } from 'type-graphql';
import { nodeTypeOf } from './global-id.js';

/** Relay's Node: anything with a global ID that `Query.node` can fetch. */
@InterfaceType('Node', { resolveType: (value: object) => nodeTypeOf(value) })
export abstract class Node {
  @Field(() => ID, { description: 'Global ID: opaque, stable, unique across types.' })
  id!: string;
}
