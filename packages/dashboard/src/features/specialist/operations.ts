import { graphql } from '../../graphql/graphql';
import { ReferralSummaryFields, SlotSummaryFields } from '../referral-card/fragments';

/** The signed-in specialist as a practitioner: whether and until when they are on duty. */
export const SpecialistShiftQuery = graphql(`
  query SpecialistShift {
    viewer {
      id
      practitioner {
        id
        name
        title
        onDutyNow
        currentShift {
          start
          end
        }
      }
    }
  }
`);

/** The department's queue: referrals still to be taken (waiting for an answer, or accepted). */
export const SpecialistQueueQuery = graphql(
  `
    query SpecialistQueue($filter: ReferralFilter!) {
      referrals(filter: $filter, first: 100) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          cursor
          node {
            ...ReferralSummaryFields
          }
        }
      }
    }
  `,
  [ReferralSummaryFields],
);

export const SpecialistQueueEvents = graphql(
  `
    subscription SpecialistQueueEvents($departmentId: ID!, $after: String) {
      referralEvents(departmentId: $departmentId, after: $after) {
        cursor
        type
        referral {
          ...ReferralSummaryFields
        }
      }
    }
  `,
  [ReferralSummaryFields],
);

/**
 * The referral booked into a slot, as the shift's slot list shows it. The list and its events select
 * it alike, or a slot booked by an event would lack what the list shows. Unmasked: SlotList reads it.
 */
const SlotBooking = graphql(`
  fragment SlotBooking on Referral @_unmask {
    id
    code
    patient {
      id
      displayName
    }
  }
`);

/**
 * The department's reserved slots of the specialist's shift (all of them, booked ones with their
 * referral), and the next open ones after it (or from now, off duty).
 */
export const SpecialistSlotsQuery = graphql(
  `
    query SpecialistSlots(
      $departmentId: ID!
      $onShift: Boolean!
      $shiftFrom: DateTime
      $shiftTo: DateTime
      $laterFrom: DateTime
    ) {
      shift: reservedSlots(departmentId: $departmentId, from: $shiftFrom, to: $shiftTo, first: 100)
        @include(if: $onShift) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          cursor
          node {
            ...SlotSummaryFields
            referral {
              ...SlotBooking
            }
          }
        }
      }
      later: reservedSlots(departmentId: $departmentId, from: $laterFrom, status: OPEN, first: 8) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          cursor
          node {
            ...SlotSummaryFields
          }
        }
      }
    }
  `,
  [SlotSummaryFields, SlotBooking],
);

export const SpecialistSlotEvents = graphql(
  `
    subscription SpecialistSlotEvents($departmentId: ID!, $after: String) {
      slotEvents(departmentId: $departmentId, after: $after) {
        cursor
        slot {
          ...SlotSummaryFields
          referral {
            ...SlotBooking
          }
        }
      }
    }
  `,
  [SlotSummaryFields, SlotBooking],
);

/** One tap: the referral into the slot. The answer moves both out of the open lists (cache.ts). */
export const ClaimSlotMutation = graphql(
  `
    mutation ClaimSlot($slotId: ID!, $referralId: ID!) {
      claimSlot(slotId: $slotId, referralId: $referralId) {
        ...SlotSummaryFields
        start
        referral {
          ...ReferralSummaryFields
        }
      }
    }
  `,
  [SlotSummaryFields, ReferralSummaryFields],
);
