import type { ResultOf } from '../../graphql/graphql';
import type { AllianceMembersQuery } from './MembersPage';

/** Result shapes of the `AllianceMembers` query, derived from the operation (gql.tada). */
export type AllianceSummary = ResultOf<typeof AllianceMembersQuery>['alliances'][number];
export type MemberSummary = AllianceSummary['members']['edges'][number]['node'];
export type BedAvailabilityRow = MemberSummary['bedAvailability'][number];
