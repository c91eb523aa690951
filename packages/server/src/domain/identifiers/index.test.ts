import { describe, it, expect } from 'vitest';
import * as identifiers from './index.js';

describe('index', () => {
  it('re-exports the public API', () => {
    expect(Object.keys(identifiers).sort()).toEqual(
      [
        'ICD10_CATEGORIES',
        'ICD10_PATTERN',
        'PROVINCE_CODES',
        'STANDARD_DEPARTMENTS',
        'icd10Category',
        'icd10Name',
        'isKnownIcd10',
        'isMobileNumber',
        'isResidentId',
        'isStandardDepartmentCode',
        'isValidRegionCode',
        'makeResidentId',
        'maskMobile',
        'maskPersonName',
        'normalizeIcd10',
        'normalizeMobile',
        'parseResidentId',
        'residentIdCheckDigit',
        'standardDepartment',
      ].sort(),
    );
  });

  it('does not export a resident-ID masker', () => {
    expect(Object.keys(identifiers).some((k) => /mask.*resident/i.test(k))).toBe(false);
  });
});
