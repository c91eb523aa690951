import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BedStatus,
  InstitutionTier,
  ReferralDirection,
  ReferralStatus,
  ReferralUrgency,
  Role,
  SlotStatus,
} from '../../domain/enums.js';
import { badInput, conflict, forbidden } from '../../domain/errors.js';
import { shanghaiDate } from '../../domain/time.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { appendEvent, type NewEvent } from '../../realtime/event-log.writer.js';
import {
  actorOf,
  eventActorOf,
  isUniqueViolation,
  lockReadableReferral,
  rows,
  writeTransaction,
  type ReferralRow,
} from '../shared/write.js';
import { freeBookedSlot, settleHeldBed, slotChanged } from '../capacity/capacity.events.js';
import { checkQuota } from '../capacity/slot-pools.js';
import { guidanceWarning } from './guidance.js';
import { answerDeadline } from './referral.deadlines.js';
import type { CreateReferralInput } from './referral.inputs.js';
import { decideTransition, directionError, validateReason, type ReferralAction } from './referral.rules.js';
import {
  validateClinicalSummary,
  validateDiagnosis,
  validatePatient,
  validateReferralReason,
} from './referral.validation.js';

interface InstitutionRow {
  id: string;
  alliance_id: string;
  tier: InstitutionTier;
}

const IDEMPOTENCY_KEY_MAX = 200;

const partiesOf = (r: ReferralRow) => ({
  fromInstitutionId: r.from_institution_id,
  toInstitutionId: r.to_institution_id,
  toDepartmentId: r.to_department_id,
});

function referralEvent(
  ctx: GraphQLContext,
  r: ReferralRow,
  type: string,
  note: string | null,
  payload: Record<string, unknown>,
): NewEvent {
  return {
    allianceId: r.alliance_id,
    type: `referral.${type}`,
    aggregateType: 'Referral',
    aggregateId: r.id,
    institutionIds: [r.from_institution_id, r.to_institution_id],
    departmentIds: r.to_department_id ? [r.to_department_id] : [],
    payload,
    note,
    actor: eventActorOf(ctx),
  };
}

const EVENT_TYPE: Record<ReferralAction, string> = {
  ACCEPT: 'ACCEPTED',
  REJECT: 'REJECTED',
  REDIRECT: 'REDIRECTED',
  SCHEDULE: 'SCHEDULED',
  UNSCHEDULE: 'RELEASED',
  ARRIVE: 'ARRIVED',
  COMPLETE: 'COMPLETED',
  CANCEL: 'CANCELLED',
  EXPIRE: 'EXPIRED',
};

/**
 * Moves a referral along its life (accept, reject, arrive, complete, cancel): the state machine decides,
 * the row is locked so two answers cannot both apply, and the event goes into the log in the same
 * transaction. `note` is the reason or outcome a person gave.
 */
export async function transitionReferral(
  ctx: GraphQLContext,
  referralId: string,
  action: 'ACCEPT' | 'REJECT' | 'ARRIVE' | 'COMPLETE' | 'CANCEL',
  note: string | null,
  /** More work in the same transaction, after the move (e.g. the down-referral that follows completion). */
  then?: (tx: EntityManager, referral: ReferralRow) => Promise<void>,
): Promise<void> {
  const now = ctx.services.clock();
  await writeTransaction(ctx, async (tx) => {
    const referral = await lockReadableReferral(tx, ctx, referralId);
    const next = decideTransition(referral.status, action, actorOf(ctx), partiesOf(referral));
    const answers = action === 'ACCEPT' || action === 'REJECT';
    await tx.execute(
      `UPDATE referral SET status = ?, status_note = COALESCE(?, status_note), status_changed_at = ?,
         answered_at = CASE WHEN ? THEN COALESCE(answered_at, ?) ELSE answered_at END, version = version + 1
       WHERE id = ?`,
      [next, note, now, answers, now, referral.id],
    );
    if (action === 'REJECT' || action === 'CANCEL') {
      // What a referral that ends early was holding goes back: its reserved slot and its held bed.
      await freeBookedSlot(tx, referral.alliance_id, referral.id, eventActorOf(ctx));
      await settleHeldBed(tx, referral.alliance_id, referral.id, BedStatus.AVAILABLE, eventActorOf(ctx));
    }
    if (action === 'ARRIVE')
      await settleHeldBed(tx, referral.alliance_id, referral.id, BedStatus.OCCUPIED, eventActorOf(ctx));
    await appendEvent(
      tx,
      referralEvent(ctx, referral, EVENT_TYPE[action], note, {
        status: next,
        previousStatus: referral.status,
      }),
    );
    await then?.(tx, referral);
  });
}

