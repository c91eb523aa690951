import DataLoader from 'dataloader';
import type { BedKind } from '../domain/enums.js';
import {
  toAvailability,
  type BedAvailabilityDbRow,
  type BedAvailabilityRow,
} from '../modules/capacity/bed-availability.read-model.js';
import type { Db, LoggedEvent } from './event-log.js';

/** A row as stored (column names), mapped into each delivery's own entity manager. */
export interface StoredRow {
  id: string;
  [column: string]: unknown;
}

/** A `bed` or `slot` row as stored. */
export interface OwnedRow extends StoredRow {
  institution_id: string;
  department_id: string;
}

/** Everything a bed event shows: the bed, its availability row, its institution and department. */
export interface BedBundle {
  bed: OwnedRow & { kind: BedKind };
  availability: BedAvailabilityRow | null;
  institution: StoredRow;
  department: StoredRow;
}

/** Everything a slot event shows without a scoped read: the slot, its institution and department. */
export interface SlotBundle {
  slot: OwnedRow;
  institution: StoredRow;
  department: StoredRow;
}

/**
 * The bundle of one bed as one jsonb value, for the bed whose id is the SQL expression `id` (the relay's
 * read embeds it, so a bed event arrives with what it shows in the same round trip).
 */
export const bedBundleSql = (
  id: string,
) => `(SELECT jsonb_build_object('bed', to_jsonb(b), 'availability', to_jsonb(ba),
    'institution', to_jsonb(i), 'department', to_jsonb(d))
  FROM bed b
  JOIN institution i ON i.id = b.institution_id
  JOIN department d ON d.id = b.department_id
  LEFT JOIN bed_availability ba ON ba.department_id = b.department_id AND ba.kind = b.kind
  WHERE b.id = ${id})`;

/** Likewise for a slot. */
export const slotBundleSql = (
  id: string,
) => `(SELECT jsonb_build_object('slot', to_jsonb(s), 'institution', to_jsonb(i),
    'department', to_jsonb(d))
  FROM slot s
  JOIN institution i ON i.id = s.institution_id
  JOIN department d ON d.id = s.department_id
  WHERE s.id = ${id})`;

type RawBedBundle = Omit<BedBundle, 'availability'> & { availability: BedAvailabilityDbRow | null };
const toBedBundle = (raw: RawBedBundle): BedBundle => ({
  ...raw,
  availability: raw.availability ? toAvailability(raw.availability) : null,
});

/** One statement per batch of ids; each bundle comes back as one jsonb value. */
function bundles<R extends object, B>(
  db: Db,
  bundleSql: (id: string) => string,
  toBundle: (raw: R) => B,
): DataLoader<string, B | null> {
  return new DataLoader<string, B | null>(async (ids) => {
    const { rows } = await db.query<{ id: string; bundle: R | null }>(
      `SELECT x.id, ${bundleSql('x.id')} AS bundle FROM unnest($1::uuid[]) AS x(id)`,
      [[...ids]],
    );
    const found = new Map(rows.map((row) => [row.id, row.bundle ? toBundle(row.bundle) : null]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

const reference = (db: Db, table: 'institution' | 'department') =>
  new DataLoader<string, StoredRow | null>(async (ids) => {
    const { rows } = await db.query<{ row: StoredRow }>(
      `SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const found = new Map(rows.map(({ row }) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

/**
 * The current state of the aggregates one relay read (or one replay page) mentions, read once after
 * their events committed, in one statement per kind, and shared by every subscriber of this process.
 * Only rows that every member of an alliance may see live here (beds, slots, availability counts,
 * institutions, departments); referrals are always loaded per viewer through the scoped read model.
 */
export class CurrentState {
  readonly bed: DataLoader<string, BedBundle | null>;
  readonly slot: DataLoader<string, SlotBundle | null>;
  readonly institution: DataLoader<string, StoredRow | null>;
  readonly department: DataLoader<string, StoredRow | null>;
  /**
   * Deliveries already built from this read, by event and subscriber group (see EventStream): the
   * subscribers of one group get one delivery, resolved once.
   */
  readonly deliveries = new Map<string, Promise<unknown>>();

  constructor(db: Db) {
    this.bed = bundles(db, bedBundleSql, toBedBundle);
    this.slot = bundles(db, slotBundleSql, (raw: SlotBundle) => raw);
    this.institution = reference(db, 'institution');
    this.department = reference(db, 'department');
  }

  /** Takes a bundle the relay's read brought along with its event. */
  prime(type: LoggedEvent['aggregateType'], id: string, raw: unknown): void {
    if (type === 'Bed') this.bed.prime(id, raw ? toBedBundle(raw as RawBedBundle) : null);
    else if (type === 'Slot') this.slot.prime(id, (raw as SlotBundle | null) ?? null);
  }

  /**
   * Starts reading what these events will need, before any subscriber asks (their first delivery then
   * waits for one round trip, already under way, instead of several in a row).
   */
  prefetch(events: readonly LoggedEvent[], wanted: (type: LoggedEvent['aggregateType']) => boolean): void {
    const ignore = () => undefined;
    for (const event of events) {
      if (!wanted(event.aggregateType)) continue;
      switch (event.aggregateType) {
        case 'Bed':
          this.bed.load(event.aggregateId).catch(ignore);
          break;
        case 'Slot':
          this.slot.load(event.aggregateId).catch(ignore);
          break;
        case 'Referral':
          this.institution.loadMany(event.institutionIds).catch(ignore);
          this.department.loadMany(event.departmentIds).catch(ignore);
          break;
      }
    }
  }
}
