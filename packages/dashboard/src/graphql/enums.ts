import { graphql } from './graphql';

/**
 * The schema's enums the dashboard labels, with their values in display order. The types come from
 * `schema.graphql` (gql.tada); `allOf` makes a value added to or removed from the schema a compile
 * error here, so every value keeps a label (see i18n) and a place in the order.
 */
type EnumName =
  | 'Role'
  | 'AllianceKind'
  | 'Integration'
  | 'InstitutionTier'
  | 'InstitutionKind'
  | 'MemberRole'
  | 'BedKind'
  | 'BedStatus'
  | 'ReferralStatus'
  | 'ReferralUrgency'
  | 'ReferralDirection'
  | 'ReferralEventType'
  | 'SlotStatus';

export type EnumOf<Name extends EnumName> = ReturnType<typeof graphql.scalar<Name>>;

/** The values, in order, checked to be exactly the schema's: none missing, none unknown. */
function allOf<Name extends EnumName>() {
  return <const Values extends readonly EnumOf<Name>[]>(
    values: Values & ([Exclude<EnumOf<Name>, Values[number]>] extends [never] ? unknown : never),
  ): Values => values;
}

export const ROLES = allOf<'Role'>()([
  'COORDINATOR',
  'SPECIALIST',
  'REFERRING_DOCTOR',
  'PARTNER_APP',
  'ADMIN',
]);
export type Role = EnumOf<'Role'>;

export const ALLIANCE_KINDS = allOf<'AllianceKind'>()([
  'URBAN_MEDICAL_GROUP',
  'COUNTY_MEDICAL_COMMUNITY',
  'SPECIALTY_ALLIANCE',
  'TELEMEDICINE_NETWORK',
]);
export type AllianceKind = EnumOf<'AllianceKind'>;

export const INTEGRATIONS = allOf<'Integration'>()(['TIGHT', 'LOOSE']);
export type Integration = EnumOf<'Integration'>;

export const INSTITUTION_TIERS = allOf<'InstitutionTier'>()(['TERTIARY', 'SECONDARY', 'PRIMARY']);
export type InstitutionTier = EnumOf<'InstitutionTier'>;

export const INSTITUTION_KINDS = allOf<'InstitutionKind'>()([
  'GENERAL_HOSPITAL',
  'SPECIALTY_HOSPITAL',
  'TCM_HOSPITAL',
  'COMMUNITY_HEALTH_CENTRE',
  'TOWNSHIP_HEALTH_CENTRE',
  'VILLAGE_CLINIC',
  'REHABILITATION_CENTRE',
  'NURSING_HOME',
]);
export type InstitutionKind = EnumOf<'InstitutionKind'>;

export const MEMBER_ROLES = allOf<'MemberRole'>()(['CORE', 'PARTNER']);
export type MemberRole = EnumOf<'MemberRole'>;

export const BED_KINDS = allOf<'BedKind'>()([
  'GENERAL',
  'ICU',
  'REHABILITATION',
  'ELDERLY_CARE',
  'PALLIATIVE',
  'PAEDIATRIC',
  'MATERNITY',
  'ISOLATION',
]);
export type BedKind = EnumOf<'BedKind'>;

export const BED_STATUSES = allOf<'BedStatus'>()(['AVAILABLE', 'HELD', 'OCCUPIED', 'CLEANING', 'CLOSED']);
export type BedStatus = EnumOf<'BedStatus'>;

/** Open first (what the queue works on), then the ends of a referral's life. */
export const REFERRAL_STATUSES = allOf<'ReferralStatus'>()([
  'SUBMITTED',
  'ACCEPTED',
  'SCHEDULED',
  'ARRIVED',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
  'EXPIRED',
]);
export type ReferralStatus = EnumOf<'ReferralStatus'>;

/** Green channel first: the queue's order. */
export const REFERRAL_URGENCIES = allOf<'ReferralUrgency'>()(['EMERGENCY', 'URGENT', 'ROUTINE']);
export type ReferralUrgency = EnumOf<'ReferralUrgency'>;

export const REFERRAL_DIRECTIONS = allOf<'ReferralDirection'>()(['UPWARD', 'DOWNWARD', 'LATERAL']);
export type ReferralDirection = EnumOf<'ReferralDirection'>;

export const REFERRAL_EVENT_TYPES = allOf<'ReferralEventType'>()([
  'CREATED',
  'ACCEPTED',
  'REDIRECTED',
  'REJECTED',
  'SCHEDULED',
  'CLAIMED',
  'RELEASED',
  'ARRIVED',
  'COMPLETED',
  'CANCELLED',
  'EXPIRED',
]);
export type ReferralEventType = EnumOf<'ReferralEventType'>;

export const SLOT_STATUSES = allOf<'SlotStatus'>()(['OPEN', 'BOOKED', 'RELEASED', 'CANCELLED']);
export type SlotStatus = EnumOf<'SlotStatus'>;

/** Enum name → its value union; drives the typed enum-label keys of the i18n dictionaries. */
export interface LabelledEnums {
  Role: Role;
  AllianceKind: AllianceKind;
  Integration: Integration;
  InstitutionTier: InstitutionTier;
  InstitutionKind: InstitutionKind;
  MemberRole: MemberRole;
  BedKind: BedKind;
  BedStatus: BedStatus;
  ReferralStatus: ReferralStatus;
  ReferralUrgency: ReferralUrgency;
  ReferralDirection: ReferralDirection;
  ReferralEventType: ReferralEventType;
  SlotStatus: SlotStatus;
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
  BedStatus: BED_STATUSES,
  ReferralStatus: REFERRAL_STATUSES,
  ReferralUrgency: REFERRAL_URGENCIES,
  ReferralDirection: REFERRAL_DIRECTIONS,
  ReferralEventType: REFERRAL_EVENT_TYPES,
  SlotStatus: SLOT_STATUSES,
};
