import type { FormEvent, ReactNode } from 'react';
import { REFERRAL_DIRECTIONS, REFERRAL_URGENCIES } from '../../graphql/enums';
import { useI18n, type MessageKey } from '../../i18n';
import type { SlotSummary } from '../referral-card/fragments';
import { slotTimeRange } from '../referral-card/slot-time';
import type { FieldError, FieldErrors, FormField, ReferralFormValues } from './referral-form';
import './referring.css';

export interface ReferralTarget {
  id: string;
  name: string;
  departments: readonly { id: string; name: string }[];
}

interface Props {
  values: ReferralFormValues;
  errors: FieldErrors;
  formError: string | null;
  targets: readonly ReferralTarget[];
  /** Open slots of the chosen department, earliest first; null until a department is chosen. */
  slots: readonly SlotSummary[] | null;
  submitting: boolean;
  onChange: <F extends FormField>(field: F, value: ReferralFormValues[F]) => void;
  onSubmit: () => void;
}

/** The id of a field's control, and of its error and hint texts (what the page focuses and tests find). */
export const controlId = (field: FormField) => `referral-${field}`;
const errorId = (field: FormField) => `referral-${field}-error`;
const hintId = (field: FormField) => `referral-${field}-hint`;

/** The per-field explanation of a server refusal; the server's own words follow as detail. */
const INVALID: Record<FormField, MessageKey> = {
  name: 'referring.invalid.name',
  residentId: 'referring.invalid.residentId',
  sex: 'referring.invalid.sex',
  birthDate: 'referring.invalid.birthDate',
  phone: 'referring.invalid.phone',
  direction: 'referring.invalid.direction',
  urgency: 'referring.invalid.urgency',
  toInstitutionId: 'referring.invalid.toInstitutionId',
  toDepartmentId: 'referring.invalid.toDepartmentId',
  diagnosisCode: 'referring.invalid.diagnosisCode',
  reason: 'referring.invalid.reason',
  clinicalSummary: 'referring.invalid.clinicalSummary',
  slotId: 'referring.invalid.slotId',
};

/**
 * The up-referral form (presentational: the page holds the state). Every control has a visible label;
 * an error is written under its field, tied to it with aria-describedby and aria-invalid.
 */
export function ReferralForm(props: Props) {
  const { values, errors, formError, targets, slots, submitting, onChange, onSubmit } = props;
  const { t, lang } = useI18n();
  const departments = targets.find((target) => target.id === values.toInstitutionId)?.departments ?? [];

  const describedBy = (field: FormField, hint = false) =>
    [errors[field] ? errorId(field) : null, hint ? hintId(field) : null].filter(Boolean).join(' ') ||
    undefined;
  const control = (field: FormField, options: { required?: boolean; hint?: boolean } = {}) => ({
    id: controlId(field),
    name: field,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-required': options.required ? true : undefined,
    'aria-describedby': describedBy(field, options.hint),
  });
  const text = (
    field: 'name' | 'residentId' | 'birthDate' | 'phone' | 'diagnosisCode' | 'reason' | 'clinicalSummary',
  ) =>
    ({
      value: values[field],
      onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
    }) as const;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className="referral-form" onSubmit={submit} noValidate aria-labelledby="new-referral-heading">
      {formError && (
        <p className="form-error" role="alert" data-testid="form-error">
          {formError}
        </p>
      )}

      <fieldset className="form-section">
        <legend>{t('referring.patientSection')}</legend>
        <Field field="name" label={t('referring.name')} required error={errors.name}>
          <input type="text" autoComplete="off" {...control('name', { required: true })} {...text('name')} />
        </Field>
        <Field
          field="residentId"
          label={t('referring.residentId')}
          required
          error={errors.residentId}
          hint={t('referring.residentIdHint')}
        >
          <input
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={18}
            {...control('residentId', { required: true, hint: true })}
            {...text('residentId')}
          />
        </Field>
        <ChoiceField
          field="sex"
          label={t('referring.sex')}
          required
          error={errors.sex}
          value={values.sex}
          onChange={(sex) => onChange('sex', sex)}
          options={(['M', 'F'] as const).map((sex) => ({ value: sex, label: t(`referralCard.sex.${sex}`) }))}
        />
        <Field field="birthDate" label={t('referring.birthDate')} required error={errors.birthDate}>
          <input type="date" {...control('birthDate', { required: true })} {...text('birthDate')} />
        </Field>
        <Field field="phone" label={t('referring.phone')} error={errors.phone}>
          <input type="tel" inputMode="tel" autoComplete="off" {...control('phone')} {...text('phone')} />
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('referring.referralSection')}</legend>
        <Field field="direction" label={t('referring.direction')} error={errors.direction}>
          <select
            {...control('direction')}
            value={values.direction}
            onChange={(event) => onChange('direction', event.target.value as ReferralFormValues['direction'])}
          >
            {REFERRAL_DIRECTIONS.map((direction) => (
              <option key={direction} value={direction}>
                {t(`ReferralDirection.${direction}`)}
              </option>
            ))}
          </select>
        </Field>
        <ChoiceField
          field="urgency"
          label={t('referring.urgency')}
          error={errors.urgency}
          value={values.urgency}
          onChange={(urgency) => onChange('urgency', urgency)}
          options={[...REFERRAL_URGENCIES].reverse().map((urgency) => ({
            value: urgency,
            label: t(`ReferralUrgency.${urgency}`),
            className: `choice--${urgency.toLowerCase()}`,
          }))}
        />
        <Field
          field="toInstitutionId"
          label={t('referring.toInstitution')}
          required
          error={errors.toInstitutionId}
        >
          <select
            {...control('toInstitutionId', { required: true })}
            value={values.toInstitutionId}
            onChange={(event) => onChange('toInstitutionId', event.target.value)}
          >
            <option value="">{t('referring.choose')}</option>
            {targets.map((target) => (
              <option key={target.id} value={target.id}>
                {target.name}
              </option>
            ))}
          </select>
        </Field>
        <Field field="toDepartmentId" label={t('referring.toDepartment')} error={errors.toDepartmentId}>
          <select
            {...control('toDepartmentId')}
            value={values.toDepartmentId}
            disabled={departments.length === 0}
            onChange={(event) => onChange('toDepartmentId', event.target.value)}
          >
            <option value="">{t('referring.anyDepartment')}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          field="diagnosisCode"
          label={t('referring.diagnosisCode')}
          required
          error={errors.diagnosisCode}
          hint={t('referring.diagnosisCodeHint')}
        >
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            className="input--short"
            {...control('diagnosisCode', { required: true, hint: true })}
            {...text('diagnosisCode')}
          />
        </Field>
        <Field field="reason" label={t('referring.reason')} required error={errors.reason}>
          <textarea rows={2} {...control('reason', { required: true })} {...text('reason')} />
        </Field>
        <Field field="clinicalSummary" label={t('referring.clinicalSummary')} error={errors.clinicalSummary}>
          <textarea rows={3} {...control('clinicalSummary')} {...text('clinicalSummary')} />
        </Field>
      </fieldset>

      <fieldset
        className="form-section"
        aria-invalid={errors.slotId ? true : undefined}
        aria-describedby={describedBy('slotId', true)}
      >
        <legend>{t('referring.slotSection')}</legend>
        <p className="muted" id={hintId('slotId')}>
          {slots === null ? t('referring.slotNeedsDepartment') : t('referring.slotHint')}
        </p>
        {slots !== null && (
          <div
            className="choices choices--slots"
            id={controlId('slotId')}
            tabIndex={-1}
            data-testid="slot-choices"
          >
            <label className="choice">
              <input
                type="radio"
                name="slotId"
                value=""
                checked={values.slotId === ''}
                onChange={() => onChange('slotId', '')}
              />
              {t('referring.noSlot')}
            </label>
            {slots.map((slot) => (
              <label key={slot.id} className="choice choice--slot">
                <input
                  type="radio"
                  name="slotId"
                  value={slot.id}
                  checked={values.slotId === slot.id}
                  onChange={() => onChange('slotId', slot.id)}
                />
                <span>{slotTimeRange(slot.start, slot.end, lang)}</span>
                {slot.practitioner && (
                  <span className="muted">
                    {slot.practitioner.name}
                    {slot.practitioner.title ? ` · ${slot.practitioner.title}` : ''}
                  </span>
                )}
              </label>
            ))}
            {slots.length === 0 && <p className="muted">{t('referring.noOpenSlots')}</p>}
          </div>
        )}
        <FieldMessage field="slotId" error={errors.slotId} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={submitting} aria-busy={submitting}>
          {submitting ? t('referring.submitting') : t('referring.submit')}
        </button>
      </div>
    </form>
  );
}

