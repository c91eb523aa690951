/**
 * Who may call what: the one authorization policy of the API.
 *
 * Every root operation of the schema (Query, Mutation and Subscription fields) has a rule here naming
 * the roles that may call it and how far each reaches. `src/graphql/operation-guard.ts` applies it to every
 * root field before its resolver (or subscription) runs: no token → UNAUTHENTICATED, a role without
 * a rule → FORBIDDEN, an operation without a rule → FORBIDDEN (fail closed). The test
 * `test/authorization-matrix.int.test.ts` fails for any operation of the built schema without a rule,
 * and checks every rule over HTTP and WebSocket for every role on its own and another institution.
 *
 * The finer rules stay in the data layer, where the data is, and are named by `enforcedBy`:
 * - which referrals a viewer reads: `referralVisibility` / `mayReadReferral` (access-policy.ts), applied
 *   in SQL by the referral read model and to each locked row by `lockReadableReferral`;
 * - who may make which referral move: `decideTransition` (referral.rules.ts); beds: bed.rules.ts;
 * - patient identity: `mayIdentifyPatient` (access-policy.ts), see {@link FIELD_RULES}.
 * A rule here never widens those: it only refuses earlier, before anything is read.
 */
import type { Scope } from './access-policy.js';
import { Role } from './enums.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * How far a role reaches with an operation:
 * - ALLIANCE: everything of the caller's own alliance (never another alliance's);
 * - INSTITUTION: what concerns the caller's own institution (the caller must belong to one);
 * - DEPARTMENT: what concerns the caller's own department (the caller must belong to one);
 * - SELF: the caller's own account;
 * - NOTHING: the call is allowed and answers nothing (an empty list, NOT_FOUND), e.g. an
 *   administrator's referral queue: administrators run users, keys and the audit log, not patients.
 */
export type Reach = 'ALLIANCE' | 'INSTITUTION' | 'DEPARTMENT' | 'SELF' | 'NOTHING';

/** The roles that may call an operation, each with its reach; every role not named is refused. */
export type Access = Readonly<Partial<Record<Role, Reach>>>;

export interface OperationRule {
  /** `'PUBLIC'`: callable without a token (logging in). */
  readonly access: Access | 'PUBLIC';
  /** Where the finer rule (which rows, which transition) is enforced, for the reader. */
  readonly enforcedBy: string;
}

const everyone = (reach: Reach): Access => ({
  [Role.COORDINATOR]: reach,
  [Role.SPECIALIST]: reach,
  [Role.REFERRING_DOCTOR]: reach,
  [Role.PARTNER_APP]: reach,
  [Role.ADMIN]: reach,
});

/** Alliance-wide shared facts (members, beds, slots, catalogue): every member reads them. */
const ALLIANCE_WIDE = everyone('ALLIANCE');

/** Referrals as `referralVisibility` scopes them. */
const REFERRAL_READERS: Access = {
  [Role.COORDINATOR]: 'ALLIANCE',
  [Role.SPECIALIST]: 'DEPARTMENT',
  [Role.REFERRING_DOCTOR]: 'INSTITUTION',
  [Role.PARTNER_APP]: 'INSTITUTION',
  [Role.ADMIN]: 'NOTHING',
};

/** The people and systems that answer and move referrals (not administrators). */
const REFERRAL_PARTIES: Access = {
  [Role.COORDINATOR]: 'ALLIANCE',
  [Role.SPECIALIST]: 'DEPARTMENT',
  [Role.REFERRING_DOCTOR]: 'INSTITUTION',
  [Role.PARTNER_APP]: 'INSTITUTION',
};

/** The receiving hospital's side: the coordination office and the receiving department's specialists. */
const HOSPITAL_SIDE: Access = { [Role.COORDINATOR]: 'ALLIANCE', [Role.SPECIALIST]: 'DEPARTMENT' };

/** The sending side: a member's doctors and its own information system. */
const SENDERS: Access = { [Role.REFERRING_DOCTOR]: 'INSTITUTION', [Role.PARTNER_APP]: 'INSTITUTION' };

/** The coordination office (医联体办公室) alone. */
const COORDINATION_OFFICE: Access = { [Role.COORDINATOR]: 'ALLIANCE' };

/** Administration (users, API keys, the audit log), alliance-wide. */
export const ADMINISTRATION: Access = { [Role.ADMIN]: 'ALLIANCE' };

/** Partner API keys are issued by the alliance: its administrators and its coordination office. */
const KEY_ISSUERS: Access = { [Role.ADMIN]: 'ALLIANCE', [Role.COORDINATOR]: 'ALLIANCE' };

const TRANSITIONS =
  'mayReadReferral (lockReadableReferral, NOT_FOUND) then decideTransition (referral.rules.ts)';

