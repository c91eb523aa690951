/**
 * The referral's life, decided in one place. Pure: no database, no clock, no I/O. Services load the
 * referral, ask `decideTransition` what happens, and write the answer (plus its event and timeline
 * row) in one transaction; so every path — GraphQL, the sweeper, slot release — obeys the same table.
 */
import { InstitutionTier, ReferralDirection, ReferralStatus, Role } from '../../domain/enums.js';
import { badInput, conflict, forbidden } from '../../domain/errors.js';

/** Everything that can happen to a referral. REDIRECT is a move (new receiver), not a state. */
export type ReferralAction =
  'ACCEPT' | 'REJECT' | 'REDIRECT' | 'SCHEDULE' | 'UNSCHEDULE' | 'ARRIVE' | 'COMPLETE' | 'CANCEL' | 'EXPIRE';

/** Every action, in the order the UI offers them. */
export const REFERRAL_ACTIONS: readonly ReferralAction[] = Object.freeze([
  'ACCEPT',
  'REJECT',
  'REDIRECT',
  'SCHEDULE',
  'UNSCHEDULE',
  'ARRIVE',
  'COMPLETE',
  'CANCEL',
  'EXPIRE',
] as const);

/** Who is acting: a person or partner system in its scope, or the in-process sweeper (`system`). */
export interface Actor {
  readonly role: Role;
  readonly institutionId: string | null;
  readonly departmentId: string | null;
  /** The system sweeper; it may only EXPIRE, and nothing else may. */
  readonly system?: boolean;
}

/** The referral's sender and receiver, which decide who counts as "own" party. */
export interface Parties {
  readonly fromInstitutionId: string;
  readonly toInstitutionId: string;
  /** Null when the referral goes to an institution as a whole (e.g. a community centre). */
  readonly toDepartmentId: string | null;
}

/** Where an action may start and where it leads. */
export interface TransitionRule {
  readonly from: readonly ReferralStatus[];
  /**
   * The next status; `'PREVIOUS'` when it is the status the referral had before (UNSCHEDULE), which
   * only the caller knows (the slot remembers it), so it passes `options.previousStatus`.
   */
  readonly to: ReferralStatus | 'PREVIOUS';
}

const S = ReferralStatus;

/** The statuses UNSCHEDULE may return to: the ones SCHEDULE may start from. */
export const UNSCHEDULE_TARGETS: readonly ReferralStatus[] = Object.freeze([S.SUBMITTED, S.ACCEPTED]);

/**
 * The state machine: action → the statuses it may start from → the next status.
 * Rendered in the docs; every decision below reads it, so the two cannot drift apart.
 */
export const TRANSITIONS: Readonly<Record<ReferralAction, TransitionRule>> = Object.freeze({
  ACCEPT: { from: [S.SUBMITTED], to: S.ACCEPTED },
  REJECT: { from: [S.SUBMITTED, S.ACCEPTED], to: S.REJECTED },
  // A move, not a state: the receiver changes, the referral stays SUBMITTED with its deadline rules.
  REDIRECT: { from: [S.SUBMITTED], to: S.SUBMITTED },
  // Claim into a reserved slot; a specialist taking it straight from the queue is also an answer.
  SCHEDULE: { from: [S.SUBMITTED, S.ACCEPTED], to: S.SCHEDULED },
  UNSCHEDULE: { from: [S.SCHEDULED], to: 'PREVIOUS' },
  // ACCEPTED too: a bed-only admission arrives without ever holding a slot.
  ARRIVE: { from: [S.SCHEDULED, S.ACCEPTED], to: S.ARRIVED },
  COMPLETE: { from: [S.ARRIVED], to: S.COMPLETED },
  // Once the patient has arrived the sender can no longer withdraw; the receiver completes instead.
  CANCEL: { from: [S.SUBMITTED, S.ACCEPTED, S.SCHEDULED], to: S.CANCELLED },
  // Only an unanswered referral can run out of time; an answered one is the receiver's to finish.
  EXPIRE: { from: [S.SUBMITTED], to: S.EXPIRED },
});

