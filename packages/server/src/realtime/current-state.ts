import DataLoader from 'dataloader';
import type { BedKind } from '../domain/enums.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Department } from '../modules/alliance/department.entity.js';
import { Institution } from '../modules/alliance/institution.entity.js';
import type { BedAvailabilityRow } from '../modules/capacity/bed-availability.read-model.js';
import { Bed } from '../modules/capacity/bed.entity.js';
import { Slot } from '../modules/capacity/slot.entity.js';
import type { Db } from './event-log.js';

/** A `bed` row as stored (column names), mapped into each subscriber's own entity manager. */
export interface BedRecord {
  id: string;
  institution_id: string;
  department_id: string;
  kind: BedKind;
  [column: string]: unknown;
}

/** A `slot` row as stored (column names). */
export interface SlotRecord {
  id: string;
  institution_id: string;
  department_id: string;
  [column: string]: unknown;
}

interface AvailabilityRecord {
  institution_id: string;
  department_id: string;
  kind: BedKind;
  total: number;
  available: number;
  held: number;
  occupied: number;
  cleaning: number;
  closed: number;
  updated_at: Date | string;
}

/** An `institution` or `department` row as stored. */
export interface ReferenceRecord {
  id: string;
  [column: string]: unknown;
}

const byId = <R extends { id: string }>(db: Db, table: 'bed' | 'slot' | 'institution' | 'department') =>
  new DataLoader<string, R | null>(async (ids) => {
    const { rows } = await db.query<R>(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [[...ids]]);
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

/**
 * The current state of the aggregates one relay read (or one replay page) mentions, read once after
 * their events committed and shared by every subscriber of this process. Only rows that every member
 * of an alliance may see live here (beds, slots, availability counts); referrals are always loaded
 * per viewer through the scoped read model.
 */
export class CurrentState {
  readonly bed: DataLoader<string, BedRecord | null>;
  readonly slot: DataLoader<string, SlotRecord | null>;
  readonly institution: DataLoader<string, ReferenceRecord | null>;
  readonly department: DataLoader<string, ReferenceRecord | null>;
  /**
   * Deliveries already built from this read, by event and subscriber group (see EventStream): the
   * subscribers of one group get one delivery, resolved once.
   */
  readonly deliveries = new Map<string, Promise<unknown>>();
  /** Keyed `departmentId|kind`. */
  private readonly availabilityLoader: DataLoader<string, BedAvailabilityRow | null>;

  constructor(db: Db) {
    this.bed = byId<BedRecord>(db, 'bed');
    this.slot = byId<SlotRecord>(db, 'slot');
    this.institution = byId<ReferenceRecord>(db, 'institution');
    this.department = byId<ReferenceRecord>(db, 'department');
    this.availabilityLoader = new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const { rows } = await db.query<AvailabilityRecord>(
        `SELECT ba.* FROM bed_availability ba
           JOIN unnest($1::uuid[], $2::text[]) AS k(department_id, kind)
             ON ba.department_id = k.department_id AND ba.kind = k.kind`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      const found = new Map(rows.map((r) => [`${r.department_id}|${r.kind}`, r]));
      return keys.map((key) => {
        const r = found.get(key);
        return r
          ? {
              institutionId: r.institution_id,
              departmentId: r.department_id,
              kind: r.kind,
              total: r.total,
              available: r.available,
              held: r.held,
              occupied: r.occupied,
              cleaning: r.cleaning,
              closed: r.closed,
              updatedAt: new Date(r.updated_at),
            }
          : null;
      });
    });
  }

  /** The availability row of one (department, bed kind); departments belong to one institution. */
  availability(departmentId: string, kind: BedKind): Promise<BedAvailabilityRow | null> {
    return this.availabilityLoader.load(`${departmentId}|${kind}`);
  }
}

type Loadable = 'bed' | 'slot' | 'institution' | 'department';
const ENTITY = { bed: Bed, slot: Slot, institution: Institution, department: Department } as const;

/**
 * Maps rows of this read into a per-event context's own entity manager and primes its loaders with
 * them, so resolving `bed { department { name } }` for a delivery costs no further query. Only
 * alliance-wide rows go this way; anything scoped is loaded by the context's scoped loaders.
 */
export async function primeContext(
  ctx: GraphQLContext,
  state: CurrentState,
  ids: Partial<Record<Loadable, readonly (string | null | undefined)[]>>,
): Promise<void> {
  const kinds = Object.keys(ids) as Loadable[];
  const rows = await Promise.all(
    kinds.map((kind) => state[kind].loadMany((ids[kind] ?? []).filter((id): id is string => !!id))),
  );
  kinds.forEach((kind, i) => {
    for (const row of rows[i]!) {
      if (!row || row instanceof Error) continue;
      // The generic loader/entity pairing cannot be expressed per key; each pair matches by construction.
      const entity = ctx.em.map(ENTITY[kind] as never, { ...row } as never) as { id: string };
      (ctx.loaders[kind] as unknown as DataLoader<string, unknown>).prime(entity.id, entity);
    }
  });
}
