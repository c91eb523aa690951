import { isKnownIcd10, normalizeIcd10 } from '../../domain/identifiers/icd10.js';
import { normalizeMobile } from '../../domain/identifiers/mobile.js';
import { parseResidentId } from '../../domain/identifiers/resident-id.js';
import { badInput } from '../../domain/errors.js';
import { validateReason } from './referral.rules.js';

/** A new referral's patient and clinical facts, checked and normalised. */
export interface ValidPatient {
  name: string;
  residentId: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
}

export interface PatientFields {
  name: string;
  residentId: string;
  sex: string;
  birthDate: string;
  phone?: string | null;
}

const NAME_MAX = 50;

/**
 * Validates the patient of a new referral: each failure is BAD_USER_INPUT naming the field
 * (`input.patient.residentId` ...). The resident ID's check digit, birth date and sex must agree with
 * the other fields, so a typo in any of them is caught before anything is stored.
 */
export function validatePatient(patient: PatientFields, today: Date): ValidPatient {
  const name = patient.name.trim();
  if (name.length === 0 || [...name].length > NAME_MAX) {
    throw badInput('input.patient.name', `patient name must be 1 to ${NAME_MAX} characters`);
  }
  if (/[\p{Cc}<>]/u.test(name))
    throw badInput('input.patient.name', 'patient name contains characters a name cannot have');
  const parsed = parseResidentId(patient.residentId, today);
  if (!parsed.ok) throw badInput('input.patient.residentId', `resident ID is not valid: ${parsed.reason}`);
  if (patient.sex !== 'M' && patient.sex !== 'F')
    throw badInput('input.patient.sex', 'sex must be "M" or "F"');
  if (patient.sex !== parsed.value.sex) {
    throw badInput('input.patient.sex', 'sex does not agree with the resident ID (its 17th digit)');
  }
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(patient.birthDate) ||
    Number.isNaN(Date.parse(`${patient.birthDate}T00:00:00Z`))
  ) {
    throw badInput('input.patient.birthDate', 'birth date must be a date as YYYY-MM-DD');
  }
  if (Date.parse(`${patient.birthDate}T00:00:00+08:00`) > today.getTime()) {
    throw badInput('input.patient.birthDate', 'birth date is in the future');
  }
  if (patient.birthDate !== parsed.value.birthDate) {
    throw badInput('input.patient.birthDate', 'birth date does not agree with the resident ID');
  }
  let phone: string | null = null;
  if (patient.phone !== null && patient.phone !== undefined && patient.phone.trim() !== '') {
    phone = normalizeMobile(patient.phone);
    if (!phone)
      throw badInput(
        'input.patient.phone',
        'phone must be a mainland mobile number (11 digits starting with 1)',
      );
  }
  return {
    name,
    residentId: parsed.value.normalized,
    sex: parsed.value.sex,
    birthDate: parsed.value.birthDate,
    phone,
  };
}

/** An ICD-10 code in its normal form, known to the bundled code list. */
export function validateDiagnosis(code: string): string {
  const normalized = normalizeIcd10(code);
  if (!normalized)
    throw badInput('input.diagnosisCode', 'diagnosis code must be an ICD-10 code such as I21.9');
  if (!isKnownIcd10(normalized))
    throw badInput('input.diagnosisCode', `diagnosis code ${normalized} is not in the ICD-10 code list`);
  return normalized;
}

export const validateReferralReason = (reason: string) => validateReason('input.reason', reason, true, 2000)!;
export const validateClinicalSummary = (summary: string | null | undefined) =>
  validateReason('input.clinicalSummary', summary, false, 10_000);
