import type { EntityManager } from '@mikro-orm/postgresql';
import { BedStatus, ReferralStatus, Role, SlotPool, SlotStatus } from '../../domain/enums.js';
import { conflict, forbidden, notFound } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { appendEvent, appendEvents } from '../../realtime/event-log.writer.js';
import { decideTransition } from '../referral/referral.rules.js';
import {
  actorOf,
  eventActorOf,
  isUniqueViolation,
  lockReadableReferral,
  rows,
  writeTransaction,
} from '../shared/write.js';
import { decideBedHold, decideBedStatusChange } from './bed.rules.js';
import { bedChanged, slotChanged } from './capacity.events.js';
import { Slot } from './slot.entity.js';

interface BedRow {
  id: string;
  institution_id: string;
  department_id: string;
  kind: string;
  status: BedStatus;
  version: number;
  referral_id: string | null;
  code: string;
  alliance_id: string;
}

interface SlotRow {
  id: string;
  institution_id: string;
  department_id: string;
  status: SlotStatus;
  pool: SlotPool;
  referral_id: string | null;
  alliance_id: string;
}

/** Locks a bed of the viewer's alliance for the rest of the transaction; NOT_FOUND otherwise. */
async function lockBed(tx: EntityManager, ctx: GraphQLContext, bedId: string): Promise<BedRow> {
  const [bed] = await rows<BedRow>(
    tx,
    `SELECT b.*, i.alliance_id FROM bed b JOIN institution i ON i.id = b.institution_id WHERE b.id = ? FOR UPDATE OF b`,
    [bedId],
  );
  if (!bed || bed.alliance_id !== viewerOf(ctx).allianceId) throw notFound('bed');
  return bed;
}

async function lockSlot(tx: EntityManager, ctx: GraphQLContext, slotId: string): Promise<SlotRow> {
  const [slot] = await rows<SlotRow>(
    tx,
    `SELECT s.*, i.alliance_id FROM slot s JOIN institution i ON i.id = s.institution_id WHERE s.id = ? FOR UPDATE OF s`,
    [slotId],
  );
  if (!slot || slot.alliance_id !== viewerOf(ctx).allianceId) throw notFound('slot');
  return slot;
}

/**
 * Bed status changes with optimistic concurrency: the row is locked, the caller's expectedVersion (if
 * given) must still be current, and the rules decide whether the change is legal for this role.
 */
export async function setBedStatus(
  ctx: GraphQLContext,
  bedId: string,
  next: BedStatus,
  expectedVersion: number | null,
  reason: string | null,
): Promise<void> {
  await writeTransaction(ctx, async (tx) => {
    const bed = await lockBed(tx, ctx, bedId);
    const decision = decideBedStatusChange(
      bed.status,
      next,
      actorOf(ctx),
      { institutionId: bed.institution_id, departmentId: bed.department_id },
      reason,
    );
    if (expectedVersion !== null && expectedVersion !== bed.version) {
      throw conflict(
        `bed ${bed.code} was changed meanwhile: it is at version ${bed.version}, not ${expectedVersion}`,
        {
          currentVersion: bed.version,
          currentStatus: bed.status,
        },
      );
    }
    // A held bed keeps its referral when the patient arrives; every other change frees the bed.
    const referralId =
      bed.status === BedStatus.HELD && decision.status === BedStatus.OCCUPIED ? bed.referral_id : null;
    await tx.execute(
      `UPDATE bed SET status = ?, status_reason = ?, referral_id = ?, hold_expires_at = NULL,
         version = version + 1, updated_at = now() WHERE id = ?`,
      [decision.status, decision.reason, referralId, bed.id],
    );
    await appendEvent(
      tx,
      bedChanged(
        bed.alliance_id,
        bed,
        { status: decision.status, previousStatus: bed.status, referralId },
        eventActorOf(ctx),
        decision.reason,
      ),
    );
  });
}

/** Holds an available bed of the receiving member for a referral until it expires or the patient arrives. */
export async function holdBed(
  ctx: GraphQLContext,
  bedId: string,
  referralId: string,
  minutes: number,
): Promise<void> {
  await writeTransaction(ctx, async (tx) => {
    const bed = await lockBed(tx, ctx, bedId);
    const referral = await lockReadableReferral(tx, ctx, referralId);
    decideBedHold(
      bed.status,
      actorOf(ctx),
      { institutionId: bed.institution_id, departmentId: bed.department_id },
      minutes,
    );
    if (
      ![ReferralStatus.SUBMITTED, ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED].includes(referral.status)
    ) {
      throw conflict(`referral is ${referral.status}; a bed can be held only for an open referral`, {
        currentStatus: referral.status,
      });
    }
    if (referral.to_institution_id !== bed.institution_id) {
      throw forbidden('a bed can be held only at the institution the referral goes to');
    }
    try {
      await tx.execute(
        `UPDATE bed SET status = 'HELD', referral_id = ?, hold_expires_at = now() + make_interval(mins => ?),
           status_reason = NULL, version = version + 1, updated_at = now() WHERE id = ?`,
        [referral.id, minutes, bed.id],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'bed_one_per_referral'))
        throw conflict('this referral already holds a bed');
      throw error;
    }
    await appendEvent(
      tx,
      bedChanged(
        bed.alliance_id,
        bed,
        { status: BedStatus.HELD, previousStatus: bed.status, referralId: referral.id },
        eventActorOf(ctx),
      ),
    );
  });
}

