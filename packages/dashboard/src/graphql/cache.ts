import { cacheExchange, type Data, type KeyingConfig, type UpdatesConfig } from '@urql/exchange-graphcache';
import { asReferral, placeReferralInLists } from './referral-lists';
import { asSlot, placeSlotInLists } from './slot-lists';

/**
 * graphcache's configuration: how entities are keyed, and how events and mutation answers change
 * lists. Live updates are cache writes: an event's entity (bed availability row, referral, slot) is
 * normalised over the one every query shows, so the screen changes with no refetch at all.
 */

/** Objects without an identity of their own: embedded in their parent instead of normalised. */
const embedded = () => null;

const idOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
    ? value.id
    : null;

export const keys: KeyingConfig = {
  AuthPayload: embedded,
  PageInfo: embedded,
  InstitutionConnection: embedded,
  InstitutionEdge: embedded,
  ReferralConnection: embedded,
  ReferralEdge: embedded,
  SlotConnection: embedded,
  SlotEdge: embedded,
  BedAvailabilityEvent: embedded,
  ReferralEvent: embedded,
  SlotEvent: embedded,
  ReferralTimelineEntry: embedded,
  MemberIndicators: embedded,
  DailyActivity: embedded,
  SlotPoolRule: embedded,
  SlotQuota: embedded,
  DutyShift: embedded,
  PrimaryCareCondition: (condition: Data) => (typeof condition.code === 'string' ? condition.code : null),
  Viewer: (viewer: Data) => idOf(viewer),
  /**
   * One availability row per (institution, department, bed kind): keyed so that the row a
   * `bedAvailabilityChanged` event carries replaces the row every query shows. Selections without
   * those three fields leave the row embedded.
   */
  BedAvailability: (row: Data) => {
    const institution = idOf(row.institution);
    const department = idOf(row.department);
    return institution && department && typeof row.kind === 'string'
      ? `${institution}/${department}/${row.kind}`
      : null;
  },
};

/** A mutation or event that answers a referral may move it into or out of cached lists. */
function placeReferral(field: string) {
  return (parent: Data, _args: unknown, cache: Parameters<typeof placeReferralInLists>[0]) => {
    const value = parent[field];
    const referral = asReferral(
      typeof value === 'object' && value !== null && 'referral' in value ? value.referral : value,
    );
    if (referral) placeReferralInLists(cache, referral);
  };
}

/** A mutation or event that answers a slot (or a referral with its slot) may move it into or out of slot lists. */
function placeSlot(field: string) {
  return (parent: Data, _args: unknown, cache: Parameters<typeof placeSlotInLists>[0]) => {
    const value = parent[field];
    const slot =
      asSlot(value) ??
      asSlot(typeof value === 'object' && value !== null && 'slot' in value ? value.slot : null);
    if (slot) placeSlotInLists(cache, slot);
  };
}

type Updater = ReturnType<typeof placeReferral>;
const both =
  (...updaters: Updater[]): Updater =>
  (parent, args, cache) => {
    for (const update of updaters) update(parent, args, cache);
  };

const REFERRAL_MUTATIONS = [
  'createReferral',
  'acceptReferral',
  'rejectReferral',
  'redirectReferral',
  'cancelReferral',
  'recordArrival',
  'completeReferral',
] as const;

export const updates: UpdatesConfig = {
  Subscription: {
    referralEvents: placeReferral('referralEvents'),
    slotEvents: placeSlot('slotEvents'),
  },
  Mutation: {
    ...Object.fromEntries(REFERRAL_MUTATIONS.map((field) => [field, placeReferral(field)])),
    // A referral created with a slot books it; a claim or release moves both the slot and its referral.
    createReferral: both(placeReferral('createReferral'), placeSlot('createReferral')),
    claimSlot: both(placeSlot('claimSlot'), placeReferral('claimSlot')),
    releaseSlot: placeSlot('releaseSlot'),
  },
};

export function yilianCacheExchange() {
  return cacheExchange({ keys, updates });
}
