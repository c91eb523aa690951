import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SlotKind, SlotStatus } from '../../domain/enums.js';
import { conflict } from '../../domain/errors.js';
import { shanghaiDate, shanghaiInstant, addDays, type Clock } from '../../domain/time.js';
import { appendEvents, type EventActor } from '../../realtime/event-log.writer.js';
import { slotChanged } from './capacity.events.js';
import { rows } from '../shared/write.js';
import { planSlots } from './slot-plan.js';

/** The actor of work the server does by itself (sweeps, releases). */
export const SYSTEM_ACTOR: EventActor = {
  userId: null,
  username: 'system',
  role: 'SYSTEM',
  institutionId: null,
};

/** A `slot_pool_rule` row as PostgreSQL returns it. */
export interface SlotPoolRuleRow {
  id: string;
  department_id: string;
  kind: SlotKind;
  first_slot_time: string;
  slot_minutes: number;
  slots_per_day: number;
  reserved_per_day: number;
  release_minutes_before_start: number;
  horizon_days: number;
  resources: string[];
  updated_at: string;
}

type RuleRow = SlotPoolRuleRow & { institution_id: string };

/**
 * Keeps every department's slots generated over its rolling horizon (14 days by default), so capacity
 * is always there ahead of time. Idempotent: slots that exist are left as they are, whatever happened
 * to them, so every replica may run it at start and hourly.
 */
export async function topUpSlots(em: EntityManager, clock: Clock): Promise<number> {
  const now = clock();
  const rules = await rows<RuleRow>(
    em,
    `SELECT r.*, d.institution_id FROM slot_pool_rule r JOIN department d ON d.id = r.department_id`,
  );
  const practitionerIds = new Map(
    (
      await rows<{ id: string; code: string }>(
        em,
        'SELECT id, code FROM practitioner WHERE code = ANY(?::text[])',
        [`{${[...new Set(rules.flatMap((r) => r.resources))].map((c) => JSON.stringify(c)).join(',')}}`],
      )
    ).map((p) => [p.code, p.id]),
  );
  let added = 0;
  for (const rule of rules) {
    const planned = planSlots(
      {
        kind: rule.kind,
        firstSlotTime: rule.first_slot_time,
        slotMinutes: rule.slot_minutes,
        slotsPerDay: rule.slots_per_day,
        reservedPerDay: rule.reserved_per_day,
        releaseMinutesBeforeStart: rule.release_minutes_before_start,
        horizonDays: rule.horizon_days,
        resources: rule.resources,
      },
      now,
    );
    const knex = em.getKnex();
    for (let i = 0; i < planned.length; i += 500) {
      const inserted = await knex('slot')
        .insert(
          planned.slice(i, i + 500).map((slot) => ({
            id: randomUUID(),
            rule_id: rule.id,
            institution_id: rule.institution_id,
            department_id: rule.department_id,
            practitioner_id:
              rule.kind === SlotKind.SPECIALIST_CONSULT ? (practitionerIds.get(slot.resource) ?? null) : null,
            resource_code: slot.resource,
            kind: rule.kind,
            pool: slot.pool,
            status: SlotStatus.OPEN,
            starts_at: slot.startsAt,
            ends_at: slot.endsAt,
            release_at: slot.releaseAt,
          })),
        )
        .onConflict(['department_id', 'kind', 'resource_code', 'starts_at'])
        .ignore()
        .returning('id');
      added += inserted.length;
    }
  }
  return added;
}

/**
 * Nothing reserved goes to waste: reserved slots still unbooked at their release time become PUBLIC
 * (status RELEASED, pool PUBLIC) so the hospital can give them to anyone. Locked rows are skipped, so
 * several replicas can sweep at once without waiting on each other or on a claim in progress.
 */
export async function releaseUnbookedReservedSlots(em: EntityManager, clock: Clock): Promise<number> {
  const now = clock();
  return em.transactional(async (tx) => {
    const released = await rows<{
      id: string;
      institution_id: string;
      department_id: string;
      alliance_id: string;
    }>(
      tx,
      `UPDATE slot s SET status = 'RELEASED', pool = 'PUBLIC', version = s.version + 1
       FROM institution i
       WHERE i.id = s.institution_id AND s.id IN (
         SELECT id FROM slot WHERE status = 'OPEN' AND pool = 'ALLIANCE_RESERVED' AND release_at <= ?
         ORDER BY release_at LIMIT 500 FOR UPDATE SKIP LOCKED)
       RETURNING s.id, s.institution_id, s.department_id, i.alliance_id`,
      [now],
    );
    await appendEvents(
      tx,
      released.map((slot) =>
        slotChanged(
          slot.alliance_id,
          slot,
          'RELEASED_TO_PUBLIC',
          { status: SlotStatus.RELEASED },
          SYSTEM_ACTOR,
        ),
      ),
    );
    return released.length;
  });
}

/**
 * A community centre books reserved slots of a pool only within its daily quota, where one is set.
 * The quota row is locked, so concurrent bookings from one centre cannot overrun it.
 */
export async function checkQuota(
  tx: EntityManager,
  slot: { rule_id: string | null; starts_at: Date | string },
  institutionId: string,
): Promise<void> {
  if (!slot.rule_id) return;
  const [quota] = await rows<{ per_day: number }>(
    tx,
    'SELECT per_day FROM slot_quota WHERE rule_id = ? AND institution_id = ? FOR UPDATE',
    [slot.rule_id, institutionId],
  );
  if (!quota) return;
  const day = shanghaiDate(new Date(slot.starts_at));
  const [used] = await rows<{ n: number }>(
    tx,
    `SELECT count(*)::int AS n FROM slot WHERE rule_id = ? AND booked_for_institution_id = ? AND starts_at >= ? AND starts_at < ?`,
    [slot.rule_id, institutionId, shanghaiInstant(day, '00:00'), shanghaiInstant(addDays(day, 1), '00:00')],
  );
  if ((used?.n ?? 0) >= quota.per_day) {
    throw conflict(
      `your centre’s quota of ${quota.per_day} reserved slot(s) a day in this department is used up for ${day}`,
      {
        quota: quota.per_day,
      },
    );
  }
}