interface ClaimCheckRow extends SlotRow {
  holder: string | null;
  claimed_at: string | null;
  on_duty: boolean;
}

/** The CONFLICT a losing claimer gets: who holds the slot, and since when. */
function slotTaken(slot: { status: SlotStatus; holder: string | null; claimed_at: string | null }) {
  return conflict(
    slot.holder ? `slot already claimed by ${slot.holder}` : `slot is ${slot.status}, not open`,
    {
      currentStatus: slot.status,
      claimedBy: slot.holder,
      claimedAt: slot.claimed_at,
    },
  );
}

/** The CONFLICT for a referral already booked into a slot (this one or another): who booked it, and when. */
async function referralTaken(em: EntityManager, referralId: string) {
  const [held] = await rows<{ holder: string | null; claimed_at: string | null }>(
    em,
    `SELECT coalesce(p.name, u.display_name) AS holder, s.claimed_at FROM slot s
       LEFT JOIN practitioner p ON p.id = s.claimed_by_id LEFT JOIN user_account u ON u.id = s.claimed_by_user_id
     WHERE s.referral_id = ?`,
    [referralId],
  );
  return conflict(
    held?.holder ? `referral already booked by ${held.holder}` : 'referral is already SCHEDULED',
    {
      currentStatus: ReferralStatus.SCHEDULED,
      claimedBy: held?.holder ?? null,
      claimedAt: held?.claimed_at ?? null,
    },
  );
}

/** The slot, whoever holds it, and whether the viewer is on duty in its department now: one read. */
async function claimCheck(
  em: EntityManager,
  slotId: string,
  practitionerId: string | null,
  now: Date,
): Promise<ClaimCheckRow | undefined> {
  const [slot] = await rows<ClaimCheckRow>(
    em,
    `SELECT s.*, i.alliance_id, coalesce(p.name, u.display_name) AS holder,
       EXISTS (SELECT 1 FROM duty_shift d WHERE d.practitioner_id = ? AND d.department_id = s.department_id
               AND d.starts_at <= ? AND d.ends_at > ?) AS on_duty
     FROM slot s JOIN institution i ON i.id = s.institution_id
       LEFT JOIN practitioner p ON p.id = s.claimed_by_id LEFT JOIN user_account u ON u.id = s.claimed_by_user_id
     WHERE s.id = ?`,
    [practitionerId, now, now, slotId],
  );
  return slot;
}

/**
 * An on-duty specialist of the slot's department (or a coordinator) takes a referral into an open
 * reserved slot. The slot is taken by one conditional UPDATE: of any number of concurrent claims exactly
 * one matches `status = 'OPEN'`; the others are told who holds it. A unique index keeps a referral in
 * at most one slot whatever the code path. Most claims on a contended slot lose, so the refusal is
 * decided by one read outside any transaction; only a claim that may win opens one.
 */
