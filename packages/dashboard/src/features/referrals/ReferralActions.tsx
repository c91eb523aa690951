import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSignedIn } from '../../app/viewer';
import { describeError, fieldErrors } from '../../graphql/errors';
import type { ResultOf } from '../../graphql/graphql';
import { useT } from '../../i18n';
import { Dialog } from '../shell/Dialog';
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

type Open = 'reject' | 'redirect' | 'hold' | null;

/** Statuses in which a bed may still be held for the patient on the way. */
const HOLDABLE = new Set(['SUBMITTED', 'ACCEPTED', 'SCHEDULED']);
const DEFAULT_HOLD_MINUTES = 120;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Where a form shows the server's message for one field, tied to it by `aria-describedby`. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id} role="alert">
      {message}
    </p>
  );
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
  const [open, setOpen] = useState<Open>(null);
  const [accept, acceptNow] = useMutation(AcceptReferral);
  const submitted = referral.status === 'SUBMITTED';
  const canReject = submitted || referral.status === 'ACCEPTED';
  const canHold = HOLDABLE.has(referral.status) && !referral.bed;
  if (!submitted && !canReject && !canHold) return null;

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
      {submitted && (
        <button
          type="button"
          className="button"
          onClick={() => setOpen('redirect')}
          data-testid={`redirect-${referral.code}`}
        >
          {t('queue.redirect')}
        </button>
      )}
      {canReject && (
        <button
          type="button"
          className="button button--danger"
          onClick={() => setOpen('reject')}
          data-testid={`reject-${referral.code}`}
        >
          {t('queue.reject')}
        </button>
      )}
      {canHold && (
        <button
          type="button"
          className="button"
          onClick={() => setOpen('hold')}
          data-testid={`hold-${referral.code}`}
        >
          {t('queue.holdBed')}
        </button>
      )}
      {accept.error && (
        <p className="form-error queue-actions__error" role="alert">
          {describeError(accept.error, t)}
        </p>
      )}

      {open === 'reject' && (
        <RejectDialog referral={referral} onClose={() => setOpen(null)} onDone={onDone} />
      )}
      {open === 'redirect' && (
        <RedirectDialog referral={referral} onClose={() => setOpen(null)} onDone={onDone} />
      )}
      {open === 'hold' && <HoldBedDialog referral={referral} onClose={() => setOpen(null)} onDone={onDone} />}
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
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await reject({
      id: referral.id,
      reason: text(new FormData(event.currentTarget), 'reason'),
    });
    if (!result.error) {
      onClose();
      onDone(t('queue.done.rejected', { code: referral.code }));
    }
  };
  return (
    <Dialog title={t('queue.rejectTitle', { code: referral.code })} onClose={onClose} testId="reject-dialog">
      <form className="dialog__form" onSubmit={submit}>
        <label className="field" htmlFor="reject-reason">
          <span className="field__label">{t('queue.reason')}</span>
          <textarea
            id="reject-reason"
            name="reason"
            rows={3}
            required
            aria-invalid={byField.reason ? true : undefined}
            aria-describedby={byField.reason ? 'reject-reason-error' : undefined}
          />
        </label>
        <FieldError id="reject-reason-error" message={byField.reason} />
        {error && !byField.reason && (
          <p className="form-error" role="alert">
            {describeError(error, t)}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={fetching} aria-busy={fetching}>
            {t('queue.reject')}
          </button>
        </div>
      </form>
    </Dialog>
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

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const toDepartmentId = text(form, 'toDepartmentId');
    const result = await redirect({
      id: referral.id,
      reason: text(form, 'reason'),
      toInstitutionId: text(form, 'toInstitutionId'),
      toDepartmentId: toDepartmentId || null,
    });
    if (!result.error) {
      onClose();
      onDone(t('queue.done.redirected', { code: referral.code }));
    }
  };

  return (
    <Dialog
      title={t('queue.redirectTitle', { code: referral.code })}
      onClose={onClose}
      testId="redirect-dialog"
    >
      <form className="dialog__form" onSubmit={submit}>
        <label className="field" htmlFor="redirect-member">
          <span className="field__label">{t('queue.toMember')}</span>
          <select
            id="redirect-member"
            name="toInstitutionId"
            required
            value={memberId}
            onChange={(event) => setMemberId(event.target.value)}
            aria-invalid={byField.toInstitutionId ? true : undefined}
            aria-describedby={byField.toInstitutionId ? 'redirect-member-error' : undefined}
          >
            <option value="">{t('queue.choose')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id} disabled={member.id === referral.toInstitution.id}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <FieldError id="redirect-member-error" message={byField.toInstitutionId} />
        <label className="field" htmlFor="redirect-department">
          <span className="field__label">{t('queue.toDepartment')}</span>
          <select
            id="redirect-department"
            name="toDepartmentId"
            disabled={departments.length === 0}
            aria-invalid={byField.toDepartmentId ? true : undefined}
            aria-describedby={byField.toDepartmentId ? 'redirect-department-error' : undefined}
          >
            <option value="">{t('queue.anyDepartment')}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </label>
        <FieldError id="redirect-department-error" message={byField.toDepartmentId} />
        <label className="field" htmlFor="redirect-reason">
          <span className="field__label">{t('queue.reason')}</span>
          <textarea
            id="redirect-reason"
            name="reason"
            rows={2}
            required
            aria-invalid={byField.reason ? true : undefined}
            aria-describedby={byField.reason ? 'redirect-reason-error' : undefined}
          />
        </label>
        <FieldError id="redirect-reason-error" message={byField.reason} />
        {error && Object.keys(byField).length === 0 && (
          <p className="form-error" role="alert">
            {describeError(error, t)}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={fetching} aria-busy={fetching}>
            {t('queue.redirect')}
          </button>
        </div>
      </form>
    </Dialog>
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

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await hold({
      bedId: text(form, 'bedId'),
      referralId: referral.id,
      minutes: Number(text(form, 'minutes')),
    });
    if (!result.error) {
      onClose();
      onDone(t('queue.done.held', { code: referral.code, bed: result.data?.holdBed.code ?? '' }));
    }
  };

  return (
    <Dialog title={t('queue.holdTitle', { code: referral.code })} onClose={onClose} testId="hold-dialog">
      <form className="dialog__form" onSubmit={submit}>
        {beds.fetching && !beds.data && (
          <p className="muted" role="status">
            {t('shell.loading')}
          </p>
        )}
        {beds.data && departments.length === 0 && <p className="notice">{t('queue.noFreeBeds')}</p>}
        <label className="field" htmlFor="hold-bed">
          <span className="field__label">{t('queue.bed', { member: referral.toInstitution.name })}</span>
          <select
            id="hold-bed"
            name="bedId"
            required
            aria-invalid={byField.bedId ? true : undefined}
            aria-describedby={byField.bedId ? 'hold-bed-error' : undefined}
          >
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
        </label>
        <FieldError id="hold-bed-error" message={byField.bedId} />
        <label className="field" htmlFor="hold-minutes">
          <span className="field__label">{t('queue.holdMinutes')}</span>
          <input
            id="hold-minutes"
            name="minutes"
            type="number"
            min={1}
            max={1440}
            step={1}
            defaultValue={DEFAULT_HOLD_MINUTES}
            required
            aria-invalid={byField.minutes ? true : undefined}
            aria-describedby={byField.minutes ? 'hold-minutes-error' : undefined}
          />
        </label>
        <FieldError id="hold-minutes-error" message={byField.minutes} />
        {error && Object.keys(byField).length === 0 && (
          <p className="form-error" role="alert">
            {describeError(error, t)}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={fetching || departments.length === 0}
            aria-busy={fetching}
          >
            {t('queue.holdBed')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
