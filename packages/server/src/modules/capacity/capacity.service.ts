import type { EntityManager } from '@mikro-orm/postgresql';
import { reachOf } from '../../domain/authorization.js';
import { BedStatus, ReferralStatus, SlotPool, SlotStatus } from '../../domain/enums.js';
import { conflict, forbidden, notFound } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { appendEvent, EVENT_COLUMNS, eventRows } from '../../realtime/event-log.writer.js';
import { Referral } from '../referral/referral.entity.js';
import { decideTransition } from '../referral/referral.rules.js';
import {
  actorOf,
  committed,
  eventActorOf,
  isUniqueViolation,
  lockReadableReferral,
  readableReferral,
  type ReferralRow,
  rows,
  writeTransaction,
} from '../shared/write.js';
import { decideBedHold, decideBedStatusChange } from './bed.rules.js';
import { bedChanged, slotChanged } from './capacity.events.js';
import { numberedPlaceholders } from '../../db/prepared.js';
import { rowView, type RowView } from '../../db/row-view.js';
import { auditInsertSql } from '../audit/audit-entry.js';
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
  /** The referral to claim for, as JSON (row_to_json); null when it does not exist. */
  referral: ReferralRow | null;
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
async function referralTaken(ctx: GraphQLContext, referralId: string) {
  const [held] = await rows<{ holder: string | null; claimed_at: string | null }>(
    ctx.em,
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

/**
 * The slot, whoever holds it, whether the viewer is on duty in its department now, and the referral:
 * everything a claim is decided on, in one read outside any transaction.
 */
async function claimCheck(
  ctx: GraphQLContext,
  slotId: string,
  referralId: string | null,
  practitionerId: string | null,
  now: Date,
): Promise<ClaimCheckRow | undefined> {
  const [slot] = await ctx.prepared<ClaimCheckRow>(CLAIM_CHECK, [practitionerId, now, referralId, slotId]);
  return slot;
}

const CLAIM_CHECK = `
  SELECT s.*, i.alliance_id, coalesce(p.name, u.display_name) AS holder,
    EXISTS (SELECT 1 FROM duty_shift d WHERE d.practitioner_id = $1 AND d.department_id = s.department_id
            AND d.starts_at <= $2 AND d.ends_at > $2) AS on_duty,
    (SELECT row_to_json(r) FROM referral r WHERE r.id = $3) AS referral
  FROM slot s JOIN institution i ON i.id = s.institution_id
    LEFT JOIN practitioner p ON p.id = s.claimed_by_id LEFT JOIN user_account u ON u.id = s.claimed_by_user_id
  WHERE s.id = $4`;

/**
 * The claim itself, one statement (so one round trip and no transaction to hold open): take the slot
 * only if it is still OPEN, schedule the referral only if it is still the version the decision was
 * made on, and log both events and the audit entry. Of any number of concurrent claims on a slot
 * exactly one matches `status = 'OPEN'`; the others wait for its commit, match nothing and write
 * nothing (no row lock, no commit to flush: the guard audits their CONFLICT). The slot is taken
 * before the referral, as releaseSlot does. Should the referral have changed meanwhile (a rejection,
 * a claim elsewhere), `claim_aborted` undoes the booking (SQLSTATE YL409); the unique index
 * `slot_one_per_referral` refuses a second slot for one referral.
 */
const CLAIM = (events: string, audit: string) =>
  numberedPlaceholders(`
  WITH booked AS (
    UPDATE slot SET status = 'BOOKED', referral_id = ?, claimed_by_id = ?, claimed_by_user_id = ?, claimed_at = ?,
      version = version + 1
    WHERE id = ? AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED'
    RETURNING *
  ), scheduled AS (
    UPDATE referral SET status = 'SCHEDULED', status_before_scheduled = status,
      assigned_specialist_id = COALESCE(?, assigned_specialist_id), answered_at = COALESCE(answered_at, ?),
      status_changed_at = ?, version = version + 1
    WHERE id = ? AND version = ? AND id IN (SELECT referral_id FROM booked) RETURNING *
  ), logged AS (
    INSERT INTO event_log (${EVENT_COLUMNS})
    SELECT * FROM (${events}) AS e WHERE EXISTS (SELECT 1 FROM scheduled)
  ), audited AS (
    ${audit}
  )
  SELECT CASE WHEN EXISTS (SELECT 1 FROM booked) AND NOT EXISTS (SELECT 1 FROM scheduled)
           THEN claim_aborted('the referral changed since the claim was decided') END AS aborted,
         (SELECT to_jsonb(r) FROM scheduled r) AS scheduled_referral,
         (SELECT coalesce(p.name, u.display_name) FROM user_account u LEFT JOIN practitioner p ON p.id = booked.claimed_by_id
           WHERE u.id = booked.claimed_by_user_id) AS holder,
         booked.* FROM (SELECT 1) AS one LEFT JOIN booked ON true`);

/** SQLSTATE of `claim_aborted` (migration ClaimSlotFirst). */
const CLAIM_ABORTED = 'YL409';

type ClaimRow = {
  aborted: null;
  scheduled_referral: Record<string, unknown> | null;
  /** Who booked the slot: this claimant, when it did. */
  holder: string | null;
  id: string | null;
  claimed_at: string | null;
} & Record<string, unknown>;

/**
 * An on-duty specialist of the slot's department (or a coordinator) takes a referral into an open
 * reserved slot. Most claims on a contended slot lose, so everything is decided on one read and a
 * claim that may win writes with one statement ({@link CLAIM}); a unique index keeps a referral in at
 * most one slot whatever the code path.
 */
export async function claimSlot(
  ctx: GraphQLContext,
  slotId: string,
  referralId: string,
): Promise<RowView<Slot>> {
  const viewer = viewerOf(ctx);
  const now = ctx.services.clock();
  const slot = await claimCheck(ctx, slotId, referralId, viewer.practitionerId, now);
  if (!slot || slot.alliance_id !== viewer.allianceId) throw notFound('slot');
  // The policy lets the office and specialists claim; a specialist only in their own department, on duty.
  if (reachOf('Mutation.claimSlot', viewer.role) !== 'ALLIANCE') {
    if (viewer.departmentId !== slot.department_id) {
      throw forbidden("only a specialist of the slot's department or a coordinator may claim it");
    }
    if (!slot.on_duty) throw forbidden('you are not on duty in this department now');
  }
  if (slot.status !== SlotStatus.OPEN) throw slotTaken(slot);
  const referral = readableReferral(ctx, slot.referral);
  const goesHere = referral.to_department_id
    ? referral.to_department_id === slot.department_id
    : referral.to_institution_id === slot.institution_id;
  if (!goesHere) throw conflict("the referral does not go to this slot's department");
  // Another specialist's claim for this referral came first: name who won, as for a slot.
  if (referral.status === ReferralStatus.SCHEDULED) throw await referralTaken(ctx, referral.id);
  decideTransition(referral.status, 'SCHEDULE', actorOf(ctx), {
    fromInstitutionId: referral.from_institution_id,
    toInstitutionId: referral.to_institution_id,
    toDepartmentId: referral.to_department_id,
  });

  // Another claim of this slot is being written here: if it books the slot, this one has lost.
  const bookedMeanwhile = await ctx.services.slotClaims.bookedMeanwhile(slot.id);
  if (bookedMeanwhile) throw slotTaken(bookedMeanwhile);

  const actor = eventActorOf(ctx);
  const events = eventRows([
    slotChanged(slot.alliance_id, slot, 'CLAIMED', { referralId: referral.id }, actor),
    {
      allianceId: slot.alliance_id,
      departmentIds: [slot.department_id],
      actor,
      type: 'referral.CLAIMED',
      aggregateType: 'Referral',
      aggregateId: referral.id,
      institutionIds: [referral.from_institution_id, referral.to_institution_id],
      payload: { slotId: slot.id, status: ReferralStatus.SCHEDULED },
    },
  ]);
  // Every claim through the API has begun its audit entry; a direct caller (a test) may have none.
  const entry = ctx.audit.takeMutationEntry();
  const audit = entry
    ? auditInsertSql([entry], { when: 'EXISTS (SELECT 1 FROM scheduled)' })
    : { sql: 'SELECT 1', params: [] };
  let claim: ClaimRow;
  try {
    const write = () =>
      ctx.prepared<ClaimRow>(CLAIM(events.sql, audit.sql), [
        referral.id,
        viewer.practitionerId,
        viewer.userId,
        now,
        slot.id,
        viewer.practitionerId,
        now,
        now,
        referral.id,
        referral.version,
        ...events.params,
        ...audit.params,
      ]);
    [claim] = (await ctx.services.slotClaims.write(slot.id, write, ([row]) =>
      row?.id ? { status: SlotStatus.BOOKED, holder: row.holder, claimed_at: row.claimed_at } : null,
    )) as [ClaimRow];
  } catch (error) {
    // A concurrent claim booked the referral (into another slot), or it changed otherwise.
    const code = (error as { code?: string }).code;
    if (code !== CLAIM_ABORTED && !isUniqueViolation(error, 'slot_one_per_referral')) throw error;
    const current = (await claimCheck(ctx, slotId, referralId, null, now))?.referral;
    if (current?.status === ReferralStatus.SCHEDULED) throw await referralTaken(ctx, referralId);
    throw conflict('the referral changed meanwhile; reload it');
  }
  // Someone else's claim committed between the read and the write.
  if (!claim.id) throw slotTaken((await claimCheck(ctx, slotId, null, null, now))!);
  committed(ctx);
  const { aborted: _aborted, scheduled_referral: scheduled, holder: _holder, ...booked } = claim;
  // The answer is the rows just written, its `referral` included (the claimant may read it: checked above).
  if (scheduled) ctx.loaders.referral.prime(referral.id, rowView(ctx.em, Referral, scheduled));
  return rowView(ctx.em, Slot, booked);
}

/** Gives a booked slot back: the slot is OPEN again and the referral returns to the state it had. */
export async function releaseSlot(ctx: GraphQLContext, slotId: string): Promise<void> {
  const viewer = viewerOf(ctx);
  await writeTransaction(ctx, async (tx) => {
    const slot = await lockSlot(tx, ctx, slotId);
    if (
      reachOf('Mutation.releaseSlot', viewer.role) !== 'ALLIANCE' &&
      viewer.departmentId !== slot.department_id
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