/** What the receiving side may do (coordinator alliance-wide, specialist in the receiving department). */
const RECEIVER_ACTIONS: ReadonlySet<ReferralAction> = new Set<ReferralAction>([
  'ACCEPT',
  'REJECT',
  'REDIRECT',
  'SCHEDULE',
  'UNSCHEDULE',
  'ARRIVE',
  'COMPLETE',
]);

/**
 * What a receiving institution's own doctor or system may do: a community centre receiving a
 * down-referral answers and closes it, but slots and redirection are the hospital side's business.
 */
const RECEIVING_INSTITUTION_ACTIONS: ReadonlySet<ReferralAction> = new Set<ReferralAction>([
  'ACCEPT',
  'REJECT',
  'ARRIVE',
  'COMPLETE',
]);

/** What the sending institution may do: withdraw its own referral. */
const SENDER_ACTIONS: ReadonlySet<ReferralAction> = new Set<ReferralAction>(['CANCEL']);

/** Why `actor` may not make `action` on a referral between `parties`, or null when it may. */
function refusal(action: ReferralAction, actor: Actor, parties: Parties): string | null {
  // The sweeper is not a person: it does exactly one thing, and that thing is nobody else's to do.
  if (actor.system === true) {
    return action === 'EXPIRE' ? null : `the system may only EXPIRE a referral, not ${action}`;
  }
  if (action === 'EXPIRE') return 'only the system expires a referral, when its answer deadline has passed';

  switch (actor.role) {
    case Role.COORDINATOR:
      // Alliance-wide: that the referral is in the coordinator's alliance is the data layer's scope check.
      return RECEIVER_ACTIONS.has(action) ? null : `a coordinator may not ${action} a referral`;
    case Role.SPECIALIST: {
      const receiving =
        parties.toDepartmentId !== null
          ? actor.departmentId !== null && actor.departmentId === parties.toDepartmentId
          : actor.institutionId !== null && actor.institutionId === parties.toInstitutionId;
      if (!receiving) return `only a specialist of the receiving department may ${action} this referral`;
      return RECEIVER_ACTIONS.has(action) ? null : `a specialist may not ${action} a referral`;
    }
    case Role.REFERRING_DOCTOR:
    case Role.PARTNER_APP: {
      const own = actor.institutionId;
      // Both checks, not either: a referral between two departments of one institution makes it both parties.
      if (own !== null && own === parties.fromInstitutionId && SENDER_ACTIONS.has(action)) return null;
      if (own !== null && own === parties.toInstitutionId && RECEIVING_INSTITUTION_ACTIONS.has(action))
        return null;
      if (SENDER_ACTIONS.has(action))
        return `a ${actor.role} may ${action} only a referral its own institution sent`;
      if (RECEIVING_INSTITUTION_ACTIONS.has(action)) {
        return `a ${actor.role} may ${action} only a referral its own institution receives`;
      }
      return `a ${actor.role} may not ${action} a referral`;
    }
    case Role.ADMIN:
      // Administrators run users, keys and the audit log; they never decide about patients.
      return 'an administrator may not act on referrals';
  }
}

/** Whether `actor` may, by role and party, make `action` (whatever the referral's current status). */
export function mayAct(action: ReferralAction, actor: Actor, parties: Parties): boolean {
  return refusal(action, actor, parties) === null;
}

/**
 * Decides one transition of a referral.
 *
 * Checks, in this order: who may (else `FORBIDDEN` — first, so an outsider learns nothing about the
 * referral's state), then whether `action` is possible from `current` (else `CONFLICT` naming the current
 * status, details `{ currentStatus }`).
 *
 * @param options.previousStatus for UNSCHEDULE: the status before the slot was claimed (SUBMITTED or ACCEPTED).
 * @returns the next status (REDIRECT returns SUBMITTED: the receiver changes, the status does not).
 * @throws DomainError FORBIDDEN or CONFLICT as above; a plain Error when UNSCHEDULE lacks a valid
 *   `previousStatus`, which is a bug in the caller, not something a user can fix.
 */
