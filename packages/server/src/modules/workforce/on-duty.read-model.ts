import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../domain/time.js';
import { Practitioner } from './practitioner.entity.js';

/** A shift of the duty roster as the API shows it. */
export interface CurrentShift {
  practitionerId: string;
  departmentId: string;
  start: Date;
  end: Date;
}

/** Reads the duty roster (排班) at the clock's "now". */
export class OnDutyReadModel {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Practitioners on duty now in each of the departments, with the department they are on duty in. */
  async practitionersOnDuty(
    departmentIds: readonly string[],
  ): Promise<{ departmentId: string; practitioner: Practitioner }[]> {
    const now = this.clock();
    const rows: { practitioner_id: string; department_id: string }[] = await this.em
      .getKnex()
      .distinct('s.practitioner_id', 's.department_id')
      .from('duty_shift as s')
      .whereIn('s.department_id', [...departmentIds])
      .where('s.starts_at', '<=', now)
      .where('s.ends_at', '>', now);
    const practitioners = await this.em.find(
      Practitioner,
      { id: { $in: rows.map((r) => r.practitioner_id) } },
      { orderBy: { code: 'asc' } },
    );
    return rows.flatMap((row) => {
      const practitioner = practitioners.find((p) => p.id === row.practitioner_id);
      return practitioner ? [{ departmentId: row.department_id, practitioner }] : [];
    });
  }

  /** Each practitioner's shift covering now (the one ending last, should two overlap). */
  async currentShifts(practitionerIds: readonly string[]): Promise<CurrentShift[]> {
    const now = this.clock();
    const rows: { practitioner_id: string; department_id: string; starts_at: Date; ends_at: Date }[] =
      await this.em
        .getKnex()
        .from('duty_shift')
        .distinctOn('practitioner_id')
        .select('practitioner_id', 'department_id', 'starts_at', 'ends_at')
        .whereIn('practitioner_id', [...practitionerIds])
        .where('starts_at', '<=', now)
        .where('ends_at', '>', now)
        .orderBy([{ column: 'practitioner_id' }, { column: 'ends_at', order: 'desc' }]);
    return rows.map((row) => ({
      practitionerId: row.practitioner_id,
      departmentId: row.department_id,
      start: new Date(row.starts_at),
      end: new Date(row.ends_at),
    }));
  }

  async whichAreOnDuty(practitionerIds: readonly string[]): Promise<Set<string>> {
    const now = this.clock();
    const rows: { practitioner_id: string }[] = await this.em
      .getKnex()
      .distinct('practitioner_id')
      .from('duty_shift')
      .whereIn('practitioner_id', [...practitionerIds])
      .where('starts_at', '<=', now)
      .where('ends_at', '>', now);
    return new Set(rows.map((r) => r.practitioner_id));
  }
}