async function institutionInAlliance(
  tx: EntityManager,
  allianceId: string,
  id: string,
  field: string,
): Promise<InstitutionRow> {
  const [institution] = await rows<InstitutionRow>(
    tx,
    'SELECT id, alliance_id, tier FROM institution WHERE id = ?',
    [id],
  );
  if (!institution || institution.alliance_id !== allianceId)
    throw badInput(field, `${field} is not a member of your alliance`);
  return institution;
}

async function departmentOf(
  tx: EntityManager,
  institutionId: string,
  departmentId: string | null,
  field: string,
): Promise<void> {
  if (!departmentId) return;
  const found = await rows(tx, 'SELECT 1 FROM department WHERE id = ? AND institution_id = ?', [
    departmentId,
    institutionId,
  ]);
  if (found.length === 0) throw badInput(field, `${field} is not a department of the receiving institution`);
}

/** A redirect moves a SUBMITTED referral to another member or department; it keeps its identity, history and deadline. */
export async function redirectReferral(
  ctx: GraphQLContext,
  referralId: string,
  toInstitutionGlobalId: string,
  toDepartmentGlobalId: string | null,
  reasonText: string,
): Promise<void> {
  const toInstitutionId = parseGlobalId(toInstitutionGlobalId, 'Institution', 'toInstitutionId');
  const toDepartmentId = toDepartmentGlobalId
    ? parseGlobalId(toDepartmentGlobalId, 'Department', 'toDepartmentId')
    : null;
  const reason = validateReason('reason', reasonText, true, 2000);
  const now = ctx.services.clock();
  await writeTransaction(ctx, async (tx) => {
    const referral = await lockReadableReferral(tx, ctx, referralId);
    decideTransition(referral.status, 'REDIRECT', actorOf(ctx), partiesOf(referral));
    const target = await institutionInAlliance(tx, referral.alliance_id, toInstitutionId, 'toInstitutionId');
    await departmentOf(tx, target.id, toDepartmentId, 'toDepartmentId');
    if (target.id === referral.from_institution_id)
      throw badInput('toInstitutionId', 'a referral cannot be redirected to its sender');
    if (target.id === referral.to_institution_id && toDepartmentId === referral.to_department_id) {
      throw badInput('toInstitutionId', 'the referral already goes there');
    }
    const [from] = await rows<InstitutionRow>(
      tx,
      'SELECT id, alliance_id, tier FROM institution WHERE id = ?',
      [referral.from_institution_id],
    );
    const mismatch = directionError(referral.direction, from!.tier, target.tier);
    if (mismatch) throw badInput('toInstitutionId', mismatch);
    await tx.execute(
      `UPDATE referral SET to_institution_id = ?, to_department_id = ?, status_note = ?, status_changed_at = ?, version = version + 1
       WHERE id = ?`,
      [target.id, toDepartmentId, reason, now, referral.id],
    );
    const event = referralEvent(ctx, referral, 'REDIRECTED', reason, {
      status: referral.status,
      fromInstitutionId: referral.to_institution_id,
      toInstitutionId: target.id,
    });
    // The old receiver hears of the move too; the new one is a party from now on.
    event.institutionIds = [...new Set([...event.institutionIds, target.id])];
    event.departmentIds = [...new Set([...event.departmentIds, ...(toDepartmentId ? [toDepartmentId] : [])])];
    await appendEvent(tx, event);
  });
}

/** The canonical form of a create request, hashed to tell a retry from a different request under the same key. */
function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Creates a referral from the viewer's institution. Everything is validated before anything is stored;
 * the patient is matched by the keyed hash of the resident ID; an idempotency key makes retries safe
 * (the same key and input answer the first referral, also for concurrent copies; the same key with a
 * different input is CONFLICT).
 */