function Required() {
  const { t } = useI18n();
  return (
    <span className="field__required">
      <span aria-hidden="true"> *</span>
      <span className="visually-hidden">（{t('referring.requiredMark')}）</span>
    </span>
  );
}

interface FieldProps {
  field: FormField;
  label: string;
  required?: boolean;
  hint?: string;
  error: FieldError | undefined;
  children: ReactNode;
}

/** A labelled control with its hint and, when refused, its error. */
function Field({ field, label, required, hint, error, children }: FieldProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={controlId(field)}>
        {label}
        {required && <Required />}
      </label>
      {children}
      {hint && (
        <p className="field__hint muted" id={hintId(field)}>
          {hint}
        </p>
      )}
      <FieldMessage field={field} error={error} />
    </div>
  );
}

interface ChoiceFieldProps<V extends string> extends Omit<FieldProps, 'hint' | 'children'> {
  value: V | '';
  onChange: (value: V) => void;
  options: readonly { value: V; label: string; className?: string }[];
}

/**
 * A labelled group of radio choices (the page focuses the group) with, when refused, its error; the
 * group, not each radio, is described by the error.
 */
function ChoiceField<V extends string>({
  field,
  label,
  required,
  error,
  value,
  onChange,
  options,
}: ChoiceFieldProps<V>) {
  return (
    <fieldset
      className="field field--choice"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId(field) : undefined}
    >
      <legend className="field__label">
        {label}
        {required && <Required />}
      </legend>
      <div className="choices" id={controlId(field)} tabIndex={-1}>
        {options.map((option) => (
          <label key={option.value} className={`choice${option.className ? ` ${option.className}` : ''}`}>
            <input
              type="radio"
              name={field}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldMessage field={field} error={error} />
    </fieldset>
  );
}

/** Why the field was refused: our sentence, then the server's own words. */
function FieldMessage({ field, error }: { field: FormField; error: FieldError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="field__error" id={errorId(field)} data-testid={`field-error-${field}`}>
      {t(
        error.kind === 'required'
          ? 'referring.required'
          : error.kind === 'gone'
            ? 'referring.slotGone'
            : INVALID[field],
      )}
      {error.kind === 'server' && (
        <span className="field__detail" lang="en">
          {error.detail}
        </span>
      )}
    </p>
  );
}
