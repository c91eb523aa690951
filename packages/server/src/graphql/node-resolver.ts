import type { ClassType } from 'type-graphql';
import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { toGlobalId, type NodeTypeName } from './global-id.js';

/** Base for the resolver of every Node type: its `id` is the global ID, never the database key. */
export function NodeResolver<T extends { id: string }>(typeName: NodeTypeName, type: ClassType<T>) {
  @Resolver(() => type)
  abstract class NodeIdResolver {
    @FieldResolver(() => ID)
    id(@Root() root: T): string {
      return toGlobalId(typeName, root.id);
    }
  }
  return NodeIdResolver;
}
