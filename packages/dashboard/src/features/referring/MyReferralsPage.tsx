import { useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { Link } from 'wouter';
import { useSignedIn } from '../../app/viewer';
import { describeError } from '../../graphql/errors';
import type { ReferralStatus } from '../../graphql/enums';
import { useLiveQuery } from '../../graphql/live';
import { useT } from '../../i18n';
import { useNow } from '../../lib/useNow';
import { ReferralSummary, referralOf, type ReferralSummaryData } from '../referral-card/ReferralSummary';
import { LoadError } from '../shell/LoadError';
import { AcceptDownReferral, MyReferralEvents, MyReferralsQuery, RecordDownArrival } from './operations';
import { useStatusChanges } from './useStatusChanges';
import './referring.css';

/** Still under way: what a doctor follows by default. */
const IN_PROGRESS: ReferralStatus[] = ['SUBMITTED', 'ACCEPTED', 'SCHEDULED', 'ARRIVED'];

/**
 * The referring doctor's referrals, live: those the centre sent (where they went, who took them, the
 * slot booked) and the down-referrals it receives, which it takes in and records the arrival of.
 */
export function MyReferralsPage() {
  const t = useT();
  const { viewer } = useSignedIn();
  const institutionId = viewer.institution?.id ?? '';
  const now = useNow(30_000);
  const [showAll, setShowAll] = useState(false);

  const [{ data, error, fetching }, reexecute] = useLiveQuery({
    query: MyReferralsQuery,
    variables: {
      sent: showAll
        ? { fromInstitutionId: institutionId }
        : { fromInstitutionId: institutionId, status: IN_PROGRESS },
      received: { direction: 'DOWNWARD', toInstitutionId: institutionId },
    },
    subscription: MyReferralEvents,
    subscriptionVariables: { institutionId },
    pause: institutionId === '',
  });
  const sent = useMemo(() => data?.sent.edges.map(({ node }) => referralOf(node)) ?? null, [data]);
  const received = useMemo(() => data?.received.edges.map(({ node }) => referralOf(node)) ?? null, [data]);
  const both = useMemo(() => (sent && received ? [...sent, ...received] : null), [sent, received]);
  const changes = useStatusChanges(both);
  const changed = new Set(changes.map((c) => c.id));
  const latest = changes[0] ?? null;

  if (!viewer.institution) return <p className="notice">{t('referring.noInstitution')}</p>;

  return (
    <section className="page__section" aria-labelledby="my-referrals-heading" aria-busy={fetching}>
      <div className="page__toolbar">
        <h1 className="page__title" id="my-referrals-heading">
          {t('referring.mineHeading')}
          <span className="page__subtitle">{viewer.institution.name}</span>
        </h1>
        <Link href="/new-referral" className="button button--primary">
          {t('referring.newHeading')}
        </Link>
      </div>

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="status-announcement">
        {latest
          ? t('referring.statusChanged', {
              code: latest.code,
              status: t(`ReferralStatus.${latest.status as ReferralStatus}`),
            })
          : ''}
      </p>

      {error && (
        <LoadError
          message={t('referring.error', { message: describeError(error, t) })}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      )}
      {!data && fetching && (
        <p className="muted" role="status">
          {t('referring.loading')}
        </p>
      )}

      <div className="referring-grid">
        <section className="panel" aria-labelledby="sent-heading">
          <div className="panel__head">
            <h2 className="panel__title" id="sent-heading">
              {t('referring.sent')}
              {data && <span className="count">{data.sent.totalCount}</span>}
            </h2>
            <div className="segmented" role="group" aria-label={t('referring.sentFilter')}>
              <button
                type="button"
                className="segmented__option"
                aria-pressed={!showAll}
                onClick={() => setShowAll(false)}
              >
                {t('referring.inProgress')}
              </button>
              <button
                type="button"
                className="segmented__option"
                aria-pressed={showAll}
                onClick={() => setShowAll(true)}
              >
                {t('referring.all')}
              </button>
            </div>
          </div>
          {sent && sent.length === 0 && <p className="muted">{t('referring.sentEmpty')}</p>}
          <ol className="card-list" data-testid="sent">
            {sent?.map((referral) => (
              <li key={referral.id} className={changed.has(referral.id) ? 'is-updated' : undefined}>
                <ReferralSummary referral={referral} perspective="sender" now={now} />
              </li>
            ))}
          </ol>
        </section>

        <section className="panel" aria-labelledby="received-heading">
          <h2 className="panel__title" id="received-heading">
            {t('referring.received')}
            {data && <span className="count">{data.received.totalCount}</span>}
          </h2>
          {received && received.length === 0 && <p className="muted">{t('referring.receivedEmpty')}</p>}
          <ol className="card-list" data-testid="received">
            {received?.map((referral) => (
              <li key={referral.id} className={changed.has(referral.id) ? 'is-updated' : undefined}>
                <ReferralSummary referral={referral} perspective="receiver" now={now}>
                  <DownReferralActions referral={referral} />
                </ReferralSummary>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </section>
  );
}

/** Taking a down-referral in, then recording that the patient arrived. Not optimistic: others may act too. */
function DownReferralActions({ referral }: { referral: ReferralSummaryData }) {
  const t = useT();
  const [accepted, accept] = useMutation(AcceptDownReferral);
  const [arrived, arrive] = useMutation(RecordDownArrival);
  const busy = accepted.fetching || arrived.fetching;
  const error = accepted.error ?? arrived.error;
  const canAccept = referral.status === 'SUBMITTED';
  const canArrive = referral.status === 'ACCEPTED' || referral.status === 'SCHEDULED';
  if (!canAccept && !canArrive) return null;
  return (
    <div className="card-actions">
      {canAccept && (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void accept({ id: referral.id })}
          data-testid={`accept-${referral.code}`}
        >
          {t('referring.accept')}
        </button>
      )}
      {canArrive && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void arrive({ referralId: referral.id })}
          data-testid={`arrive-${referral.code}`}
        >
          {t('referring.arrived')}
        </button>
      )}
      {error && (
        <p className="form-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
    </div>
  );
}
