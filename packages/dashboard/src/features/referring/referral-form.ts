import type { CombinedError } from 'urql';
import type { ReferralDirection, ReferralUrgency } from '../../graphql/enums';
import type { VariablesOf } from '../../graphql/graphql';
import type { CreateReferralMutation } from './operations';

/**
 * The new-referral form's state and the rules that map it to `createReferral` and back: the server's
 * BAD_USER_INPUT errors name a field (`input.patient.residentId`), which is shown at that field.
 */

/** Every field of the form, in the order they appear (the first invalid one gets the focus). */
export const FORM_FIELDS = [
  'name',
  'residentId',
  'sex',
  'birthDate',
  'phone',
  'direction',
  'urgency',
  'toInstitutionId',
  'toDepartmentId',
  'diagnosisCode',
  'reason',
  'clinicalSummary',
  'slotId',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface ReferralFormValues {
  name: string;
  residentId: string;
  sex: '' | 'M' | 'F';
  birthDate: string;
  phone: string;
  direction: ReferralDirection;
  urgency: ReferralUrgency;
  toInstitutionId: string;
  toDepartmentId: string;
  diagnosisCode: string;
  reason: string;
  clinicalSummary: string;
  slotId: string;
}

export const emptyForm = (toInstitutionId = ''): ReferralFormValues => ({
  name: '',
  residentId: '',
  sex: '',
  birthDate: '',
  phone: '',
  direction: 'UPWARD',
  urgency: 'ROUTINE',
  toInstitutionId,
  toDepartmentId: '',
  diagnosisCode: '',
  reason: '',
  clinicalSummary: '',
  slotId: '',
});

/**
 * Why a field is marked: left empty (checked here), the chosen slot was booked by someone else meanwhile
 * (seen live), or refused by the server (its message kept as detail).
 */
export type FieldError = { kind: 'required' } | { kind: 'gone' } | { kind: 'server'; detail: string };
export type FieldErrors = Partial<Record<FormField, FieldError>>;

const REQUIRED: readonly FormField[] = [
  'name',
  'residentId',
  'sex',
  'birthDate',
  'toInstitutionId',
  'diagnosisCode',
  'reason',
];

/** Only emptiness is checked before sending: the server is the one judge of what is valid. */
export function missingFields(values: ReferralFormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of REQUIRED) if (values[field].trim() === '') errors[field] = { kind: 'required' };
  return errors;
}

/** `input.patient.residentId` → `residentId`; null for a field the form does not have. */
export function formFieldOf(serverField: string): FormField | null {
  const name = serverField.replace(/^input\./, '').replace(/^patient\./, '');
  return (FORM_FIELDS as readonly string[]).includes(name) ? (name as FormField) : null;
}

/**
 * Where to show the server's refusal: at a field (BAD_USER_INPUT naming it; a CONFLICT when a slot was
 * chosen is about that slot: taken meanwhile or over the centre's quota), else above the form.
 */
export function serverErrors(
  error: CombinedError,
  slotChosen: boolean,
): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {};
  const unplaced: string[] = [];
  for (const e of error.graphQLErrors) {
    const { code, field } = e.extensions ?? {};
    const target =
      code === 'BAD_USER_INPUT' && typeof field === 'string'
        ? formFieldOf(field)
        : code === 'CONFLICT' && slotChosen
          ? 'slotId'
          : null;
    if (target && !fields[target]) fields[target] = { kind: 'server', detail: e.message };
    else if (!target) unplaced.push(e.message);
  }
  return { fields, form: unplaced.length > 0 ? unplaced.join('；') : null };
}

export type CreateReferralInput = VariablesOf<typeof CreateReferralMutation>['input'];

/** The mutation's input: trimmed, optional fields left out when empty. */
export function toInput(values: ReferralFormValues): CreateReferralInput {
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    direction: values.direction,
    urgency: values.urgency,
    patient: {
      name: values.name.trim(),
      residentId: values.residentId.trim().toUpperCase(),
      sex: values.sex,
      birthDate: values.birthDate,
      phone: optional(values.phone),
    },
    toInstitutionId: values.toInstitutionId,
    toDepartmentId: optional(values.toDepartmentId),
    diagnosisCode: values.diagnosisCode.trim().toUpperCase(),
    reason: values.reason.trim(),
    clinicalSummary: optional(values.clinicalSummary),
    slotId: optional(values.slotId),
  };
}

/**
 * A fresh idempotency key: a retry of the same input reuses it (the server answers the first
 * referral), any change of the input gets a new one. `getRandomValues`, not `randomUUID`: the
 * dashboard may be served over plain HTTP inside a hospital network, where only the former exists.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
