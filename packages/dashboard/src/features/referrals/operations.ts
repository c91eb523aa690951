import { graphql } from '../../graphql/graphql';

/** What the queue shows of a referral, and what list membership and order need (referral-lists.ts). */
export const QueueReferral = graphql(`
  fragment QueueReferral on Referral {
    id
    code
    status
    urgency
    direction
    dueBy
    createdAt
    statusChangedAt
    answeredAt
    reason
    diagnosisCode
    guidanceWarning
    statusNote
    patient {
      id
      displayName
      age
      sex
    }
    fromInstitution {
      id
      name
      shortName
    }
    fromPractitioner {
      id
      name
    }
    toInstitution {
      id
      name
      shortName
    }
    toDepartment {
      id
      name
    }
    assignedSpecialist {
      id
      name
    }
    bed {
      id
      code
      status
      holdExpiresAt
    }
    slot {
      id
      start
    }
  }
`);

export const ReferralQueueQuery = graphql(
  `
    query ReferralQueue($filter: ReferralFilter, $first: Int) {
      referrals(filter: $filter, first: $first) {
        totalCount
        edges {
          cursor
          node {
            ...QueueReferral
          }
        }
      }
    }
  `,
  [QueueReferral],
);

/** Every referral event the viewer may see; graphcache updates the referral and the cached lists. */
export const QueueReferralEvents = graphql(
  `
    subscription QueueReferralEvents($after: String) {
      referralEvents(after: $after) {
        cursor
        type
        at
        referral {
          ...QueueReferral
        }
      }
    }
  `,
  [QueueReferral],
);

export const ReferralDetailQuery = graphql(
  `
    query ReferralDetail($id: ID!) {
      referral(id: $id) {
        ...QueueReferral
        clinicalSummary
        timeline {
          at
          type
          status
          actorName
          actorRole
          actorInstitution {
            id
            name
          }
          note
        }
      }
    }
  `,
  [QueueReferral],
);

/** Members and their departments: the filters' choices and the redirect targets. */
export const AllianceDirectoryQuery = graphql(`
  query AllianceDirectory($allianceId: ID!) {
    alliance(id: $allianceId) {
      id
      members(first: 100) {
        edges {
          node {
            id
            code
            name
            shortName
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

/** Free beds of the receiving member, by department, to hold one for a referral. */
export const HoldableBedsQuery = graphql(`
  query HoldableBeds($institutionId: ID!) {
    institution(id: $institutionId) {
      id
      departments {
        id
        code
        name
        beds(status: AVAILABLE) {
          id
          code
          kind
          status
        }
      }
    }
  }
`);

export const AcceptReferral = graphql(
  `
    mutation AcceptReferral($id: ID!, $note: String) {
      acceptReferral(id: $id, note: $note) {
        ...QueueReferral
      }
    }
  `,
  [QueueReferral],
);

export const RejectReferral = graphql(
  `
    mutation RejectReferral($id: ID!, $reason: String!) {
      rejectReferral(id: $id, reason: $reason) {
        ...QueueReferral
      }
    }
  `,
  [QueueReferral],
);

export const RedirectReferral = graphql(
  `
    mutation RedirectReferral($id: ID!, $reason: String!, $toInstitutionId: ID!, $toDepartmentId: ID) {
      redirectReferral(
        id: $id
        reason: $reason
        toInstitutionId: $toInstitutionId
        toDepartmentId: $toDepartmentId
      ) {
        ...QueueReferral
      }
    }
  `,
  [QueueReferral],
);

export const HoldBed = graphql(
  `
    mutation HoldBed($bedId: ID!, $referralId: ID!, $minutes: Int!) {
      holdBed(bedId: $bedId, referralId: $referralId, minutes: $minutes) {
        id
        code
        status
        holdExpiresAt
        heldFor {
          ...QueueReferral
        }
      }
    }
  `,
  [QueueReferral],
);
