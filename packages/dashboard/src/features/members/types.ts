import type {
  AllianceKind,
  BedKind,
  InstitutionKind,
  InstitutionTier,
  Integration,
  MemberRole,
  Role,
} from '../../graphql/enums';

/** Result shapes of the `AllianceMembers` query (hand-written until codegen generates them). */

export interface ViewerSummary {
  id: string;
  displayName: string;
  role: Role;
  institution: { id: string; name: string } | null;
}

/** One row per (institution, department, bed kind). */
export interface BedAvailabilityRow {
  kind: BedKind;
  total: number;
  available: number;
  held: number;
  occupied: number;
  updatedAt: string;
  department: { id: string; code: string; name: string };
}

export interface MemberSummary {
  id: string;
  code: string;
  name: string;
  kind: InstitutionKind;
  tier: InstitutionTier;
  role: MemberRole;
  referralOfficePhone: string | null;
  bedAvailability: BedAvailabilityRow[];
}

export interface AllianceSummary {
  id: string;
  code: string;
  name: string;
  kind: AllianceKind;
  integration: Integration;
  core: { id: string; name: string };
  members: {
    totalCount: number;
    edges: { cursor: string; node: MemberSummary }[];
  };
}

export interface AllianceMembersData {
  viewer: ViewerSummary;
  alliances: AllianceSummary[];
}
