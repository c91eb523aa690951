/**
 * The alliance's vocabulary, as the public contract names it. Pure TypeScript: the GraphQL layer
 * registers these as enums, the database stores them as checked text.
 */
export enum AllianceKind {
  URBAN_MEDICAL_GROUP = 'URBAN_MEDICAL_GROUP', // 城市医疗集团
  COUNTY_MEDICAL_COMMUNITY = 'COUNTY_MEDICAL_COMMUNITY', // 县域医共体
  SPECIALTY_ALLIANCE = 'SPECIALTY_ALLIANCE', // 专科联盟
  TELEMEDICINE_NETWORK = 'TELEMEDICINE_NETWORK', // 远程医疗协作网
}
export enum Integration {
  TIGHT = 'TIGHT', // 紧密型
  LOOSE = 'LOOSE', // 松散型
}
export enum InstitutionTier {
  TERTIARY = 'TERTIARY', // 三级
  SECONDARY = 'SECONDARY', // 二级
  PRIMARY = 'PRIMARY', // 一级 / 基层
}
export enum InstitutionKind {
  GENERAL_HOSPITAL = 'GENERAL_HOSPITAL',
  SPECIALTY_HOSPITAL = 'SPECIALTY_HOSPITAL',
  TCM_HOSPITAL = 'TCM_HOSPITAL',
  COMMUNITY_HEALTH_CENTRE = 'COMMUNITY_HEALTH_CENTRE',
  TOWNSHIP_HEALTH_CENTRE = 'TOWNSHIP_HEALTH_CENTRE',
  VILLAGE_CLINIC = 'VILLAGE_CLINIC',
  REHABILITATION_CENTRE = 'REHABILITATION_CENTRE',
  NURSING_HOME = 'NURSING_HOME',
}
export enum MemberRole {
  CORE = 'CORE', // 核心医院
  PARTNER = 'PARTNER', // 合作成员
}
export enum BedKind {
  GENERAL = 'GENERAL',
  ICU = 'ICU',
  REHABILITATION = 'REHABILITATION',
  ELDERLY_CARE = 'ELDERLY_CARE',
  PALLIATIVE = 'PALLIATIVE',
  PAEDIATRIC = 'PAEDIATRIC',
  MATERNITY = 'MATERNITY',
  ISOLATION = 'ISOLATION',
}
/** FHIR Location.operationalStatus: AVAILABLE = U, OCCUPIED = O, CLEANING = H, CLOSED = C; HELD = kept for a referral. */
export enum BedStatus {
  AVAILABLE = 'AVAILABLE',
  OCCUPIED = 'OCCUPIED',
  HELD = 'HELD',
  CLEANING = 'CLEANING',
  CLOSED = 'CLOSED',
}
export enum SlotKind {
  SPECIALIST_CONSULT = 'SPECIALIST_CONSULT',
  IMAGING_EXAM = 'IMAGING_EXAM',
}
export enum SlotPool {
  ALLIANCE_RESERVED = 'ALLIANCE_RESERVED', // 预留号源: bookable only by primary care through the alliance
  PUBLIC = 'PUBLIC',
}
export enum SlotStatus {
  OPEN = 'OPEN',
  BOOKED = 'BOOKED',
  RELEASED = 'RELEASED',
  CANCELLED = 'CANCELLED',
}
export enum ReferralDirection {
  UPWARD = 'UPWARD', // 上转
  DOWNWARD = 'DOWNWARD', // 下转
  LATERAL = 'LATERAL', // 平级转诊
}
export enum ReferralUrgency {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  EMERGENCY = 'EMERGENCY', // 绿色通道
}
export enum ReferralStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  SCHEDULED = 'SCHEDULED',
  ARRIVED = 'ARRIVED',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}
export enum Role {
  COORDINATOR = 'COORDINATOR',
  SPECIALIST = 'SPECIALIST',
  REFERRING_DOCTOR = 'REFERRING_DOCTOR',
  PARTNER_APP = 'PARTNER_APP',
  ADMIN = 'ADMIN',
}
