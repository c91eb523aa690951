import { useMemo, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSignedIn } from '../../app/viewer';
import { describeError, fieldErrors } from '../../graphql/errors';
import type { ResultOf } from '../../graphql/graphql';
import { useT, type MessageKey } from '../../i18n';
import { DialogField, DialogForm } from '../shell/DialogForm';
import {
  AcceptReferral,
  AllianceDirectoryQuery,
  HoldableBedsQuery,
  HoldBed,
  RedirectReferral,
  RejectReferral,
  type QueueReferral,
} from './operations';

export type QueueItemData = ResultOf<typeof QueueReferral>;

/** Statuses in which a bed may still be held for the patient on the way. */
const HOLDABLE = new Set(['SUBMITTED', 'ACCEPTED', 'SCHEDULED']);
const DEFAULT_HOLD_MINUTES = 120;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

interface Props {
  referral: QueueItemData;
  /** Told what was done, for the page's announcement. */
  onDone: (message: string) => void;
}

/**
 * The coordinator's actions on one referral: accept at once; reject with a reason, redirect to
 * another member and department, or hold a bed, each in a dialog. The server decides (no optimistic
 * change): its answer updates the referral and the lists through graphcache.
 */
export function ReferralActions({ referral, onDone }: Props) {
  const t = useT();
  const [open, setOpen] = useState<DialogKind | null>(null);
  const [accept, acceptNow] = useMutation(AcceptReferral);
  const submitted = referral.status === 'SUBMITTED';
  const canReject = submitted || referral.status === 'ACCEPTED';
  const canHold = HOLDABLE.has(referral.status) && !referral.bed;
  if (!submitted && !canReject && !canHold) return null;
  const allowed: Record<DialogKind, boolean> = { redirect: submitted, reject: canReject, hold: canHold };
  const Opened = open && DIALOGS[open].Dialog;

  const doAccept = async () => {
    const result = await acceptNow({ id: referral.id });
    if (!result.error) onDone(t('queue.done.accepted', { code: referral.code }));
  };

  return (
    <div className="queue-actions">
      {submitted && (
        <button
          type="button"
          className="button button--primary"
          onClick={doAccept}
          disabled={accept.fetching}
          aria-busy={accept.fetching}
          data-testid={`accept-${referral.code}`}
        >
          {t('queue.accept')}
        </button>
      )}
      {DIALOG_KINDS.filter((kind) => allowed[kind]).map((kind) => (
        <button
          key={kind}
          type="button"
          className={DIALOGS[kind].className}
          onClick={() => setOpen(kind)}
          data-testid={`${kind}-${referral.code}`}
        >
          {t(DIALOGS[kind].label)}
        </button>
      ))}
      {accept.error && (
        <p className="form-error queue-actions__error" role="alert">
          {describeError(accept.error, t)}
        </p>
      )}

      {Opened && <Opened referral={referral} onClose={() => setOpen(null)} onDone={onDone} />}
    </div>
  );
}

interface DialogProps extends Props {
  onClose: () => void;
}

function RejectDialog({ referral, onClose, onDone }: DialogProps) {
  const t = useT();
  const [{ fetching, error }, reject] = useMutation(RejectReferral);
  const byField = fieldErrors(error);
  const submit = async (form: FormData) => {
    const result = await reject({ id: referral.id, reason: text(form, 'reason') });
    return result.error ? null : t('queue.done.rejected', { code: referral.code });
  };
  return (
    <DialogForm
      title={t('queue.rejectTitle', { code: referral.code })}
      testId="reject-dialog"
      onSubmit={submit}
      formError={byField.reason ? undefined : error}
      fetching={fetching}
      submit={{ label: t('queue.reject'), className: 'button button--danger' }}
      onClose={onClose}
      onDone={onDone}
    >
      <DialogField id="reject-reason" label={t('queue.reason')} error={byField.reason}>
        {(control) => <textarea {...control} name="reason" rows={3} required />}
      </DialogField>
    </DialogForm>
  );
}