export async function createReferral(
  ctx: GraphQLContext,
  input: CreateReferralInput,
  idempotencyKey: string | null,
): Promise<string> {
  const viewer = viewerOf(ctx);
  // Who may send at all is the policy's (Mutation.createReferral reaches INSTITUTION: the viewer has one).
  const fromInstitutionId = viewer.institutionId!;
  const now = ctx.services.clock();
  if (
    idempotencyKey !== null &&
    (idempotencyKey.length === 0 || idempotencyKey.length > IDEMPOTENCY_KEY_MAX)
  ) {
    throw badInput('idempotencyKey', `idempotencyKey must be 1 to ${IDEMPOTENCY_KEY_MAX} characters`);
  }
  const patient = validatePatient(input.patient, now);
  const diagnosisCode = validateDiagnosis(input.diagnosisCode);
  const reason = validateReferralReason(input.reason);
  const clinicalSummary = validateClinicalSummary(input.clinicalSummary);
  const toInstitutionId = parseGlobalId(input.toInstitutionId, 'Institution', 'input.toInstitutionId');
  const toDepartmentId = input.toDepartmentId
    ? parseGlobalId(input.toDepartmentId, 'Department', 'input.toDepartmentId')
    : null;
  const slotId = input.slotId ? parseGlobalId(input.slotId, 'Slot', 'input.slotId') : null;
  // The resident ID enters the stored request hash only keyed: a plain SHA-256 of the request would let
  // anyone with the database (and the patient's birth date and sex) find the ID by trying the few
  // thousand region codes and sequence numbers.
  const residentIdHash = ctx.services.keys.hashResidentId(patient.residentId);
  const hash = requestHash({
    ...input,
    patient: { ...patient, residentId: residentIdHash },
    diagnosisCode,
    reason,
    clinicalSummary,
  });

  const existing = async (): Promise<string | null> => {
    if (idempotencyKey === null) return null;
    const [kept] = await rows<{ request_hash: string; referral_id: string }>(
      ctx.em,
      'SELECT request_hash, referral_id FROM idempotency_key WHERE user_id = ? AND key = ?',
      [viewer.userId, idempotencyKey],
    );
    if (!kept) return null;
    if (kept.request_hash !== hash) throw conflict('this idempotencyKey was used for a different referral');
    return kept.referral_id;
  };
  const earlier = await existing();
  if (earlier) return earlier;

  try {
    return await writeTransaction(ctx, async (tx) => {
      const from = await institutionInAlliance(
        tx,
        viewer.allianceId,
        fromInstitutionId,
        'input.fromInstitution',
      );
      const to = await institutionInAlliance(tx, viewer.allianceId, toInstitutionId, 'input.toInstitutionId');
      if (to.id === from.id) throw badInput('input.toInstitutionId', 'a referral must go to another member');
      await departmentOf(tx, to.id, toDepartmentId, 'input.toDepartmentId');
      const mismatch = directionError(input.direction, from.tier, to.tier);
      if (mismatch) throw badInput('input.direction', mismatch);
      const dueBy = answerDeadline(await answerTimesOf(tx, viewer.allianceId), input.urgency, now);
      const [{ id: patientId }] = (await rows<{ id: string }>(
        tx,
        `INSERT INTO patient (id, resident_id_hash, resident_id_encrypted, name, sex, birth_date, phone, home_institution_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (resident_id_hash) DO UPDATE SET phone = COALESCE(EXCLUDED.phone, patient.phone)
         RETURNING id`,
        [
          randomUUID(),
          residentIdHash,
          ctx.services.keys.encryptResidentId(patient.residentId),
          patient.name,
          patient.sex,
          patient.birthDate,
          patient.phone,
          input.direction === ReferralDirection.UPWARD ? from.id : null,
        ],
      )) as [{ id: string }];
      const row = await insertReferral(tx, ctx, {
        createdAt: now,
        direction: input.direction,
        urgency: input.urgency,
        patientId,
        fromInstitutionId: from.id,
        toInstitutionId: to.id,
        toDepartmentId,
        diagnosisCode,
        reason,
        clinicalSummary,
        dueBy,
        assignedSpecialistId: null,
        parentReferralId: null,
        guidanceWarning: await guidanceWarning(tx, viewer.allianceId, input.direction, diagnosisCode),
      });
      const referralId = row.id;
      if (slotId) await bookAtCreation(tx, ctx, row, slotId, now);
      if (idempotencyKey !== null) {
        await tx.execute(
          'INSERT INTO idempotency_key (user_id, key, request_hash, referral_id) VALUES (?, ?, ?, ?)',
          [viewer.userId, idempotencyKey, hash, referralId],
        );
      }
      return referralId;
    });
  } catch (error) {
    // A concurrent copy with the same key committed first: answer its referral (or CONFLICT).
    if (isUniqueViolation(error, 'idempotency_key_pkey')) {
      const first = await existing();
      if (first) return first;
    }
    throw error;
  }
}

