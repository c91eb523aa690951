import { useCallback, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { useSignedIn } from '../../app/viewer';
import { describeError } from '../../graphql/errors';
import { readFragment } from '../../graphql/graphql';
import { useLiveQuery } from '../../graphql/live';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { SlotSummaryFields } from '../referral-card/fragments';
import { referralOf, type ReferralSummaryData } from '../referral-card/ReferralSummary';
import { CreateReferralMutation, OpenSlotEvents, OpenSlotsQuery, ReferralTargetsQuery } from './operations';
import { controlId, ReferralForm, type ReferralTarget } from './ReferralForm';
import {
  emptyForm,
  FORM_FIELDS,
  missingFields,
  newIdempotencyKey,
  serverErrors,
  toInput,
  type FieldErrors,
  type FormField,
  type ReferralFormValues,
} from './referral-form';

/**
 * A community doctor sends a patient up (上转): the patient, where to, why, and, where the pool allows,
 * an open reserved slot booked at once (预留号源). The slots shown stay live, so one booked by another
 * centre meanwhile disappears. Refusals are shown at their field.
 */
export function NewReferralPage() {
  const { t, lang } = useI18n();
  const { viewer } = useSignedIn();
  const now = useNow(30_000);
  const own = viewer.institution?.id ?? null;

  const [targetsAnswer] = useQuery({ query: ReferralTargetsQuery });
  const alliance = targetsAnswer.data?.alliances[0] ?? null;
  const targets: ReferralTarget[] = useMemo(
    () => (alliance?.members.edges ?? []).map(({ node }) => node).filter((member) => member.id !== own),
    [alliance, own],
  );
  const core = alliance?.core.id ?? '';

  const [values, setValues] = useState<ReferralFormValues>(() => emptyForm());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<ReferralSummaryData | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [focusField, setFocusField] = useState<FormField | null>(null);
  const [{ fetching: submitting }, create] = useMutation(CreateReferralMutation);

  // Most up-referrals go to the core hospital: start there once the members are known.
  useEffect(() => {
    if (core && core !== own)
      setValues((current) => (current.toInstitutionId ? current : { ...current, toInstitutionId: core }));
  }, [core, own]);

  const departmentId = values.toDepartmentId;
  const [slotsAnswer] = useLiveQuery({
    query: OpenSlotsQuery,
    variables: { departmentId },
    subscription: OpenSlotEvents,
    subscriptionVariables: { departmentId },
    pause: departmentId === '',
  });
  const slots = useMemo(() => {
    if (departmentId === '' || !slotsAnswer.data) return null;
    return slotsAnswer.data.reservedSlots.edges
      .map(({ node }) => readFragment(SlotSummaryFields, node))
      .filter((slot) => slot.status === 'OPEN' && Date.parse(slot.start) > now);
  }, [departmentId, slotsAnswer.data, now]);
  const slotGone = values.slotId !== '' && slots !== null && !slots.some((slot) => slot.id === values.slotId);

  const onChange = useCallback(<F extends FormField>(field: F, value: ReferralFormValues[F]) => {
    setValues((current) => {
      const next = { ...current, [field]: value };
      // A slot belongs to a department, a department to an institution.
      if (field === 'toInstitutionId') next.toDepartmentId = '';
      if (field === 'toInstitutionId' || field === 'toDepartmentId') next.slotId = '';
      return next;
    });
    setErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
    // Another input is another request: it must not reuse the key of the one before.
    setIdempotencyKey(newIdempotencyKey());
  }, []);

  // After a refusal, the first field in error gets the focus (and so its message is read out).
  useEffect(() => {
    if (!focusField) return;
    document.getElementById(controlId(focusField))?.focus();
    setFocusField(null);
  }, [focusField]);

  const showErrors = (next: FieldErrors, form: string | null) => {
    setErrors(next);
    setFormError(form);
    setFocusField(FORM_FIELDS.find((field) => next[field]) ?? null);
  };

  // A slot taken by someone else while the doctor was filling in the form is said at once, at the slot.
  const shownErrors: FieldErrors =
    slotGone && !errors.slotId ? { ...errors, slotId: { kind: 'gone' } } : errors;

  const onSubmit = async () => {
    const missing: FieldErrors = {
      ...missingFields(values),
      ...(slotGone ? { slotId: { kind: 'gone' } } : {}),
    };
    if (Object.keys(missing).length > 0) return showErrors(missing, null);
    const answer = await create({ input: toInput(values), idempotencyKey });
    if (answer.data) {
      setCreated(referralOf(answer.data.createReferral));
      setValues(emptyForm(values.toInstitutionId));
      setErrors({});
      setFormError(null);
      setIdempotencyKey(newIdempotencyKey());
      return;
    }
    if (!answer.error) return;
    const placed = serverErrors(answer.error, values.slotId !== '');
    showErrors(
      placed.fields,
      placed.form ?? (answer.error.graphQLErrors.length === 0 ? describeError(answer.error, t) : null),
    );
  };

  return (
    <section className="page__section page__section--narrow" aria-labelledby="new-referral-heading">
      <div className="page__toolbar">
        <h1 className="page__title" id="new-referral-heading">
          {t('referring.newHeading')}
        </h1>
        <Link href="/my-referrals">{t('referring.toMine')}</Link>
      </div>

      {created && (
        <div className="notice notice--success" role="status" data-testid="referral-created">
          <p>
            {t('referring.created', { code: created.code, status: t(`ReferralStatus.${created.status}`) })}
            {created.slot &&
              ` ${t('referring.createdSlot', { time: formatDateTime(created.slot.start, lang) })}`}
          </p>
          {created.guidanceWarning && <p>{t('referring.guidance', { warning: created.guidanceWarning })}</p>}
          <Link href="/my-referrals">{t('referring.follow')}</Link>
        </div>
      )}

      {targetsAnswer.error && (
        <p className="form-error" role="alert">
          {t('referring.error', { message: describeError(targetsAnswer.error, t) })}
        </p>
      )}

      <ReferralForm
        values={values}
        errors={shownErrors}
        formError={formError}
        targets={targets}
        slots={slots}
        submitting={submitting}
        onChange={onChange}
        onSubmit={() => void onSubmit()}
      />
    </section>
  );
}
