import { registerEnumType } from 'type-graphql';
import {
  AllianceKind,
  BedKind,
  BedStatus,
  InstitutionKind,
  InstitutionTier,
  Integration,
  MemberRole,
  ReferralDirection,
  ReferralStatus,
  ReferralUrgency,
  Role,
  SlotKind,
  SlotPool,
  SlotStatus,
} from '../domain/enums.js';

/** Registers the domain enums with TypeGraphQL under their contract names. */
export function registerEnums(): void {
  const enums = {
    AllianceKind,
    BedKind,
    BedStatus,
    InstitutionKind,
    InstitutionTier,
    Integration,
    MemberRole,
    ReferralDirection,
    ReferralStatus,
    ReferralUrgency,
    Role,
    SlotKind,
    SlotPool,
    SlotStatus,
  };
  for (const [name, values] of Object.entries(enums)) registerEnumType(values, { name });
}
