import { graphql } from '../../graphql/graphql';

export const MemberFigures = graphql(`
  fragment MemberFigures on MemberIndicators {
    institution {
      id
      code
      name
      shortName
    }
    referralsOutUpward
    referralsOutDownward
    referralsOutLateral
    referralsInUpward
    referralsInDownward
    referralOutRate
    referralOutRateCap
    referralOutRateWithinCap
    medianMinutesToAnswer
    answeredOnTimeShare
    reservedSlots
    reservedSlotsBooked
    reservedSlotUse
  }
`);

export const IndicatorsQuery = graphql(
  `
    query Indicators($from: DateTime!, $to: DateTime!) {
      allianceIndicators(from: $from, to: $to) {
        ...MemberFigures
      }
    }
  `,
  [MemberFigures],
);

/** One day of the trend: referrals sent up and down, summed over the members. */
export const ReferralDayQuery = graphql(`
  query ReferralDay($from: DateTime!, $to: DateTime!) {
    allianceIndicators(from: $from, to: $to) {
      institution {
        id
      }
      referralsOutUpward
      referralsOutDownward
      referralsOutLateral
    }
  }
`);