export function decideTransition(
  current: ReferralStatus,
  action: ReferralAction,
  actor: Actor,
  parties: Parties,
  options: { previousStatus?: ReferralStatus } = {},
): ReferralStatus {
  const denied = refusal(action, actor, parties);
  if (denied !== null) throw forbidden(denied);

  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) {
    throw conflict(`referral is ${current}; ${action} is possible only from ${rule.from.join(' or ')}`, {
      currentStatus: current,
    });
  }
  if (rule.to !== 'PREVIOUS') return rule.to;

  const previous = options.previousStatus;
  if (previous === undefined || !UNSCHEDULE_TARGETS.includes(previous)) {
    throw new Error(
      `${action} needs options.previousStatus, one of ${UNSCHEDULE_TARGETS.join(', ')}; got ${String(previous)}`,
    );
  }
  return previous;
}

/** The actions `actor` may make on a referral in `current` status now — the buttons the UI shows. */
export function allowedActions(current: ReferralStatus, actor: Actor, parties: Parties): ReferralAction[] {
  return REFERRAL_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(current) && mayAct(a, actor, parties));
}

const OPEN: ReadonlySet<ReferralStatus> = new Set([S.SUBMITTED, S.ACCEPTED, S.SCHEDULED, S.ARRIVED]);

/** Still in progress: something can still happen to it (it belongs in a queue). */
export function isOpen(status: ReferralStatus): boolean {
  return OPEN.has(status);
}

/** Finished for good: COMPLETED, REJECTED, CANCELLED or EXPIRED. */
export function isFinal(status: ReferralStatus): boolean {
  return !OPEN.has(status);
}

const ANSWERED: ReadonlySet<ReferralStatus> = new Set([
  S.ACCEPTED,
  S.SCHEDULED,
  S.ARRIVED,
  S.COMPLETED,
  S.REJECTED,
]);

/**
 * The receiver has answered (taken it on or refused it). SUBMITTED is waiting; CANCELLED and EXPIRED
 * ended without a receiver's answer — the "answered before dueBy" indicator counts on exactly this.
 */
export function isAnswered(status: ReferralStatus): boolean {
  return ANSWERED.has(status);
}

/** Tier order for direction checks: primary care is the bottom of the pyramid. */
export const TIER_RANK: Readonly<Record<InstitutionTier, number>> = Object.freeze({
  [InstitutionTier.PRIMARY]: 0,
  [InstitutionTier.SECONDARY]: 1,
  [InstitutionTier.TERTIARY]: 2,
});

/**
 * Why a referral's direction does not fit the tiers of its sender and receiver, or null when it fits:
 * UPWARD to a strictly higher tier, DOWNWARD to a strictly lower one, LATERAL to the same tier.
 */
export function directionError(
  direction: ReferralDirection,
  fromTier: InstitutionTier,
  toTier: InstitutionTier,
): string | null {
  const from = TIER_RANK[fromTier];
  const to = TIER_RANK[toTier];
  switch (direction) {
    case ReferralDirection.UPWARD:
      return to > from ? null : `an UPWARD referral must go to a higher tier than ${fromTier}, not ${toTier}`;
    case ReferralDirection.DOWNWARD:
      return to < from ? null : `a DOWNWARD referral must go to a lower tier than ${fromTier}, not ${toTier}`;
    case ReferralDirection.LATERAL:
      return to === from ? null : `a LATERAL referral must stay in tier ${fromTier}, not go to ${toTier}`;
  }
}

/** Whether `direction` fits a referral from a `fromTier` member to a `toTier` member. */
export function directionFitsTiers(
  direction: ReferralDirection,
  fromTier: InstitutionTier,
  toTier: InstitutionTier,
): boolean {
  return directionError(direction, fromTier, toTier) === null;
}

/**
 * Validates a free-text reason (rejection, cancellation, referral reason, closing a bed).
 *
 * Trims it; an empty text counts as absent. Length is counted in Unicode code points, as PostgreSQL
 * counts characters, so a Chinese character or an emoji is one character, not two UTF-16 units.
 *
 * @returns the trimmed text, or null when absent and not required.
 * @throws DomainError BAD_USER_INPUT on `field` when required and absent, or longer than `max`.
 */
export function validateReason(
  field: string,
  text: string | null | undefined,
  required: boolean,
  max = 2000,
): string | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') {
    if (required) throw badInput(field, `${field} is required and may not be empty`);
    return null;
  }
  const length = [...trimmed].length;
  if (length > max) throw badInput(field, `${field} is ${length} characters; at most ${max} are allowed`);
  return trimmed;
}
