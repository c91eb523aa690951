import { graphql, type ResultOf } from '../../graphql/graphql';

/**
 * What the specialist's queue and the referring doctor's lists show of a referral. It includes the facts
 * the cached lists are kept in order by (status, urgency, direction, dueBy, the parties' ids: see
 * graphql/referral-lists.ts), so every event and mutation answer that carries it moves the referral
 * between lists without a refetch.
 */
export const ReferralSummaryFields = graphql(`
  fragment ReferralSummaryFields on Referral {
    id
    code
    direction
    urgency
    status
    createdAt
    dueBy
    statusChangedAt
    statusNote
    diagnosisCode
    reason
    guidanceWarning
    patient {
      id
      displayName
      sex
      age
    }
    fromInstitution {
      id
      name
      shortName
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
      title
    }
    slot {
      id
      status
      start
      end
      claimedBy {
        id
        name
      }
    }
  }
`);

/**
 * What a slot list shows of a reserved slot, with the facts its cached lists depend on (status, pool,
 * start, department and institution: see graphql/slot-lists.ts).
 */
export const SlotSummaryFields = graphql(`
  fragment SlotSummaryFields on Slot {
    id
    kind
    pool
    status
    start
    end
    claimedAt
    practitioner {
      id
      name
      title
    }
    claimedBy {
      id
      name
    }
    department {
      id
      name
      institution {
        id
      }
    }
  }
`);

/** A slot as `SlotSummaryFields` reads it. */
export type SlotSummary = ResultOf<typeof SlotSummaryFields>;