/**
 * The rule of every root operation, as `Type.field`. A new operation needs a line here (and the
 * matrix test says so); e.g. `'Mutation.revokeApiKey': { access: ADMINISTRATION, enforcedBy: '...' }`.
 */
export const OPERATION_RULES: Readonly<Record<string, OperationRule>> = Object.freeze({
  // Queries
  'Query.viewer': { access: everyone('SELF'), enforcedBy: 'auth.resolver.ts: the token’s own account' },
  'Query.eventCursor': {
    access: ALLIANCE_WIDE,
    enforcedBy: 'event-cursor.resolver.ts: a position in the event log only, no event’s content',
  },
  'Query.apiKeys': {
    access: KEY_ISSUERS,
    enforcedBy: 'api-key.resolver.ts: keys of the viewer’s alliance only',
  },
  'Query.auditLog': {
    access: ADMINISTRATION,
    enforcedBy: 'audit.resolver.ts: entries of the viewer’s alliance (and anonymous attempts)',
  },
  'Query.verifyAuditChain': {
    access: ADMINISTRATION,
    enforcedBy: 'audit-chain.ts: the whole chain; it reveals no entry’s content',
  },
  'Query.alliances': {
    access: ALLIANCE_WIDE,
    enforcedBy: 'alliance.resolver.ts: the viewer’s alliance only',
  },
  'Query.alliance': {
    access: ALLIANCE_WIDE,
    enforcedBy: 'alliance.resolver.ts: another alliance is NOT_FOUND',
  },
  'Query.institution': {
    access: ALLIANCE_WIDE,
    enforcedBy: 'alliance.resolver.ts: a member of another alliance is NOT_FOUND',
  },
  'Query.node': {
    access: ALLIANCE_WIDE,
    enforcedBy:
      'node.resolver.ts: reference objects of the own alliance; Referral by referralVisibility, Patient by ' +
      'involvement of the viewer’s institution; anything else null',
  },
  'Query.referral': {
    access: REFERRAL_READERS,
    enforcedBy: 'referral loader: referralVisibility, NOT_FOUND',
  },
  'Query.referrals': {
    access: REFERRAL_READERS,
    enforcedBy: 'referral.read-model.ts: referralVisibility in SQL',
  },
  'Query.reservedSlots': { access: ALLIANCE_WIDE, enforcedBy: 'slot.resolver.ts: slots of the own alliance' },
  'Query.slotPoolRules': { access: ALLIANCE_WIDE, enforcedBy: 'slot-pool.resolver.ts: the own alliance' },
  'Query.primaryCareConditions': { access: ALLIANCE_WIDE, enforcedBy: 'guidance.ts: the own alliance' },
  'Query.allianceIndicators': {
    access: {
      [Role.COORDINATOR]: 'ALLIANCE',
      [Role.ADMIN]: 'ALLIANCE',
      [Role.SPECIALIST]: 'INSTITUTION',
      [Role.REFERRING_DOCTOR]: 'INSTITUTION',
      [Role.PARTNER_APP]: 'INSTITUTION',
    },
    enforcedBy: 'indicators.resolver.ts: others than the office read their own institution only (FORBIDDEN)',
  },

  // Mutations
  'Mutation.login': { access: 'PUBLIC', enforcedBy: 'auth.resolver.ts: password check' },
  'Mutation.createReferral': {
    access: { ...SENDERS, [Role.SPECIALIST]: 'INSTITUTION' },
    enforcedBy:
      'referral.service.ts: sent from the viewer’s institution to a member of its alliance; booking a slot at ' +
      'creation is primary care’s only (REFERRING_DOCTOR, PARTNER_APP)',
  },
  'Mutation.acceptReferral': { access: REFERRAL_PARTIES, enforcedBy: TRANSITIONS + ': the receiver' },
  'Mutation.rejectReferral': { access: REFERRAL_PARTIES, enforcedBy: TRANSITIONS + ': the receiver' },
  'Mutation.redirectReferral': {
    access: HOSPITAL_SIDE,
    enforcedBy: TRANSITIONS + ': the receiving hospital',
  },
  'Mutation.recordArrival': { access: REFERRAL_PARTIES, enforcedBy: TRANSITIONS + ': the receiver' },
  'Mutation.completeReferral': { access: REFERRAL_PARTIES, enforcedBy: TRANSITIONS + ': the receiver' },
  'Mutation.cancelReferral': { access: SENDERS, enforcedBy: TRANSITIONS + ': the sender' },
  'Mutation.claimSlot': {
    access: HOSPITAL_SIDE,
    enforcedBy: 'capacity.service.ts claimSlot: a specialist of the slot’s department, on duty now',
  },
  'Mutation.releaseSlot': {
    access: HOSPITAL_SIDE,
    enforcedBy: 'capacity.service.ts releaseSlot: a specialist of the slot’s department',
  },
  'Mutation.holdBed': {
    access: HOSPITAL_SIDE,
    enforcedBy: 'bed.rules.ts decideBedHold: a bed of the own department, at the referral’s receiver',
  },
  'Mutation.setBedStatus': {
    access: REFERRAL_PARTIES,
    enforcedBy: 'bed.rules.ts decideBedStatusChange: specialists their department’s beds, members their own',
  },
  'Mutation.reportDailyActivity': {
    access: { ...COORDINATION_OFFICE, [Role.PARTNER_APP]: 'INSTITUTION' },
    enforcedBy:
      'indicators.resolver.ts: a member’s system reports its own figures; the office for any member',
  },
  'Mutation.setPrimaryCareConditions': {
    access: COORDINATION_OFFICE,
    enforcedBy: 'guidance.ts: own alliance',
  },
  'Mutation.issueApiKey': {
    access: KEY_ISSUERS,
    enforcedBy: 'api-key.resolver.ts: institutions of the viewer’s alliance only',
  },
  'Mutation.revokeApiKey': {
    access: KEY_ISSUERS,
    enforcedBy: 'api-key.resolver.ts: keys of the viewer’s alliance only (NOT_FOUND otherwise)',
  },
  'Mutation.setReferralDeadlines': {
    access: COORDINATION_OFFICE,
    enforcedBy: 'alliance.resolver.ts: own alliance',
  },
  'Mutation.setSlotPoolRule': {
    access: COORDINATION_OFFICE,
    enforcedBy: 'slot-pool.resolver.ts: a department of the own alliance',
  },

  // Subscriptions: checked when subscribing; every event is checked again for its subscriber.
  'Subscription.bedAvailabilityChanged': {
    access: ALLIANCE_WIDE,
    enforcedBy: 'subscriptions.resolver.ts: another alliance is FORBIDDEN',
  },
  'Subscription.slotEvents': { access: ALLIANCE_WIDE, enforcedBy: 'subscriptions.resolver.ts: own alliance' },
  'Subscription.referralEvents': {
    access: REFERRAL_PARTIES,
    enforcedBy:
      'subscriptions.resolver.ts: each event through the scoped referral loader (referralVisibility)',
  },
});

