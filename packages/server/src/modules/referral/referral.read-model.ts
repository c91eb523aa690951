import type { Knex } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { referralVisibility, type Scope } from '../../domain/access-policy.js';
import type { ReferralDirection, ReferralStatus, ReferralUrgency } from '../../domain/enums.js';
import { Referral } from './referral.entity.js';

export interface ReferralQuery {
  status?: ReferralStatus[];
  direction?: ReferralDirection;
  urgency?: ReferralUrgency;
  toInstitutionId?: string;
  toDepartmentId?: string;
  fromInstitutionId?: string;
}

/** Keyset position in queue order: (priority, due_by, id). */
export type QueuePosition = readonly [priority: number, dueBy: string, id: string];

interface ReferralRow {
  id: string;
  priority: number;
  /** As PostgreSQL prints it: full microsecond precision, so a cursor never repeats or skips a row. */
  due_by: string;
  [column: string]: unknown;
}

/** A `referral` row as stored (columns, e.g. from `RETURNING *` or `to_jsonb`) as an entity of `em`. */
export function referralEntity(em: EntityManager, row: Record<string, unknown>): Referral {
  // `priority` is a generated column for ordering the queue, not a property.
  const { priority: _priority, ...columns } = row;
  return em.map(Referral, columns);
}

/**
 * Every read of referrals goes through here, and here the viewer's scope is always applied (in SQL),
 * so no resolver can forget it.
 */
export class ReferralReadModel {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: Scope | null,
  ) {}

  private scoped(): Knex.QueryBuilder {
    const qb = this.em.getKnex().from('referral as r');
    const visibility = this.scope ? referralVisibility(this.scope) : ({ kind: 'none' } as const);
    switch (visibility.kind) {
      case 'none':
        return qb.whereRaw('false');
      case 'alliance':
        return qb.where('r.alliance_id', visibility.allianceId);
      case 'institution':
        return qb
          .where('r.alliance_id', visibility.allianceId)
          .where((w) =>
            w
              .where('r.from_institution_id', visibility.institutionId)
              .orWhere('r.to_institution_id', visibility.institutionId),
          );
      case 'department':
        return qb.where('r.alliance_id', visibility.allianceId).where((w) => {
          w.where('r.to_department_id', visibility.departmentId);
          if (visibility.practitionerId) {
            w.orWhere('r.assigned_specialist_id', visibility.practitionerId).orWhere(
              'r.from_practitioner_id',
              visibility.practitionerId,
            );
          }
        });
    }
  }

  private filtered(filter: ReferralQuery): Knex.QueryBuilder {
    const qb = this.scoped();
    if (filter.status?.length) qb.whereIn('r.status', filter.status);
    if (filter.direction) qb.where('r.direction', filter.direction);
    if (filter.urgency) qb.where('r.urgency', filter.urgency);
    if (filter.toInstitutionId) qb.where('r.to_institution_id', filter.toInstitutionId);
    if (filter.toDepartmentId) qb.where('r.to_department_id', filter.toDepartmentId);
    if (filter.fromInstitutionId) qb.where('r.from_institution_id', filter.fromInstitutionId);
    return qb;
  }

  private toEntities(rows: ReferralRow[]): Referral[] {
    return rows.map((row) => referralEntity(this.em, row));
  }

  async byIds(ids: readonly string[]): Promise<Referral[]> {
    const rows: ReferralRow[] = await this.scoped()
      .select('r.*')
      .whereIn('r.id', [...ids]);
    return this.toEntities(rows);
  }

  async byParentIds(ids: readonly string[]): Promise<Referral[]> {
    const rows: ReferralRow[] = await this.scoped()
      .select('r.*')
      .whereIn('r.parent_referral_id', [...ids])
      .orderBy('r.created_at');
    return this.toEntities(rows);
  }

  /** One page in queue order (green channel first, then by deadline); fetches `limit + 1` to see if more follow. */
  async page(
    filter: ReferralQuery,
    limit: number,
    after: QueuePosition | null,
  ): Promise<{ referral: Referral; position: QueuePosition }[]> {
    const qb = this.filtered(filter).select('r.*');
    if (after) qb.whereRaw('(r.priority, r.due_by, r.id) > (?, ?::timestamptz, ?::uuid)', [...after]);
    const rows: ReferralRow[] = await qb.orderBy(['r.priority', 'r.due_by', 'r.id']).limit(limit + 1);
    const referrals = this.toEntities(rows);
    return rows.map((row, i) => ({
      referral: referrals[i]!,
      position: [row.priority, String(row.due_by), row.id] as const,
    }));
  }

  async count(filter: ReferralQuery): Promise<number> {
    const [row] = await this.filtered(filter).count<{ count: string }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }

  /** For each patient: the institutions that send or receive their referrals, or register them. */
  async institutionsInvolvedWithPatients(patientIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const rows: { patient_id: string; institution_id: string }[] = await this.em
      .getKnex()
      .raw(
        `SELECT patient_id, from_institution_id AS institution_id FROM referral WHERE patient_id = ANY(?::uuid[])
       UNION SELECT patient_id, to_institution_id FROM referral WHERE patient_id = ANY(?::uuid[])
       UNION SELECT id, home_institution_id FROM patient WHERE id = ANY(?::uuid[]) AND home_institution_id IS NOT NULL`,
        [[...patientIds], [...patientIds], [...patientIds]],
      )
      .then((result: { rows: { patient_id: string; institution_id: string }[] }) => result.rows);
    const involved = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = involved.get(row.patient_id) ?? new Set<string>();
      set.add(row.institution_id);
      involved.set(row.patient_id, set);
    }
    return involved;
  }
}
