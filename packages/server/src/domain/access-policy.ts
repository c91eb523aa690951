import { Role } from './enums.js';

/** The part of a viewer that access rules depend on. */
export interface Scope {
  readonly role: Role;
  readonly allianceId: string;
  readonly institutionId: string | null;
  readonly departmentId: string | null;
  readonly practitionerId: string | null;
}

/**
 * Which referrals a viewer may read (the one rule every referral read goes through):
 * - COORDINATOR: every referral of the alliance;
 * - SPECIALIST: referrals to their department, assigned to them, or sent by them (e.g. their down-referrals);
 * - REFERRING_DOCTOR, PARTNER_APP: referrals sent from or to their institution;
 * - ADMIN: none (administers users, keys and the audit log, not patients).
 */
export type ReferralVisibility =
  | { kind: 'alliance'; allianceId: string }
  | { kind: 'department'; allianceId: string; departmentId: string; practitionerId: string | null }
  | { kind: 'institution'; allianceId: string; institutionId: string }
  | { kind: 'none' };

export function referralVisibility(scope: Scope): ReferralVisibility {
  switch (scope.role) {
    case Role.COORDINATOR:
      return { kind: 'alliance', allianceId: scope.allianceId };
    case Role.SPECIALIST:
      return scope.departmentId
        ? {
            kind: 'department',
            allianceId: scope.allianceId,
            departmentId: scope.departmentId,
            practitionerId: scope.practitionerId,
          }
        : { kind: 'none' };
    case Role.REFERRING_DOCTOR:
    case Role.PARTNER_APP:
      return scope.institutionId
        ? { kind: 'institution', allianceId: scope.allianceId, institutionId: scope.institutionId }
        : { kind: 'none' };
    case Role.ADMIN:
      return { kind: 'none' };
  }
}

/**
 * Minimum necessary (最小必要): a patient's identity is shown only to staff of an institution that
 * sends or receives one of the patient's referrals, or that the patient is registered with.
 * Everyone else, the coordination office included, sees the masked name.
 */
export function mayIdentifyPatient(scope: Scope, involvedInstitutionIds: ReadonlySet<string>): boolean {
  if (scope.role === Role.ADMIN || scope.role === Role.COORDINATOR) return false;
  return scope.institutionId !== null && involvedInstitutionIds.has(scope.institutionId);
}

/** The same rule as {@link referralVisibility}, for one referral already in hand (e.g. locked in a transaction). */
export function mayReadReferral(
  scope: Scope,
  referral: {
    allianceId: string;
    fromInstitutionId: string;
    toInstitutionId: string;
    toDepartmentId: string | null;
    assignedSpecialistId: string | null;
    fromPractitionerId: string | null;
  },
): boolean {
  const visibility = referralVisibility(scope);
  switch (visibility.kind) {
    case 'none':
      return false;
    case 'alliance':
      return referral.allianceId === visibility.allianceId;
    case 'institution':
      return (
        referral.allianceId === visibility.allianceId &&
        (referral.fromInstitutionId === visibility.institutionId ||
          referral.toInstitutionId === visibility.institutionId)
      );
    case 'department':
      return (
        referral.allianceId === visibility.allianceId &&
        (referral.toDepartmentId === visibility.departmentId ||
          (visibility.practitionerId !== null &&
            (referral.assignedSpecialistId === visibility.practitionerId ||
              referral.fromPractitionerId === visibility.practitionerId)))
      );
  }
}
