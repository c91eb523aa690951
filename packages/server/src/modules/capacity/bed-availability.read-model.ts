import type { EntityManager } from '@mikro-orm/postgresql';
import { BedKind } from '../../domain/enums.js';

/** One row per (institution, department, bed kind), as the trigger on `bed` keeps it. */
export interface BedAvailabilityRow {
  institutionId: string;
  departmentId: string;
  kind: BedKind;
  total: number;
  available: number;
  held: number;
  occupied: number;
  cleaning: number;
  closed: number;
  updatedAt: Date;
}

/** A `bed_availability` row as PostgreSQL returns it. */
export interface BedAvailabilityDbRow {
  institution_id: string;
  department_id: string;
  kind: BedKind;
  total: number;
  available: number;
  held: number;
  occupied: number;
  cleaning: number;
  closed: number;
  /** The ORM's driver returns timestamps as text. */
  updated_at: string | Date;
}

/** A `bed_availability` row as the API uses it. */
export const toAvailability = (r: BedAvailabilityDbRow): BedAvailabilityRow => ({
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
});

/** Reads the maintained `bed_availability` table: an index lookup, never a scan of beds. */
export class BedAvailabilityReadModel {
  constructor(private readonly em: EntityManager) {}

  private query() {
    return this.em
      .getKnex()
      .select<BedAvailabilityDbRow[]>('ba.*')
      .from('bed_availability as ba')
      .join('institution as i', 'i.id', 'ba.institution_id')
      .join('department as d', 'd.id', 'ba.department_id')
      .where('ba.total', '>', 0)
      .orderBy([{ column: 'i.code' }, { column: 'd.code' }, { column: 'ba.kind' }]);
  }

  async forInstitutions(ids: readonly string[]): Promise<BedAvailabilityRow[]> {
    return (await this.query().whereIn('ba.institution_id', [...ids])).map(toAvailability);
  }

  async forDepartments(ids: readonly string[]): Promise<BedAvailabilityRow[]> {
    return (await this.query().whereIn('ba.department_id', [...ids])).map(toAvailability);
  }

  async forAlliance(allianceId: string): Promise<BedAvailabilityRow[]> {
    return (await this.query().where('i.alliance_id', allianceId)).map(toAvailability);
  }
}
