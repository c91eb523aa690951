import { graphql } from '../../graphql/graphql';

/** One availability row with the three fields graphcache keys it by (see cache.ts). */
export const AvailabilityRow = graphql(`
  fragment AvailabilityRow on BedAvailability {
    kind
    total
    available
    held
    occupied
    cleaning
    closed
    updatedAt
    institution {
      id
    }
    department {
      id
      code
      name
    }
  }
`);

export const BedBoardQuery = graphql(
  `
    query BedBoard($allianceId: ID!) {
      alliance(id: $allianceId) {
        id
        members(first: 100) {
          totalCount
          edges {
            node {
              id
              code
              name
              shortName
              tier
              kind
              role
            }
          }
        }
        bedAvailability {
          ...AvailabilityRow
        }
      }
    }
  `,
  [AvailabilityRow],
);

export const BedBoardChanged = graphql(
  `
    subscription BedBoardChanged($allianceId: ID!, $after: String) {
      bedAvailabilityChanged(allianceId: $allianceId, after: $after) {
        cursor
        availability {
          ...AvailabilityRow
        }
      }
    }
  `,
  [AvailabilityRow],
);
