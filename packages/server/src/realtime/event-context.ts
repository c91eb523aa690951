import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { GraphQLContext, Services } from '../graphql/context.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { Department } from '../modules/alliance/department.entity.js';
import { Institution } from '../modules/alliance/institution.entity.js';
import { Bed } from '../modules/capacity/bed.entity.js';
import { Slot } from '../modules/capacity/slot.entity.js';
import type { Viewer } from '../modules/identity/viewer.js';
import type { StoredRow } from './current-state.js';

/** Alliance-wide rows a delivery already has from the shared read, by loader. */
export type KnownRows = Partial<
  Record<'bed' | 'slot' | 'institution' | 'department', readonly (StoredRow | null | Error)[]>
>;

const ENTITY = { bed: Bed, slot: Slot, institution: Institution, department: Department } as const;

/**
 * A context whose entity-manager fork and loaders are made on first use (`make`, i.e. createContext),
 * never shared: a subscription operation's own context (its subscribe function reads only the viewer
 * and services) and each delivered event's. The rows in `known` answer their loaders without a
 * query, mapped into this context's fork only when a field asks for them.
 */
export function lazyContext(
  make: () => GraphQLContext,
  viewer: Viewer | null,
  services: Services,
  ip: string | null,
  known: KnownRows = {},
): GraphQLContext {
  let made: GraphQLContext | undefined;
  const real = (): GraphQLContext => {
    if (made) return made;
    const ctx = (made = make());
    const loaders = ctx.loaders as unknown as Record<string, DataLoader<string, unknown>>;
    for (const kind of Object.keys(known) as (keyof KnownRows)[]) {
      const rows = new Map<string, StoredRow>();
      for (const row of known[kind] ?? []) if (row && !(row instanceof Error)) rows.set(row.id, row);
      if (rows.size === 0) continue;
      const original = loaders[kind]!;
      loaders[kind] = new DataLoader<string, unknown>(async (ids) => {
        const missing = ids.filter((id) => !rows.has(id));
        const loaded = missing.length > 0 ? await original.loadMany(missing) : [];
        const byId = new Map(missing.map((id, i) => [id, loaded[i]]));
        return ids.map((id) => {
          const row = rows.get(id);
          // The generic entity class cannot be typed per key; each pair matches by construction.
          return row ? ctx.em.map(ENTITY[kind] as never, { ...row } as never) : (byId.get(id) ?? null);
        });
      });
    }
    return ctx;
  };
  const requestId = randomUUID();
  return {
    viewer,
    services,
    ip,
    requestId,
    audit: new AuditTrail(services.audit, viewer, ip, requestId),
    get em() {
      return real().em;
    },
    get loaders() {
      return real().loaders;
    },
    prepared: (sql, values) => real().prepared(sql, values),
    forgetReads: () => made?.forgetReads(),
  };
}
