import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { countdown } from './countdown';
import { ReferralActions, type QueueItemData } from './ReferralActions';

interface Props {
  referral: QueueItemData;
  now: number;
  /** `/referrals/<id>?<filters>`: opens the timeline, keeping the filters. */
  href: string;
  selected: boolean;
  onDone: (message: string) => void;
}

/** One referral in the queue: urgency, who and where, the answer deadline counting down, actions. */
export function QueueItem({ referral, now, href, selected, onDone }: Props) {
  const { t, lang } = useI18n();
  const waiting = referral.status === 'SUBMITTED';
  const clock = countdown(referral.dueBy, now);
  const { patient } = referral;
  return (
    <li
      className={`queue-item queue-item--${referral.urgency.toLowerCase()}${selected ? ' queue-item--selected' : ''}`}
      data-testid={`referral-${referral.code}`}
      data-status={referral.status}
    >
      <div className="queue-item__urgency">
        <span className={`urgency urgency--${referral.urgency.toLowerCase()}`}>
          {t(`ReferralUrgency.${referral.urgency}`)}
        </span>
        <span className="badge">{t(`ReferralDirection.${referral.direction}`)}</span>
      </div>

      <div className="queue-item__who">
        <Link href={href} className="queue-item__code" aria-current={selected ? 'true' : undefined}>
          {referral.code}
        </Link>
        <span className="queue-item__patient">
          {patient.displayName} · {t(patient.sex === 'F' ? 'patient.female' : 'patient.male')} ·{' '}
          {t('patient.age', { age: patient.age })}
        </span>
        <span className="queue-item__diagnosis">
          <code>{referral.diagnosisCode}</code> {referral.reason}
        </span>
        {referral.guidanceWarning && (
          <span className="queue-item__warning">⚠ {referral.guidanceWarning}</span>
        )}
      </div>

      <div className="queue-item__route">
        <span>{referral.fromInstitution.shortName || referral.fromInstitution.name}</span>
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden"> {t('queue.to')} </span>
        <strong>{referral.toInstitution.shortName || referral.toInstitution.name}</strong>
        {referral.toDepartment && <span className="muted"> · {referral.toDepartment.name}</span>}
      </div>

      <div className="queue-item__state">
        <span className={`status status--${referral.status.toLowerCase()}`}>
          {t(`ReferralStatus.${referral.status}`)}
        </span>
        {waiting ? (
          <span
            className={`countdown${clock.overdue ? ' countdown--overdue' : clock.soon ? ' countdown--soon' : ''}`}
            data-testid={`countdown-${referral.code}`}
            data-overdue={clock.overdue}
          >
            {t(clock.overdue ? 'queue.overdue' : 'queue.left', { time: clock.clock })}
          </span>
        ) : (
          <span className="muted queue-item__since">
            {t('queue.since', { time: formatDateTime(referral.statusChangedAt, lang) })}
          </span>
        )}
        {referral.bed && (
          <span className="queue-item__bed" data-testid={`bed-${referral.code}`}>
            {t('queue.bedHeld', { bed: referral.bed.code, status: t(`BedStatus.${referral.bed.status}`) })}
          </span>
        )}
      </div>

      <ReferralActions referral={referral} onDone={onDone} />
    </li>
  );
}
