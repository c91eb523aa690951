import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { rowView } from '../db/row-view.js';
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
 * query, as read-only row views (`rowView`) made when a field asks for them: `em.map` into the fork
 * cost about 0.4 ms per event in each replica, before the first subscriber's socket is written
 * (docs/realtime.md). Views never meet `Node`'s resolveType: a subscription reaches no `node` field.
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
          return row ? rowView<object>(ctx.em, ENTITY[kind], row) : (byId.get(id) ?? null);
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