function RedirectDialog({ referral, onClose, onDone }: DialogProps) {
  const t = useT();
  const { alliance } = useSignedIn();
  const [directory] = useQuery({
    query: AllianceDirectoryQuery,
    variables: { allianceId: alliance?.id ?? '' },
    pause: !alliance,
  });
  const [{ fetching, error }, redirect] = useMutation(RedirectReferral);
  const members = useMemo(
    () =>
      (directory.data?.alliance?.members.edges ?? [])
        .map((e) => e.node)
        .filter((m) => m.id !== referral.fromInstitution.id),
    [directory.data, referral.fromInstitution.id],
  );
  const [memberId, setMemberId] = useState('');
  const departments = members.find((m) => m.id === memberId)?.departments ?? [];
  const byField = fieldErrors(error);

  const submit = async (form: FormData) => {
    const toDepartmentId = text(form, 'toDepartmentId');
    const result = await redirect({
      id: referral.id,
      reason: text(form, 'reason'),
      toInstitutionId: text(form, 'toInstitutionId'),
      toDepartmentId: toDepartmentId || null,
    });
    return result.error ? null : t('queue.done.redirected', { code: referral.code });
  };

  return (
    <DialogForm
      title={t('queue.redirectTitle', { code: referral.code })}
      testId="redirect-dialog"
      onSubmit={submit}
      formError={Object.keys(byField).length === 0 ? error : undefined}
      fetching={fetching}
      submit={{ label: t('queue.redirect'), className: 'button button--primary' }}
      onClose={onClose}
      onDone={onDone}
    >
      <DialogField id="redirect-member" label={t('queue.toMember')} error={byField.toInstitutionId}>
        {(control) => (
          <select
            {...control}
            name="toInstitutionId"
            required
            value={memberId}
            onChange={(event) => setMemberId(event.target.value)}
          >
            <option value="">{t('queue.choose')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id} disabled={member.id === referral.toInstitution.id}>
                {member.name}
              </option>
            ))}
          </select>
        )}
      </DialogField>
      <DialogField id="redirect-department" label={t('queue.toDepartment')} error={byField.toDepartmentId}>
        {(control) => (
          <select {...control} name="toDepartmentId" disabled={departments.length === 0}>
            <option value="">{t('queue.anyDepartment')}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        )}
      </DialogField>
      <DialogField id="redirect-reason" label={t('queue.reason')} error={byField.reason}>
        {(control) => <textarea {...control} name="reason" rows={2} required />}
      </DialogField>
    </DialogForm>
  );
}

function HoldBedDialog({ referral, onClose, onDone }: DialogProps) {
  const t = useT();
  const [beds] = useQuery({
    query: HoldableBedsQuery,
    variables: { institutionId: referral.toInstitution.id },
    requestPolicy: 'network-only',
  });
  const [{ fetching, error }, hold] = useMutation(HoldBed);
  const byField = fieldErrors(error);
  // The receiving department first: that is where the patient is expected.
  const departments = useMemo(() => {
    const all = (beds.data?.institution?.departments ?? []).filter((d) => d.beds.length > 0);
    return [...all].sort(
      (a, b) => Number(b.id === referral.toDepartment?.id) - Number(a.id === referral.toDepartment?.id),
    );
  }, [beds.data, referral.toDepartment?.id]);

  const submit = async (form: FormData) => {
    const result = await hold({
      bedId: text(form, 'bedId'),
      referralId: referral.id,
      minutes: Number(text(form, 'minutes')),
    });
    return result.error
      ? null
      : t('queue.done.held', { code: referral.code, bed: result.data?.holdBed.code ?? '' });
  };

  return (
    <DialogForm
      title={t('queue.holdTitle', { code: referral.code })}
      testId="hold-dialog"
      onSubmit={submit}
      formError={Object.keys(byField).length === 0 ? error : undefined}
      fetching={fetching}
      submit={{
        label: t('queue.holdBed'),
        className: 'button button--primary',
        disabled: departments.length === 0,
      }}
      onClose={onClose}
      onDone={onDone}
    >
      {beds.fetching && !beds.data && (
        <p className="muted" role="status">
          {t('shell.loading')}
        </p>
      )}
      {beds.data && departments.length === 0 && <p className="notice">{t('queue.noFreeBeds')}</p>}
      <DialogField
        id="hold-bed"
        label={t('queue.bed', { member: referral.toInstitution.name })}
        error={byField.bedId}
      >
        {(control) => (
          <select {...control} name="bedId" required>
            {departments.map((department) => (
              <optgroup key={department.id} label={department.name}>
                {department.beds.map((bed) => (
                  <option key={bed.id} value={bed.id}>
                    {bed.code} · {t(`BedKind.${bed.kind}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </DialogField>
      <DialogField id="hold-minutes" label={t('queue.holdMinutes')} error={byField.minutes}>
        {(control) => (
          <input
            {...control}
            name="minutes"
            type="number"
            min={1}
            max={1440}
            step={1}
            defaultValue={DEFAULT_HOLD_MINUTES}
            required
          />
        )}
      </DialogField>
    </DialogForm>
  );
}

/** The actions done in a dialog, in the order their buttons stand. */
const DIALOGS = {
  redirect: { label: 'queue.redirect', className: 'button', Dialog: RedirectDialog },
  reject: { label: 'queue.reject', className: 'button button--danger', Dialog: RejectDialog },
  hold: { label: 'queue.holdBed', className: 'button', Dialog: HoldBedDialog },
} satisfies Record<
  string,
  { label: MessageKey; className: string; Dialog: (props: DialogProps) => ReactNode }
>;
type DialogKind = keyof typeof DIALOGS;
const DIALOG_KINDS = Object.keys(DIALOGS) as DialogKind[];
