/**
 * Validation and masking of Chinese identifiers used across Yilian:
 * resident ID numbers, mobile numbers, ICD-10 codes, department codes.
 */

export {
  parseResidentId,
  isResidentId,
  residentIdCheckDigit,
  makeResidentId,
  isValidRegionCode,
  PROVINCE_CODES,
  type ResidentId,
  type ResidentIdResult,
} from './resident-id.js';
export { isMobileNumber, normalizeMobile } from './mobile.js';
export { ICD10_PATTERN, normalizeIcd10, icd10Category, isKnownIcd10, icd10Name } from './icd10.js';
export { ICD10_CATEGORIES } from './icd10-codes.js';
export {
  STANDARD_DEPARTMENTS,
  isStandardDepartmentCode,
  standardDepartment,
  type StandardDepartment,
} from './department-codes.js';
export { maskPersonName, maskMobile } from './mask.js';
