import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, shanghaiDate, shanghaiInstant, type Clock } from '../../domain/time.js';
import { DEMO_ALLIANCE, DEMO_INSTITUTIONS, DEMO_USERS } from './demo-alliance.data.js';

/** Days ahead that the demo keeps rostered (its slot pools use the same horizon). */
export const DEMO_HORIZON_DAYS = 14;

/**
 * Keeps the demo alliance's duty roster (排班) filled over the rolling horizon: the demo on-call
 * specialists around the clock, everyone else on day shifts. Idempotent (existing shifts are skipped),
 * so every replica may run it at start and hourly.
 */
export async function topUpDemoRoster(em: EntityManager, clock: Clock): Promise<number> {
  const knex = em.getKnex();
  const departments: { id: string; institution_code: string; code: string }[] = await knex
    .select('d.id', 'i.code as institution_code', 'd.code')
    .from('department as d')
    .join('institution as i', 'i.id', 'd.institution_id')
    .join('alliance as a', 'a.id', 'i.alliance_id')
    .where('a.code', DEMO_ALLIANCE.code);
  if (departments.length === 0) return 0;
  const departmentId = new Map(departments.map((d) => [`${d.institution_code}/${d.code}`, d.id]));
  const practitioners: { id: string; code: string }[] = await knex
    .select('id', 'code')
    .from('practitioner')
    .whereIn(
      'code',
      DEMO_INSTITUTIONS.flatMap((i) => i.departments.flatMap((d) => d.practitioners.map((p) => p.code))),
    );
  const practitionerId = new Map(practitioners.map((p) => [p.code, p.id]));
  const aroundTheClock = new Set(
    DEMO_USERS.filter((u) => u.role === 'SPECIALIST' && u.practitionerCode).map((u) => u.practitionerCode),
  );

  const today = shanghaiDate(clock());
  const shifts: Record<string, unknown>[] = [];
  for (let day = -1; day <= DEMO_HORIZON_DAYS; day++) {
    const date = addDays(today, day);
    for (const institution of DEMO_INSTITUTIONS) {
      for (const dept of institution.departments) {
        const department = departmentId.get(`${institution.code}/${dept.code}`);
        for (const p of dept.practitioners) {
          const id = practitionerId.get(p.code);
          if (!department || !id) continue;
          const onCall = aroundTheClock.has(p.code);
          shifts.push({
            id: randomUUID(),
            practitioner_id: id,
            department_id: department,
            starts_at: shanghaiInstant(date, onCall ? '00:00' : '08:00'),
            ends_at: onCall ? shanghaiInstant(addDays(date, 1), '00:00') : shanghaiInstant(date, '17:30'),
          });
        }
      }
    }
  }
  let added = 0;
  for (let i = 0; i < shifts.length; i += 500) {
    const inserted = await knex('duty_shift')
      .insert(shifts.slice(i, i + 500))
      .onConflict(['practitioner_id', 'starts_at'])
      .ignore()
      .returning('id');
    added += inserted.length;
  }
  return added;
}
