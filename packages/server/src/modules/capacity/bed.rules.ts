/**
 * Which bed status changes are legal, and who may make them. Pure: the capacity service loads the bed,
 * asks here, then writes with its version check; the availability aggregate trusts that only these
 * changes happen.
 *
 * Statuses follow FHIR Location.operationalStatus: AVAILABLE = U (unoccupied), OCCUPIED = O,
 * CLEANING = H (housekeeping), CLOSED = C; HELD is ours: kept for a referral until it arrives or the
 * hold expires.
 */
import { BedStatus, Role } from '../../domain/enums.js';
import { badInput, conflict, forbidden } from '../../domain/errors.js';
import { validateReason, type Actor } from '../referral/referral.rules.js';

export type { Actor };

/** The owners of a bed, which decide who counts as "own". */
export interface BedParty {
  readonly institutionId: string;
  readonly departmentId: string;
}

const B = BedStatus;

/**
 * The manual changes `setBedStatus` may make: from → the statuses it may go to.
 * HELD appears only as a source: a bed is held only through `holdBed`, which ties it to a referral and
 * an expiry; setting HELD by hand would make a hold nobody sweeps back.
 */
export const LEGAL_BED_CHANGES: Readonly<Record<BedStatus, readonly BedStatus[]>> = Object.freeze({
  [B.AVAILABLE]: [B.OCCUPIED, B.CLOSED, B.CLEANING],
  // A patient leaves an occupied bed only through cleaning (discharge), never straight to AVAILABLE.
  [B.OCCUPIED]: [B.CLEANING],
  // Cancel the hold, or the referred patient has arrived.
  [B.HELD]: [B.AVAILABLE, B.OCCUPIED],
  [B.CLEANING]: [B.AVAILABLE, B.CLOSED],
  // Reopening may need a clean first (e.g. a ward closed for renovation).
  [B.CLOSED]: [B.AVAILABLE, B.CLEANING],
});

/** The longest a bed status reason may be, in characters (a note, not a report). */
export const BED_REASON_MAX = 500;

/** The shortest and longest hold, in minutes: a held bed is a bed nobody else can use, so at most a day. */
export const HOLD_MINUTES_MIN = 1;
export const HOLD_MINUTES_MAX = 1440;

/** Why `actor` may not change `bed` by hand, or null when it may. */
function statusRefusal(actor: Actor, bed: BedParty): string | null {
  // The sweeper releases expired holds with its own conditional statement; by-hand changes are people's.
  if (actor.system === true) return 'the system does not set bed status by hand';
  switch (actor.role) {
    case Role.COORDINATOR:
      // The core hospital coordinates beds across members (统筹协调床位); alliance scope is the data layer's.
      return null;
    case Role.SPECIALIST:
      return actor.departmentId !== null && actor.departmentId === bed.departmentId
        ? null
        : "a specialist may change only their own department's beds";
    case Role.REFERRING_DOCTOR:
    case Role.PARTNER_APP:
      // A community centre (or a member's HIS) runs its own beds.
      return actor.institutionId !== null && actor.institutionId === bed.institutionId
        ? null
        : `a ${actor.role} may change only its own institution's beds`;
    case Role.ADMIN:
      return 'an administrator may not change beds';
  }
}

/** Whether `actor` may change `bed`'s status by hand (whatever its current status). */
export function maySetBedStatus(actor: Actor, bed: BedParty): boolean {
  return statusRefusal(actor, bed) === null;
}

/**
 * Decides a manual bed status change (`setBedStatus`).
 *
 * Checks, in this order: who may (else `FORBIDDEN`, first, so an outsider learns nothing about the
 * bed); the same status (`CONFLICT` "already X"); HELD as the target (`BAD_USER_INPUT` on `status`: only
 * `holdBed` holds); a change not in {@link LEGAL_BED_CHANGES} (`CONFLICT` naming the current status);
 * the reason (`BAD_USER_INPUT` on `reason`: required for CLOSED, at most {@link BED_REASON_MAX}
 * characters). Every `CONFLICT` carries details `{ currentStatus }`.
 *
 * @returns the status to store and the trimmed reason to store with it (null when none was given, so a
 *   reopened bed does not keep its closing reason).
 */
export function decideBedStatusChange(
  current: BedStatus,
  next: BedStatus,
  actor: Actor,
  bed: BedParty,
  reason?: string | null,
): { status: BedStatus; reason: string | null } {
  const denied = statusRefusal(actor, bed);
  if (denied !== null) throw forbidden(denied);

  if (current === next) throw conflict(`bed is already ${current}`, { currentStatus: current });
  if (next === B.HELD) {
    throw badInput(
      'status',
      'a bed is HELD only by holding it for a referral (holdBed), not by setting its status',
    );
  }
  const legal = LEGAL_BED_CHANGES[current];
  if (!legal.includes(next)) {
    throw conflict(`bed is ${current}; it can change only to ${legal.join(' or ')}, not ${next}`, {
      currentStatus: current,
    });
  }
  return { status: next, reason: validateReason('reason', reason, next === B.CLOSED, BED_REASON_MAX) };
}

/** Whether `actor` may hold `bed` for a referral: the coordinator, or a specialist of the bed's department. */
export function mayHoldBed(actor: Actor, bed: BedParty): boolean {
  if (actor.system === true) return false;
  if (actor.role === Role.COORDINATOR) return true;
  return (
    actor.role === Role.SPECIALIST && actor.departmentId !== null && actor.departmentId === bed.departmentId
  );
}

/** Why `minutes` is not a valid hold length (whole minutes, 1..1440), or null when it is. */
export function holdMinutesError(minutes: number): string | null {
  if (!Number.isInteger(minutes)) return `a hold is a whole number of minutes, not ${minutes}`;
  if (minutes < HOLD_MINUTES_MIN || minutes > HOLD_MINUTES_MAX) {
    return `a hold lasts ${HOLD_MINUTES_MIN} to ${HOLD_MINUTES_MAX} minutes, not ${minutes}`;
  }
  return null;
}

/**
 * Decides `holdBed`: FORBIDDEN unless {@link mayHoldBed}; `CONFLICT` (details `{ currentStatus }`) unless
 * the bed is AVAILABLE; `BAD_USER_INPUT` on `minutes` unless {@link holdMinutesError} is null. The write
 * itself must still be conditional on AVAILABLE, since another hold may win between read and write.
 */
export function decideBedHold(current: BedStatus, actor: Actor, bed: BedParty, minutes: number): BedStatus {
  if (!mayHoldBed(actor, bed))
    throw forbidden("only a coordinator or a specialist of the bed's department may hold it");
  if (current !== B.AVAILABLE) {
    throw conflict(`bed is ${current}; only an AVAILABLE bed can be held`, { currentStatus: current });
  }
  const error = holdMinutesError(minutes);
  if (error !== null) throw badInput('minutes', error);
  return B.HELD;
}
