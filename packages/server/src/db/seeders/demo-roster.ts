import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SlotPool, SlotStatus } from '../../domain/enums.js';
import { addDays, shanghaiDate, shanghaiInstant, type Clock } from '../../domain/time.js';
import { DEMO_ALLIANCE, DEMO_INSTITUTIONS, DEMO_USERS } from './demo-alliance.data.js';

/** Days ahead that the demo keeps rostered and stocked with reserved slots. */
export const DEMO_HORIZON_DAYS = 14;
/** Reserved slots go to the public pool this long before they start, so none is wasted. */
const RELEASE_BEFORE_START_MS = 2 * 3_600_000;
const FIRST_SLOT_TIME = '08:30';

/**
 * Keeps the demo alliance's duty roster and reserved slots topped up over the rolling horizon, so a
 * database seeded last week still has open slots today. Idempotent (conflicting rows are skipped),
 * so every replica may run it at start and hourly.
 */
export async function topUpRosterAndSlots(
  em: EntityManager,
  clock: Clock,
): Promise<{ shifts: number; slots: number }> {
  const knex = em.getKnex();
  const departmentRows: { id: string; institution_id: string; institution_code: string; code: string }[] =
    await knex
      .select('d.id', 'd.institution_id', 'i.code as institution_code', 'd.code')
      .from('department as d')
      .join('institution as i', 'i.id', 'd.institution_id')
      .join('alliance as a', 'a.id', 'i.alliance_id')
      .where('a.code', DEMO_ALLIANCE.code);
  if (departmentRows.length === 0) return { shifts: 0, slots: 0 };
  const departmentId = new Map(departmentRows.map((d) => [`${d.institution_code}/${d.code}`, d]));
  const practitionerRows: { id: string; code: string }[] = await knex
    .select('id', 'code')
    .from('practitioner')
    .whereIn(
      'code',
      DEMO_INSTITUTIONS.flatMap((i) => i.departments.flatMap((d) => d.practitioners.map((p) => p.code))),
    );
  const practitionerId = new Map(practitionerRows.map((p) => [p.code, p.id]));
  const aroundTheClock = new Set(
    DEMO_USERS.filter((u) => u.role === 'SPECIALIST' && u.practitionerCode).map((u) => u.practitionerCode),
  );

  const now = clock();
  const today = shanghaiDate(now);
  const shifts: Record<string, unknown>[] = [];
  const slots: Record<string, unknown>[] = [];
  for (let day = -1; day <= DEMO_HORIZON_DAYS; day++) {
    const date = addDays(today, day);
    for (const institution of DEMO_INSTITUTIONS) {
      for (const dept of institution.departments) {
        const department = departmentId.get(`${institution.code}/${dept.code}`);
        if (!department) continue;
        for (const p of dept.practitioners) {
          const id = practitionerId.get(p.code);
          if (!id) continue;
          const onCall = aroundTheClock.has(p.code);
          shifts.push({
            id: randomUUID(),
            practitioner_id: id,
            department_id: department.id,
            starts_at: shanghaiInstant(date, onCall ? '00:00' : '08:00'),
            ends_at: onCall ? shanghaiInstant(addDays(date, 1), '00:00') : shanghaiInstant(date, '17:30'),
          });
        }
        const plan = dept.reservedSlots;
        if (!plan || day < 0) continue;
        const first = shanghaiInstant(date, FIRST_SLOT_TIME).getTime();
        for (let n = 0; n < plan.perDay; n++) {
          const startsAt = new Date(first + n * plan.minutes * 60_000);
          if (startsAt <= now) continue;
          const practitioner =
            plan.kind === 'SPECIALIST_CONSULT'
              ? dept.practitioners[n % dept.practitioners.length]
              : undefined;
          slots.push({
            id: randomUUID(),
            institution_id: department.institution_id,
            department_id: department.id,
            practitioner_id: practitioner ? (practitionerId.get(practitioner.code) ?? null) : null,
            resource_code: practitioner?.code ?? `${dept.code === '32' ? 'CT' : 'EXAM'}-${(n % 2) + 1}`,
            kind: plan.kind,
            pool: SlotPool.ALLIANCE_RESERVED,
            status: SlotStatus.OPEN,
            starts_at: startsAt,
            ends_at: new Date(startsAt.getTime() + plan.minutes * 60_000),
            release_at: new Date(startsAt.getTime() - RELEASE_BEFORE_START_MS),
          });
        }
      }
    }
  }
  let shiftCount = 0;
  let slotCount = 0;
  for (let i = 0; i < shifts.length; i += 500) {
    const rows = await knex('duty_shift')
      .insert(shifts.slice(i, i + 500))
      .onConflict(['practitioner_id', 'starts_at'])
      .ignore()
      .returning('id');
    shiftCount += rows.length;
  }
  for (let i = 0; i < slots.length; i += 500) {
    const rows = await knex('slot')
      .insert(slots.slice(i, i + 500))
      .onConflict(['department_id', 'kind', 'resource_code', 'starts_at'])
      .ignore()
      .returning('id');
    slotCount += rows.length;
  }
  return { shifts: shiftCount, slots: slotCount };
}