/**
 * Fields below the root that lead to a referral or a patient, and the data-layer rule each goes
 * through. The matrix test fails for any such field of the built schema that is not listed here.
 */
export const FIELD_RULES: Readonly<Record<string, string>> = Object.freeze({
  'Patient.id': 'a global ID; node(id) answers the patient only to an involved institution',
  'Patient.displayName':
    'the full name if mayIdentifyPatient (sender, receiver, home centre), else masked 张*明',
  'Patient.sex': 'shown with a readable referral (not identifying alone)',
  'Patient.age': 'shown with a readable referral; the birth date itself is never a field',
  'Referral.patient': 'reached only through a readable referral',
  'Referral.clinicalSummary': 'null unless mayIdentifyPatient',
  'Referral.parentReferral': 'the scoped referral loader: null when not readable',
  'Referral.downReferrals': 'the referral read model, scoped by referralVisibility',
  'ReferralEdge.node': 'Query.referrals: the referral read model, scoped by referralVisibility',
  'ReferralEvent.referral': 'the scoped referral loader, per event and subscriber',
  'Bed.heldFor': 'the scoped referral loader: null when not readable',
  'Slot.referral': 'the scoped referral loader: null when not readable',
});

/**
 * Checks that `viewer` may call `operation` (`Type.field`) at all; throws UNAUTHENTICATED or FORBIDDEN.
 * What the call may then touch is the data layer's to decide (see `enforcedBy`).
 */
export function authorizeOperation(operation: string, viewer: Scope | null): void {
  const rule = OPERATION_RULES[operation];
  if (rule?.access === 'PUBLIC') return;
  if (!viewer) throw unauthenticated('log in first: send Authorization: Bearer <token>');
  if (!rule) throw forbidden(`${operation} has no authorization rule`);
  const reach = rule.access[viewer.role];
  if (!reach) {
    const allowed = Object.keys(rule.access).join(', ');
    throw forbidden(`a ${viewer.role} may not call ${fieldOf(operation)} (it is for ${allowed})`);
  }
  if (reach === 'INSTITUTION' && !viewer.institutionId)
    throw forbidden(`${fieldOf(operation)} needs an account of a member institution`);
  if (reach === 'DEPARTMENT' && !viewer.departmentId)
    throw forbidden(`${fieldOf(operation)} needs an account of a department`);
}

/**
 * How far `role` reaches with `operation` (null: not at all). Resolvers whose scope depends on the role
 * ask this rather than naming roles, so the rule above stays the one place that says it.
 */
export function reachOf(operation: string, role: Role): Reach | null {
  const access = OPERATION_RULES[operation]?.access;
  if (!access || access === 'PUBLIC') return null;
  return access[role] ?? null;
}

const fieldOf = (operation: string) => operation.slice(operation.indexOf('.') + 1);