export async function claimSlot(ctx: GraphQLContext, slotId: string, referralId: string): Promise<Slot> {
  const viewer = viewerOf(ctx);
  const now = ctx.services.clock();
  const slot = await claimCheck(ctx.em, slotId, viewer.practitionerId, now);
  if (!slot || slot.alliance_id !== viewer.allianceId) throw notFound('slot');
  if (viewer.role !== Role.COORDINATOR) {
    if (viewer.role !== Role.SPECIALIST || viewer.departmentId !== slot.department_id) {
      throw forbidden("only a specialist of the slot's department or a coordinator may claim it");
    }
    if (!slot.on_duty) throw forbidden('you are not on duty in this department now');
  }
  if (slot.status !== SlotStatus.OPEN) throw slotTaken(slot);
  const claimed = await writeTransaction(ctx, async (tx) => {
    const referral = await lockReadableReferral(tx, ctx, referralId);
    const goesHere = referral.to_department_id
      ? referral.to_department_id === slot.department_id
      : referral.to_institution_id === slot.institution_id;
    if (!goesHere) throw conflict("the referral does not go to this slot's department");
    // Another claim for this referral committed while we waited for its lock: name who won, as for a slot.
    if (referral.status === ReferralStatus.SCHEDULED) throw await referralTaken(tx, referral.id);
    decideTransition(referral.status, 'SCHEDULE', actorOf(ctx), {
      fromInstitutionId: referral.from_institution_id,
      toInstitutionId: referral.to_institution_id,
      toDepartmentId: referral.to_department_id,
    });
    let booked: Record<string, unknown>[];
    try {
      booked = await rows(
        tx,
        `UPDATE slot SET status = 'BOOKED', referral_id = ?, claimed_by_id = ?, claimed_by_user_id = ?, claimed_at = ?,
           version = version + 1
         WHERE id = ? AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED' RETURNING *`,
        [referral.id, viewer.practitionerId, viewer.userId, now, slot.id],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'slot_one_per_referral'))
        throw conflict('this referral is already booked into a slot');
      throw error;
    }
    // Someone else's claim committed between the check and this statement.
    if (booked.length === 0) return null;
    const scheduled = await rows(
      tx,
      `UPDATE referral SET status = 'SCHEDULED', status_before_scheduled = status,
         assigned_specialist_id = COALESCE(?, assigned_specialist_id), answered_at = COALESCE(answered_at, ?),
         status_changed_at = ?, version = version + 1
       WHERE id = ? AND status IN ('SUBMITTED', 'ACCEPTED') RETURNING id`,
      [viewer.practitionerId, now, now, referral.id],
    );
    if (scheduled.length === 0) throw conflict('the referral changed meanwhile; reload it');
    const base = {
      allianceId: slot.alliance_id,
      departmentIds: [slot.department_id],
      actor: eventActorOf(ctx),
    };
    await appendEvents(tx, [
      slotChanged(slot.alliance_id, slot, 'CLAIMED', { referralId: referral.id }, base.actor),
      {
        ...base,
        type: 'referral.CLAIMED',
        aggregateType: 'Referral',
        aggregateId: referral.id,
        institutionIds: [referral.from_institution_id, referral.to_institution_id],
        payload: { slotId: slot.id, status: ReferralStatus.SCHEDULED },
      },
    ]);
    return booked[0]!;
  });
  if (!claimed) throw slotTaken((await claimCheck(ctx.em, slotId, null, now))!);
  return ctx.em.map(Slot, claimed);
}

/** Gives a booked slot back: the slot is OPEN again and the referral returns to the state it had. */
export async function releaseSlot(ctx: GraphQLContext, slotId: string): Promise<void> {
  const viewer = viewerOf(ctx);
  await writeTransaction(ctx, async (tx) => {
    const slot = await lockSlot(tx, ctx, slotId);
    if (
      viewer.role !== Role.COORDINATOR &&
      !(viewer.role === Role.SPECIALIST && viewer.departmentId === slot.department_id)
    ) {
      throw forbidden("only a specialist of the slot's department or a coordinator may release it");
    }
    if (slot.status !== SlotStatus.BOOKED || !slot.referral_id) {
      throw conflict(`slot is ${slot.status}; only a booked slot can be released`, {
        currentStatus: slot.status,
      });
    }
    const referral = await lockReadableReferral(tx, ctx, slot.referral_id);
    const previous = decideTransition(
      referral.status,
      'UNSCHEDULE',
      actorOf(ctx),
      {
        fromInstitutionId: referral.from_institution_id,
        toInstitutionId: referral.to_institution_id,
        toDepartmentId: referral.to_department_id,
      },
      { previousStatus: referral.status_before_scheduled ?? ReferralStatus.ACCEPTED },
    );
    await tx.execute(
      `UPDATE slot SET status = 'OPEN', referral_id = NULL, claimed_by_id = NULL, claimed_by_user_id = NULL,
         claimed_at = NULL, booked_for_institution_id = NULL, version = version + 1 WHERE id = ?`,
      [slot.id],
    );
    await tx.execute(
      `UPDATE referral SET status = ?, status_before_scheduled = NULL, status_changed_at = ?, version = version + 1 WHERE id = ?`,
      [previous, ctx.services.clock(), referral.id],
    );
    const base = {
      allianceId: slot.alliance_id,
      departmentIds: [slot.department_id],
      actor: eventActorOf(ctx),
    };
    await appendEvent(
      tx,
      slotChanged(slot.alliance_id, slot, 'RELEASED', { referralId: referral.id }, base.actor),
    );
    await appendEvent(tx, {
      ...base,
      type: 'referral.RELEASED',
      aggregateType: 'Referral',
      aggregateId: referral.id,
      institutionIds: [referral.from_institution_id, referral.to_institution_id],
      payload: { slotId: slot.id, status: previous },
    });
  });
}
