import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A relation as the GraphQL layer follows it: by its id (an entity's `Ref` has one too). */
type RelationId<V> = V extends { readonly id: infer I } ? { readonly id: I } : V;

/**
 * What GraphQL reads of an entity: its columns under their property names, each relation as its id.
 * A managed entity is one, and so is {@link rowView}'s answer: resolvers typed with it take either.
 */
export type RowView<T> = { readonly [K in keyof T]: RelationId<T[K]> };

interface ColumnPlan {
  readonly property: string;
  readonly column: string;
  readonly relation: boolean;
  readonly date: boolean;
}

const plans = new WeakMap<EntityMetadata, readonly ColumnPlan[]>();

function planOf(meta: EntityMetadata): readonly ColumnPlan[] {
  let plan = plans.get(meta);
  if (!plan) {
    plan = meta.props.flatMap((prop) => {
      const [column] = prop.fieldNames ?? [];
      if (column === undefined || prop.persist === false) return [];
      const relation = prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE;
      return [{ property: prop.name, column, relation, date: !relation && prop.runtimeType === 'Date' }];
    });
    plans.set(meta, plan);
  }
  return plan;
}

/**
 * A stored row (from `RETURNING *`, or `to_jsonb` with its timestamps as text) as a {@link RowView},
 * without the ORM. For answering a write just made on the hottest path (a won slot claim): `em.map`
 * builds an entity for every foreign key and defines accessors on each instance, about 0.3 ms for a
 * slot and its referral, far more than the rest of the answer (docs/capacity-benchmark.md). The view
 * is read-only and belongs to no unit of work, so nothing can flush it.
 */
export function rowView<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  row: Readonly<Record<string, unknown>>,
): RowView<T> {
  const view: Record<string, unknown> = {};
  for (const { property, column, relation, date } of planOf(em.getMetadata().get(entity.name))) {
    const value = row[column] ?? undefined;
    if (value === undefined) view[property] = undefined;
    else if (relation) view[property] = { id: value };
    else view[property] = date && typeof value === 'string' ? new Date(value) : value;
  }
  // Built from the entity's own column list; the view type is that list's shape.
  return view as RowView<T>;
}
