import type { ReactNode } from 'react';
import { readFragment, type FragmentOf, type ResultOf } from '../../graphql/graphql';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Deadline } from './Deadline';
import { ReferralSummaryFields } from './fragments';
import './referral-card.css';

export type ReferralSummaryData = ResultOf<typeof ReferralSummaryFields>;

/** The unmasked referral of a query result that spreads `ReferralSummaryFields`. */
export const referralOf = (referral: FragmentOf<typeof ReferralSummaryFields>): ReferralSummaryData =>
  readFragment(ReferralSummaryFields, referral);

/** Referrals still waiting for an answer: only they have a deadline worth counting down. */
const ANSWER_PENDING = new Set(['SUBMITTED']);

interface Props {
  referral: ReferralSummaryData;
  /** The receiver sees who sent it; the sender where it went, who took it and when the patient is booked. */
  perspective: 'receiver' | 'sender';
  now: number;
  /** Buttons and forms that act on the referral. */
  children?: ReactNode;
}

/**
 * One referral as a card: number, urgency (green channel stands out), status, patient, diagnosis, the other
 * party, deadline or booked slot. Used by the specialist's queue and the referring doctor's lists.
 */
export function ReferralSummary({ referral, perspective, now, children }: Props) {
  const { t, lang } = useI18n();
  const party =
    perspective === 'receiver'
      ? referral.fromInstitution.name
      : [referral.toInstitution.name, referral.toDepartment?.name].filter(Boolean).join(' · ');
  const headingId = `referral-${referral.id}-heading`;
  return (
    <article
      className={`referral-card referral-card--${referral.urgency.toLowerCase()}`}
      aria-labelledby={headingId}
      data-testid={`referral-${referral.code}`}
      data-status={referral.status}
    >
      <header className="referral-card__head">
        <h3 className="referral-card__code" id={headingId}>
          {referral.code}
        </h3>
        <span className={`badge urgency urgency--${referral.urgency.toLowerCase()}`}>
          {t(`ReferralUrgency.${referral.urgency}`)}
        </span>
        <span
          className={`badge status status--${referral.status.toLowerCase()}`}
          data-testid={`status-${referral.code}`}
        >
          {t(`ReferralStatus.${referral.status}`)}
        </span>
        {referral.direction !== 'UPWARD' && (
          <span className="badge">{t(`ReferralDirection.${referral.direction}`)}</span>
        )}
      </header>
      <p className="referral-card__patient">
        <strong>{referral.patient.displayName}</strong>
        <span className="muted">
          {t('referralCard.patient', {
            sex: t(referral.patient.sex === 'F' ? 'referralCard.sex.F' : 'referralCard.sex.M'),
            age: referral.patient.age,
          })}
        </span>
      </p>
      <dl className="referral-card__facts">
        <div>
          <dt>{t('referralCard.diagnosis')}</dt>
          <dd>
            <code>{referral.diagnosisCode}</code>
          </dd>
        </div>
        <div>
          <dt>{t(perspective === 'receiver' ? 'referralCard.from' : 'referralCard.to')}</dt>
          <dd>{party}</dd>
        </div>
        {ANSWER_PENDING.has(referral.status) ? (
          <div>
            <dt>{t('referralCard.dueBy')}</dt>
            <dd>
              <Deadline dueBy={referral.dueBy} now={now} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>{t('referralCard.changedAt')}</dt>
            <dd>{formatDateTime(referral.statusChangedAt, lang)}</dd>
          </div>
        )}
        {referral.slot && (
          <div>
            <dt>{t('referralCard.slot')}</dt>
            <dd data-testid={`slot-of-${referral.code}`}>
              {formatDateTime(referral.slot.start, lang)}
              {referral.slot.claimedBy && (
                <span className="muted">
                  {' '}
                  · {t('referralCard.claimedBy', { name: referral.slot.claimedBy.name })}
                </span>
              )}
            </dd>
          </div>
        )}
        {perspective === 'sender' && referral.assignedSpecialist && (
          <div>
            <dt>{t('referralCard.specialist')}</dt>
            <dd>
              {referral.assignedSpecialist.name}
              {referral.assignedSpecialist.title && (
                <span className="muted"> · {referral.assignedSpecialist.title}</span>
              )}
            </dd>
          </div>
        )}
      </dl>
      <p className="referral-card__reason">{referral.reason}</p>
      {referral.statusNote && (
        <p className="referral-card__note">
          <span className="muted">{t('referralCard.note')}：</span>
          {referral.statusNote}
        </p>
      )}
      {children}
    </article>
  );
}
