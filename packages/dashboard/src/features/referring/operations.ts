import { graphql } from '../../graphql/graphql';
import { ReferralSummaryFields, SlotSummaryFields } from '../referral-card/fragments';

/** The referrals the centre sent, and the down-referrals it receives (康复期下转). */
export const MyReferralsQuery = graphql(
  `
    query MyReferrals($sent: ReferralFilter!, $received: ReferralFilter!) {
      sent: referrals(filter: $sent, first: 100) {
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
      received: referrals(filter: $received, first: 100) {
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

/** Every change to a referral the centre sends or receives. */
export const MyReferralEvents = graphql(
  `
    subscription MyReferralEvents($institutionId: ID!, $after: String) {
      referralEvents(institutionId: $institutionId, after: $after) {
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

/** The community centre takes a down-referral in. */
export const AcceptDownReferral = graphql(
  `
    mutation AcceptDownReferral($id: ID!) {
      acceptReferral(id: $id) {
        ...ReferralSummaryFields
      }
    }
  `,
  [ReferralSummaryFields],
);

/** The down-referred patient has arrived at the centre. */
export const RecordDownArrival = graphql(
  `
    mutation RecordDownArrival($referralId: ID!) {
      recordArrival(referralId: $referralId) {
        ...ReferralSummaryFields
      }
    }
  `,
  [ReferralSummaryFields],
);

/** Where a referral can go: the alliance's members and their departments. */
export const ReferralTargetsQuery = graphql(`
  query ReferralTargets {
    alliances {
      id
      core {
        id
      }
      members(first: 100) {
        edges {
          cursor
          node {
            id
            name
            tier
            kind
            departments {
              id
              code
              name
            }
          }
        }
      }
    }
  }
`);

/** Open reserved slots of the chosen department, the earliest first, kept live. */
export const OpenSlotsQuery = graphql(
  `
    query OpenSlots($departmentId: ID!) {
      reservedSlots(departmentId: $departmentId, status: OPEN, first: 12) {
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
  [SlotSummaryFields],
);

export const OpenSlotEvents = graphql(
  `
    subscription OpenSlotEvents($departmentId: ID!, $after: String) {
      slotEvents(departmentId: $departmentId, after: $after) {
        cursor
        slot {
          ...SlotSummaryFields
        }
      }
    }
  `,
  [SlotSummaryFields],
);

export const CreateReferralMutation = graphql(
  `
    mutation CreateReferral($input: CreateReferralInput!, $idempotencyKey: String) {
      createReferral(input: $input, idempotencyKey: $idempotencyKey) {
        ...ReferralSummaryFields
        slot {
          ...SlotSummaryFields
        }
      }
    }
  `,
  [ReferralSummaryFields, SlotSummaryFields],
);
