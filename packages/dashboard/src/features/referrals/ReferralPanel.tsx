import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { REFERRAL_EVENT_TYPES, type ReferralEventType } from '../../graphql/enums';
import { describeError } from '../../graphql/errors';
import { readFragment } from '../../graphql/graphql';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueueReferral, ReferralDetailQuery } from './operations';
import { ReferralActions } from './ReferralActions';

const isEventType = (type: string): type is ReferralEventType =>
  (REFERRAL_EVENT_TYPES as readonly string[]).includes(type);

interface Props {
  id: string;
  /** Back to the list, keeping the filters. */
  closeHref: string;
  onDone: (message: string) => void;
}

/** One referral in full, with its timeline (who did what, when): opened from the queue. */
export function ReferralPanel({ id, closeHref, onDone }: Props) {
  const { t, lang } = useI18n();
  const [{ data, error }, reexecute] = useQuery({ query: ReferralDetailQuery, variables: { id } });
  const heading = useRef<HTMLHeadingElement>(null);
  const referral = data?.referral ? readFragment(QueueReferral, data.referral) : null;
  const changedAt = referral?.statusChangedAt;
  const seenChange = useRef(changedAt);

  useEffect(() => heading.current?.focus(), [id]);
  // Events keep the referral itself current; its timeline is read again when its status moves.
  useEffect(() => {
    if (!changedAt || seenChange.current === changedAt) return;
    const first = seenChange.current === undefined;
    seenChange.current = changedAt;
    if (!first) reexecute({ requestPolicy: 'network-only' });
  }, [changedAt, reexecute]);

  return (
    <aside className="referral-panel" aria-labelledby="referral-panel-title" data-testid="referral-panel">
      <div className="referral-panel__header">
        <h2 id="referral-panel-title" tabIndex={-1} ref={heading}>
          {referral ? referral.code : t('shell.loading')}
        </h2>
        <Link href={closeHref} className="button button--quiet" aria-label={t('dialog.close')}>
          ×
        </Link>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
      {referral && data?.referral && (
        <>
          <dl className="facts">
            <dt>{t('queue.patient')}</dt>
            <dd>
              {referral.patient.displayName} ·{' '}
              {t(referral.patient.sex === 'F' ? 'patient.female' : 'patient.male')} ·{' '}
              {t('patient.age', { age: referral.patient.age })}
            </dd>
            <dt>{t('queue.route')}</dt>
            <dd>
              {referral.fromInstitution.name}
              {referral.fromPractitioner && ` (${referral.fromPractitioner.name})`} →{' '}
              {referral.toInstitution.name}
              {referral.toDepartment && ` · ${referral.toDepartment.name}`}
            </dd>
            <dt>{t('queue.urgency')}</dt>
            <dd>
              {t(`ReferralUrgency.${referral.urgency}`)} · {t(`ReferralDirection.${referral.direction}`)}
            </dd>
            <dt>{t('queue.status')}</dt>
            <dd>
              {t(`ReferralStatus.${referral.status}`)}
              {referral.statusNote && ` — ${referral.statusNote}`}
            </dd>
            <dt>{t('queue.dueBy')}</dt>
            <dd>{formatDateTime(referral.dueBy, lang)}</dd>
            <dt>{t('queue.diagnosis')}</dt>
            <dd>
              <code>{referral.diagnosisCode}</code> {referral.reason}
            </dd>
            {data.referral.clinicalSummary && (
              <>
                <dt>{t('queue.summary')}</dt>
                <dd>{data.referral.clinicalSummary}</dd>
              </>
            )}
            {referral.assignedSpecialist && (
              <>
                <dt>{t('queue.specialist')}</dt>
                <dd>{referral.assignedSpecialist.name}</dd>
              </>
            )}
            {referral.bed && (
              <>
                <dt>{t('queue.bedLabel')}</dt>
                <dd>
                  {referral.bed.code} · {t(`BedStatus.${referral.bed.status}`)}
                  {referral.bed.holdExpiresAt &&
                    ` · ${t('queue.holdUntil', { time: formatDateTime(referral.bed.holdExpiresAt, lang) })}`}
                </dd>
              </>
            )}
          </dl>

          <ReferralActions referral={referral} onDone={onDone} />

          <h3 className="referral-panel__subtitle">{t('queue.timeline')}</h3>
          <ol className="timeline" data-testid="timeline">
            {data.referral.timeline.map((entry, index) => (
              <li key={index} className="timeline__entry">
                <time dateTime={entry.at} className="timeline__time">
                  {formatDateTime(entry.at, lang)}
                </time>
                <span className="timeline__what">
                  {isEventType(entry.type) ? t(`ReferralEventType.${entry.type}`) : entry.type}
                </span>
                <span className="timeline__who">
                  {entry.actorName}
                  {entry.actorInstitution && ` · ${entry.actorInstitution.name}`}
                </span>
                {entry.note && <span className="timeline__note">{entry.note}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
