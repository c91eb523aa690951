/**
 * GraphQL enums the dashboard renders, mirrored by hand from `api-contract.graphql` until codegen
 * from the committed `schema.graphql` replaces this file. The value lists are runtime arrays
 * because the UI needs a stable display order (e.g. bed kinds in contract order).
 */

export const ROLES = ['COORDINATOR', 'SPECIALIST', 'REFERRING_DOCTOR', 'PARTNER_APP', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const ALLIANCE_KINDS = [
  'URBAN_MEDICAL_GROUP',
  'COUNTY_MEDICAL_COMMUNITY',
  'SPECIALTY_ALLIANCE',
  'TELEMEDICINE_NETWORK',
] as const;
export type AllianceKind = (typeof ALLIANCE_KINDS)[number];

export const INTEGRATIONS = ['TIGHT', 'LOOSE'] as const;
export type Integration = (typeof INTEGRATIONS)[number];

export const INSTITUTION_TIERS = ['TERTIARY', 'SECONDARY', 'PRIMARY'] as const;
export type InstitutionTier = (typeof INSTITUTION_TIERS)[number];

export const INSTITUTION_KINDS = [
  'GENERAL_HOSPITAL',
  'SPECIALTY_HOSPITAL',
  'TCM_HOSPITAL',
  'COMMUNITY_HEALTH_CENTRE',
  'TOWNSHIP_HEALTH_CENTRE',
  'VILLAGE_CLINIC',
  'REHABILITATION_CENTRE',
  'NURSING_HOME',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const MEMBER_ROLES = ['CORE', 'PARTNER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const BED_KINDS = [
  'GENERAL',
  'ICU',
  'REHABILITATION',
  'ELDERLY_CARE',
  'PALLIATIVE',
  'PAEDIATRIC',
  'MATERNITY',
  'ISOLATION',
] as const;
export type BedKind = (typeof BED_KINDS)[number];

/** Enum name → its value union; drives the typed enum-label keys of the i18n dictionaries. */
export interface LabelledEnums {
  Role: Role;
  AllianceKind: AllianceKind;
  Integration: Integration;
  InstitutionTier: InstitutionTier;
  InstitutionKind: InstitutionKind;
  MemberRole: MemberRole;
  BedKind: BedKind;
}

/** Every enum that has labels, with all its values: lets tests prove each value has a label. */
export const LABELLED_ENUM_VALUES: { readonly [E in keyof LabelledEnums]: readonly LabelledEnums[E][] } = {
  Role: ROLES,
  AllianceKind: ALLIANCE_KINDS,
  Integration: INTEGRATIONS,
  InstitutionTier: INSTITUTION_TIERS,
  InstitutionKind: INSTITUTION_KINDS,
  MemberRole: MEMBER_ROLES,
  BedKind: BED_KINDS,
};
