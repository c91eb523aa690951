import type { EntityManager } from '@mikro-orm/postgresql';
import { BedStatus } from '../../domain/enums.js';
import { appendEvents, type EventActor, type NewEvent } from '../../realtime/event-log.writer.js';
import { rows } from '../shared/write.js';

/** Where a bed or slot sits: what its events are routed by. */
export interface Placed {
  id: string;
  institution_id: string;
  department_id: string;
}

/** A bed's status changed (and with it its department's availability). */
export function bedChanged(
  allianceId: string,
  bed: Placed & { kind: string },
  change: { status: BedStatus; previousStatus: BedStatus; referralId: string | null },
  actor: EventActor,
  note: string | null = null,
): NewEvent {
  return {
    allianceId,
    type: 'bed.STATUS',
    aggregateType: 'Bed',
    aggregateId: bed.id,
    institutionIds: [bed.institution_id],
    departmentIds: [bed.department_id],
    payload: { ...change, kind: bed.kind },
    note,
    actor,
  };
}

/** Something happened to a slot: CLAIMED, BOOKED, RELEASED, RELEASED_TO_PUBLIC. */
export function slotChanged(
  allianceId: string,
  slot: Placed,
  what: string,
  payload: Record<string, unknown>,
  actor: EventActor,
): NewEvent {
  return {
    allianceId,
    type: `slot.${what}`,
    aggregateType: 'Slot',
    aggregateId: slot.id,
    institutionIds: [slot.institution_id],
    departmentIds: [slot.department_id],
    payload,
    actor,
  };
}

/**
 * Settles the bed held for a referral, if any: OCCUPIED when the patient arrives (the bed stays
 * theirs), AVAILABLE when the referral ends without them. Logs the change.
 */
export async function settleHeldBed(
  tx: EntityManager,
  allianceId: string,
  referralId: string,
  outcome: BedStatus.OCCUPIED | BedStatus.AVAILABLE,
  actor: EventActor,
): Promise<void> {
  const keep = outcome === BedStatus.OCCUPIED;
  const beds = await rows<Placed & { kind: string }>(
    tx,
    `UPDATE bed SET status = ?, referral_id = ${keep ? 'referral_id' : 'NULL'}, hold_expires_at = NULL,
       version = version + 1, updated_at = now()
     WHERE referral_id = ? AND status = 'HELD' RETURNING id, institution_id, department_id, kind`,
    [outcome, referralId],
  );
  await appendEvents(
    tx,
    beds.map((bed) =>
      bedChanged(
        allianceId,
        bed,
        { status: outcome, previousStatus: BedStatus.HELD, referralId: keep ? referralId : null },
        actor,
      ),
    ),
  );
}

/** Gives back the reserved slot a referral was booked into, if any (the referral ends early). */
export async function freeBookedSlot(
  tx: EntityManager,
  allianceId: string,
  referralId: string,
  actor: EventActor,
): Promise<void> {
  const slots = await rows<Placed>(
    tx,
    `UPDATE slot SET status = 'OPEN', referral_id = NULL, claimed_by_id = NULL, claimed_by_user_id = NULL, claimed_at = NULL,
       booked_for_institution_id = NULL, version = version + 1
     WHERE referral_id = ? AND status = 'BOOKED' RETURNING id, institution_id, department_id`,
    [referralId],
  );
  await appendEvents(
    tx,
    slots.map((slot) => slotChanged(allianceId, slot, 'RELEASED', { referralId }, actor)),
  );
}
