import { BED_KINDS, type BedKind } from '../../graphql/enums';
import type { BedCounts } from '../members/pressure';

/**
 * The bed board's numbers: availability rows (one per institution × department × kind) summed into
 * member × kind cells, with department rows for a member's drill-down. Pure, unit-tested.
 */

export interface Row extends BedCounts {
  kind: BedKind;
  updatedAt: string;
  institution: { id: string };
  department: { id: string; code: string; name: string };
}

export type Cell = BedCounts;

export interface MemberBoard {
  /** Kind → summed counts; kinds the member has no beds of are absent. */
  byKind: Map<BedKind, Cell>;
  total: Cell;
  departments: { id: string; code: string; name: string; byKind: Map<BedKind, Cell>; total: Cell }[];
}

const empty = (): Cell => ({ total: 0, available: 0, held: 0, occupied: 0 });

function add(into: Cell, row: BedCounts): void {
  into.total += row.total;
  into.available += row.available;
  into.held += row.held;
  into.occupied += row.occupied;
}

function addTo<K>(map: Map<K, Cell>, key: K, row: BedCounts): void {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = empty()));
  add(cell, row);
}

export interface Board {
  /** Kinds that have beds somewhere, in the schema's display order: the board's columns. */
  kinds: BedKind[];
  byMember: Map<string, MemberBoard>;
  /** Alliance-wide totals per kind, and overall. */
  totals: Map<BedKind, Cell>;
  total: Cell;
}

export function buildBoard(rows: readonly Row[]): Board {
  const byMember = new Map<string, MemberBoard>();
  const totals = new Map<BedKind, Cell>();
  const total = empty();
  for (const row of rows) {
    let member = byMember.get(row.institution.id);
    if (!member)
      byMember.set(row.institution.id, (member = { byKind: new Map(), total: empty(), departments: [] }));
    addTo(member.byKind, row.kind, row);
    add(member.total, row);
    let department = member.departments.find((d) => d.id === row.department.id);
    if (!department) {
      department = { ...row.department, byKind: new Map(), total: empty() };
      member.departments.push(department);
    }
    addTo(department.byKind, row.kind, row);
    add(department.total, row);
    addTo(totals, row.kind, row);
    add(total, row);
  }
  for (const member of byMember.values()) member.departments.sort((a, b) => a.code.localeCompare(b.code));
  const kinds = BED_KINDS.filter((kind) => totals.has(kind));
  return { kinds, byMember, totals, total };
}
