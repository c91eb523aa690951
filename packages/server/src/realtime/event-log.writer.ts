import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../domain/enums.js';

/**
 * The aggregates whose changes are logged. `ApiKey` events (`apikey.REVOKED`) reach no subscriber: they
 * tell every replica's relay to drop a revoked key and close its sockets.
 */
export type EventAggregate = 'Referral' | 'Bed' | 'Slot' | 'ApiKey';

/**
 * Event types, as `<aggregate>.<what>`. Referral events use the contract's ReferralEventType names
 * (referral.CREATED, referral.ACCEPTED, ... referral.CLAIMED); beds log `bed.STATUS` (status or hold
 * changed, which also moves availability); slots log `slot.<what>` (CLAIMED, RELEASED, BOOKED, ...).
 */
export type EventType = `referral.${string}` | `bed.${string}` | `slot.${string}` | `apikey.${string}`;

export interface EventActor {
  userId: string | null;
  username: string;
  role: Role | 'SYSTEM';
  institutionId: string | null;
}

export interface NewEvent {
  allianceId: string;
  type: EventType;
  aggregateType: EventAggregate;
  aggregateId: string;
  /** The institutions whose members may receive this event (referral: sender and receiver). */
  institutionIds: string[];
  departmentIds: string[];
  /** Non-identifying facts only (statuses, ids): never a patient's name or resident ID. */
  payload?: Record<string, unknown>;
  /** A reason or note a person gave (timeline); free text, shown only to those who may read the aggregate. */
  note?: string | null;
  actor: EventActor;
}

/** A uuid[] literal: the query builder would expand a JS array into a list of parameters. */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The columns of an event row, in the order of {@link eventRows}. */
export const EVENT_COLUMNS =
  'alliance_id, type, aggregate_type, aggregate_id, institution_ids, department_ids, payload, note, ' +
  'actor_user_id, actor_username, actor_role, actor_institution_id';

/**
 * Events as a `VALUES` list and its parameters, for a statement that inserts them itself (the slot
 * claim writes its events in the same single statement as the claim).
 */
export function eventRows(events: readonly NewEvent[]): { sql: string; params: unknown[] } {
  const row = '(?::uuid, ?, ?, ?::uuid, ?::uuid[], ?::uuid[], ?::jsonb, ?, ?::uuid, ?, ?, ?::uuid)';
  return {
    sql: `VALUES ${events.map(() => row).join(', ')}`,
    params: events.flatMap((event) => [
      event.allianceId,
      event.type,
      event.aggregateType,
      event.aggregateId,
      uuidArray(event.institutionIds),
      uuidArray(event.departmentIds),
      JSON.stringify(event.payload ?? {}),
      event.note ?? null,
      event.actor.userId,
      event.actor.username,
      event.actor.role,
      event.actor.institutionId,
    ]),
  };
}

/**
 * Appends events to the outbox (`event_log`) inside the caller's transaction, in one statement: the
 * events exist exactly when the change they describe commits. `em` must be the transaction's.
 */
export async function appendEvents(em: EntityManager, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = eventRows(events);
  await em.execute(`INSERT INTO event_log (${EVENT_COLUMNS}) ${rows.sql}`, rows.params, 'run');
}

/** Appends one event; see {@link appendEvents}. */
export const appendEvent = (em: EntityManager, event: NewEvent): Promise<void> => appendEvents(em, [event]);