/** The referring doctor books an open reserved slot of the receiving department with the referral. */
async function bookAtCreation(
  tx: EntityManager,
  ctx: GraphQLContext,
  r: ReferralRow,
  slotId: string,
  now: Date,
): Promise<void> {
  const viewer = viewerOf(ctx);
  if (viewer.role !== Role.REFERRING_DOCTOR && viewer.role !== Role.PARTNER_APP) {
    throw forbidden('only primary care (a referring doctor or its system) books reserved slots at creation');
  }
  const [slot] = await rows<{
    id: string;
    institution_id: string;
    department_id: string;
    status: SlotStatus;
    pool: string;
    rule_id: string | null;
    starts_at: string;
  }>(
    tx,
    'SELECT id, institution_id, department_id, status, pool, rule_id, starts_at FROM slot WHERE id = ?',
    [slotId],
  );
  if (!slot || slot.institution_id !== r.to_institution_id)
    throw badInput('input.slotId', 'slotId is not a slot of the receiving institution');
  if (r.to_department_id && slot.department_id !== r.to_department_id)
    throw badInput('input.slotId', 'slotId is not a slot of the receiving department');
  if (slot.pool !== 'ALLIANCE_RESERVED')
    throw badInput(
      'input.slotId',
      'only reserved (ALLIANCE_RESERVED) slots can be booked through the alliance',
    );
  await checkQuota(tx, slot, r.from_institution_id);
  const booked = await rows(
    tx,
    `UPDATE slot SET status = 'BOOKED', referral_id = ?, claimed_by_user_id = ?, claimed_at = ?, booked_for_institution_id = ?,
       version = version + 1
     WHERE id = ? AND status = 'OPEN' AND pool = 'ALLIANCE_RESERVED' RETURNING id`,
    [r.id, viewer.userId, now, r.from_institution_id, slot.id],
  );
  if (booked.length === 0)
    throw conflict(`slot is no longer open (${slot.status})`, { currentStatus: slot.status });
  await tx.execute(
    `UPDATE referral SET status = 'SCHEDULED', status_before_scheduled = 'SUBMITTED', status_changed_at = ?, version = version + 1 WHERE id = ?`,
    [now, r.id],
  );
  await appendEvent(tx, slotChanged(r.alliance_id, slot, 'BOOKED', { referralId: r.id }, eventActorOf(ctx)));
  await appendEvent(
    tx,
    referralEvent(ctx, r, 'SCHEDULED', null, { status: ReferralStatus.SCHEDULED, slotId: slot.id }),
  );
}

interface NewReferral {
  createdAt: Date;
  direction: ReferralDirection;
  urgency: ReferralUrgency;
  patientId: string;
  fromInstitutionId: string;
  toInstitutionId: string;
  toDepartmentId: string | null;
  diagnosisCode: string;
  reason: string;
  clinicalSummary: string | null;
  dueBy: Date;
  assignedSpecialistId: string | null;
  parentReferralId: string | null;
  guidanceWarning: string | null;
}

/** Stores a new SUBMITTED referral sent by the viewer, with its CREATED event. */
async function insertReferral(tx: EntityManager, ctx: GraphQLContext, r: NewReferral): Promise<ReferralRow> {
  const viewer = viewerOf(ctx);
  const now = r.createdAt;
  const id = randomUUID();
  const code = `ZZ-${shanghaiDate(now).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
  await tx.execute(
    `INSERT INTO referral (id, code, alliance_id, direction, urgency, status, patient_id, from_institution_id,
       from_practitioner_id, created_by_user_id, to_institution_id, to_department_id, diagnosis_code, reason,
       clinical_summary, created_at, due_by, status_changed_at, assigned_specialist_id, parent_referral_id, guidance_warning)
     VALUES (?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      code,
      viewer.allianceId,
      r.direction,
      r.urgency,
      r.patientId,
      r.fromInstitutionId,
      viewer.practitionerId,
      viewer.userId,
      r.toInstitutionId,
      r.toDepartmentId,
      r.diagnosisCode,
      r.reason,
      r.clinicalSummary,
      now,
      r.dueBy,
      now,
      r.assignedSpecialistId,
      r.parentReferralId,
      r.guidanceWarning,
    ],
  );
  ctx.audit.touched(id, r.patientId);
  const row: ReferralRow = {
    id,
    patient_id: r.patientId,
    alliance_id: viewer.allianceId,
    status: ReferralStatus.SUBMITTED,
    from_institution_id: r.fromInstitutionId,
    to_institution_id: r.toInstitutionId,
    to_department_id: r.toDepartmentId,
    direction: r.direction,
    assigned_specialist_id: r.assignedSpecialistId,
    status_before_scheduled: null,
    version: 1,
  };
  await appendEvent(
    tx,
    referralEvent(ctx, row, 'CREATED', null, {
      status: ReferralStatus.SUBMITTED,
      urgency: r.urgency,
      parentReferralId: r.parentReferralId,
    }),
  );
  return row;
}

