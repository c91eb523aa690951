import DataLoader from 'dataloader';
import type { BedAvailabilityRow } from '../modules/capacity/bed-availability.read-model.js';
import type { BedKind } from '../domain/enums.js';
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

const byId = <R extends { id: string }>(db: Db, table: 'bed' | 'slot') =>
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
  /** Keyed `departmentId|kind`. */
  private readonly availabilityLoader: DataLoader<string, BedAvailabilityRow | null>;

  constructor(db: Db) {
    this.bed = byId<BedRecord>(db, 'bed');
    this.slot = byId<SlotRecord>(db, 'slot');
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
