import { decodeGlobalId } from '../../graphql/global-id.js';

/**
 * What a partner system's API key may do. A key holds one or more scopes; an operation a key's
 * scopes do not cover is FORBIDDEN, whatever the PARTNER_APP role would otherwise allow. The role's
 * own rules (its institution only, patient masking) apply on top.
 */
export enum ApiScope {
  REFERRALS_READ = 'REFERRALS_READ',
  REFERRALS_WRITE = 'REFERRALS_WRITE',
  CAPACITY_READ = 'CAPACITY_READ',
  BEDS_WRITE = 'BEDS_WRITE',
  SLOTS_BOOK = 'SLOTS_BOOK',
  ACTIVITY_WRITE = 'ACTIVITY_WRITE',
}

/** The scopes as the schema describes them to partners. */
export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, { description: string }> = {
  REFERRALS_READ: {
    description: 'Its institution’s referrals and their patients (queries, node, referralEvents).',
  },
  REFERRALS_WRITE: {
    description: 'Create, accept, reject, redirect, record arrival of, complete and cancel referrals.',
  },
  CAPACITY_READ: {
    description:
      'Members, departments, beds, availability, reserved slots, pool rules, indicators; bed and slot events.',
  },
  BEDS_WRITE: { description: 'Set the status of, and hold, its institution’s beds.' },
  SLOTS_BOOK: {
    description:
      'Book a reserved slot with a new referral (createReferral with slotId); claimSlot and releaseSlot, where the role may.',
  },
  ACTIVITY_WRITE: { description: 'Report its institution’s daily activity.' },
};

type Args = Readonly<Record<string, unknown>>;
/** The scopes a root field needs, given its arguments; an empty list: any key may. */
type Needs = (args: Args) => readonly ApiScope[];

const always: Needs = () => [];
const one =
  (scope: ApiScope): Needs =>
  () => [scope];

/** Node IDs whose objects carry referral or patient data. */
const REFERRAL_NODE_TYPES = new Set(['Referral', 'Patient']);

/**
 * Every root field a key may use, and what it needs. A field missing here (administration, alliance
 * settings, audit, keys themselves) is refused to every key: new operations are closed until listed.
 */
const ROOT_FIELDS: Readonly<Record<string, Needs>> = {
  'Query.viewer': always,
  // A position in the event log, where a partner's subscription starts following: no content.
  'Query.eventCursor': always,
  'Query.node': (args) => {
    const decoded = typeof args.id === 'string' ? decodeGlobalId(args.id) : null;
    return [
      decoded && REFERRAL_NODE_TYPES.has(decoded.type) ? ApiScope.REFERRALS_READ : ApiScope.CAPACITY_READ,
    ];
  },
  'Query.referral': one(ApiScope.REFERRALS_READ),
  'Query.referrals': one(ApiScope.REFERRALS_READ),
  'Query.alliances': one(ApiScope.CAPACITY_READ),
  'Query.alliance': one(ApiScope.CAPACITY_READ),
  'Query.institution': one(ApiScope.CAPACITY_READ),
  'Query.reservedSlots': one(ApiScope.CAPACITY_READ),
  'Query.slotPoolRules': one(ApiScope.CAPACITY_READ),
  'Query.allianceIndicators': one(ApiScope.CAPACITY_READ),
  'Query.primaryCareConditions': one(ApiScope.CAPACITY_READ),
  'Mutation.createReferral': (args) => {
    const input = args.input as Args | undefined;
    return input?.slotId ? [ApiScope.REFERRALS_WRITE, ApiScope.SLOTS_BOOK] : [ApiScope.REFERRALS_WRITE];
  },
  'Mutation.acceptReferral': one(ApiScope.REFERRALS_WRITE),
  'Mutation.rejectReferral': one(ApiScope.REFERRALS_WRITE),
  'Mutation.redirectReferral': one(ApiScope.REFERRALS_WRITE),
  'Mutation.recordArrival': one(ApiScope.REFERRALS_WRITE),
  'Mutation.completeReferral': one(ApiScope.REFERRALS_WRITE),
  'Mutation.cancelReferral': one(ApiScope.REFERRALS_WRITE),
  'Mutation.setBedStatus': one(ApiScope.BEDS_WRITE),
  'Mutation.holdBed': one(ApiScope.BEDS_WRITE),
  'Mutation.claimSlot': one(ApiScope.SLOTS_BOOK),
  'Mutation.releaseSlot': one(ApiScope.SLOTS_BOOK),
  'Mutation.reportDailyActivity': one(ApiScope.ACTIVITY_WRITE),
  'Subscription.referralEvents': one(ApiScope.REFERRALS_READ),
  'Subscription.bedAvailabilityChanged': one(ApiScope.CAPACITY_READ),
  'Subscription.slotEvents': one(ApiScope.CAPACITY_READ),
};

/** The root fields open to API keys (tests check each exists in the schema). */
export const API_KEY_ROOT_FIELDS: readonly string[] = Object.keys(ROOT_FIELDS);

/**
 * Types that hold referral or patient data wherever a query reaches them (Bed.heldFor, Slot.referral,
 * a mutation's answer): a key without REFERRALS_READ gets FORBIDDEN on those fields.
 */
const REFERRAL_TYPES = new Set(['Referral', 'Patient', 'ReferralEvent', 'ReferralTimelineEntry']);

/** Why a key may not use a root field (`Query.referrals`), or null when its scopes cover it. */
export function rootFieldRefusal(scopes: ReadonlySet<ApiScope>, field: string, args: Args): string | null {
  const needs = ROOT_FIELDS[field];
  if (!needs) return `${field} is not available to API keys`;
  const missing = needs(args).filter((scope) => !scopes.has(scope));
  return missing.length > 0 ? `this API key lacks the scope ${missing.join(' and ')} for ${field}` : null;
}

/** Whether fields of type `typeName` hold referral or patient data (and so need REFERRALS_READ). */
export const holdsReferralData = (typeName: string): boolean => REFERRAL_TYPES.has(typeName);

/** Why a key may not read a nested field of type `typeName`, or null when it may. */
export function nestedFieldRefusal(scopes: ReadonlySet<ApiScope>, typeName: string): string | null {
  return REFERRAL_TYPES.has(typeName) && !scopes.has(ApiScope.REFERRALS_READ)
    ? `this API key lacks the scope REFERRALS_READ for ${typeName} data`
    : null;
}