async function answerTimesOf(tx: EntityManager, allianceId: string) {
  const [times] = await rows<{
    answer_minutes_emergency: number;
    answer_minutes_urgent: number;
    answer_minutes_routine: number;
  }>(
    tx,
    'SELECT answer_minutes_emergency, answer_minutes_urgent, answer_minutes_routine FROM alliance WHERE id = ?',
    [allianceId],
  );
  return {
    answerMinutesEmergency: times!.answer_minutes_emergency,
    answerMinutesUrgent: times!.answer_minutes_urgent,
    answerMinutesRoutine: times!.answer_minutes_routine,
  };
}

/** Where and how a completed referral's patient goes back down for recovery (康复期下转). */
export interface DownReferralRequest {
  toInstitutionId: string | null;
  toDepartmentId: string | null;
  reason: string | null;
  urgency: ReferralUrgency | null;
}

/**
 * Completes a referral and, when asked, sends the patient down in the same transaction: to the given
 * primary or rehabilitation member, or else to the centre of the patient's family-doctor contract
 * (the family doctor becomes the receiver) or the centre they are registered with. The new DOWNWARD
 * referral carries the outcome and the summary, and links to the one it follows.
 */
export async function completeReferral(
  ctx: GraphQLContext,
  referralId: string,
  outcome: string,
  down: DownReferralRequest | null,
): Promise<string | null> {
  let created: string | null = null;
  await transitionReferral(ctx, referralId, 'COMPLETE', outcome, async (tx, parent) => {
    if (!down) return;
    const [details] = await rows<{
      patient_id: string;
      diagnosis_code: string;
      clinical_summary: string | null;
      home_institution_id: string | null;
    }>(
      tx,
      'SELECT r.patient_id, r.diagnosis_code, r.clinical_summary, p.home_institution_id FROM referral r JOIN patient p ON p.id = r.patient_id WHERE r.id = ?',
      [parent.id],
    );
    const today = shanghaiDate(ctx.services.clock());
    const [contract] = await rows<{ institution_id: string; practitioner_id: string }>(
      tx,
      `SELECT institution_id, practitioner_id FROM family_doctor_contract WHERE patient_id = ? AND starts_on <= ? AND ends_on >= ?
       ORDER BY starts_on DESC LIMIT 1`,
      [details!.patient_id, today, today],
    );
    const targetId = down.toInstitutionId ?? contract?.institution_id ?? details!.home_institution_id;
    if (!targetId)
      throw badInput(
        'downReferral.toInstitutionId',
        'the patient has no family doctor or home centre: choose where they go',
      );
    const target = await institutionInAlliance(
      tx,
      parent.alliance_id,
      targetId,
      'downReferral.toInstitutionId',
    );
    const [sender] = await rows<InstitutionRow>(
      tx,
      'SELECT id, alliance_id, tier FROM institution WHERE id = ?',
      [parent.to_institution_id],
    );
    const mismatch = directionError(ReferralDirection.DOWNWARD, sender!.tier, target.tier);
    if (mismatch) throw badInput('downReferral.toInstitutionId', mismatch);
    let toDepartmentId = down.toDepartmentId;
    if (toDepartmentId) await departmentOf(tx, target.id, toDepartmentId, 'downReferral.toDepartmentId');
    else {
      const [gp] = await rows<{ id: string }>(
        tx,
        `SELECT id FROM department WHERE institution_id = ? AND code = '02'`,
        [target.id],
      );
      toDepartmentId = gp?.id ?? null;
    }
    const urgency = down.urgency ?? ReferralUrgency.ROUTINE;
    const summary = [`治疗结果 (outcome): ${outcome}`, details!.clinical_summary].filter(Boolean).join('\n');
    const now = ctx.services.clock();
    const row = await insertReferral(tx, ctx, {
      createdAt: now,
      direction: ReferralDirection.DOWNWARD,
      urgency,
      patientId: details!.patient_id,
      fromInstitutionId: parent.to_institution_id,
      toInstitutionId: target.id,
      toDepartmentId,
      diagnosisCode: details!.diagnosis_code,
      reason: validateReason(
        'downReferral.reason',
        down.reason ?? '病情稳定，下转社区康复 (stable: recovery in the community)',
        true,
        2000,
      )!,
      clinicalSummary: validateClinicalSummary(summary),
      dueBy: answerDeadline(await answerTimesOf(tx, parent.alliance_id), urgency, now),
      assignedSpecialistId:
        contract && contract.institution_id === target.id ? contract.practitioner_id : null,
      parentReferralId: parent.id,
      guidanceWarning: null,
    });
    created = row.id;
  });
  return created;
}
