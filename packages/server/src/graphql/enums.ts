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
import { AuditKind, AuditOutcome } from '../modules/audit/audit-entry.js';
import { ApiKeyStatus } from '../modules/identity/api-key.resolver.js';
import { API_SCOPE_DESCRIPTIONS, ApiScope } from '../modules/identity/api-scopes.js';

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
    ApiKeyStatus,
    AuditKind,
    AuditOutcome,
  };
  for (const [name, values] of Object.entries(enums)) registerEnumType(values, { name });
  registerEnumType(ApiScope, {
    name: 'ApiScope',
    description: 'What a partner system’s API key may do; anything not covered is FORBIDDEN.',
    valuesConfig: API_SCOPE_DESCRIPTIONS,
  });
}
