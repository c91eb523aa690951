import { useCallback, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useLocation, useParams, useSearch } from 'wouter';
import { useSignedIn } from '../../app/viewer';
import { REFERRAL_DIRECTIONS, REFERRAL_STATUSES } from '../../graphql/enums';
import { describeError } from '../../graphql/errors';
import { readFragment } from '../../graphql/graphql';
import { useLiveQuery } from '../../graphql/live';
import { useT } from '../../i18n';
import { useNow } from '../../lib/useNow';
import { formatFilters, parseFilters, toReferralFilter, type QueueFilters } from './filters';
import { AllianceDirectoryQuery, QueueReferral, QueueReferralEvents, ReferralQueueQuery } from './operations';
import { QueueItem } from './QueueItem';
import { ReferralPanel } from './ReferralPanel';

/** The server's largest page; an alliance's open queue is far shorter. */
const PAGE_SIZE = 100;

/**
 * The coordination office's referral queue: every referral of the alliance, green channel first,
 * then by answer deadline, counting down live; filters in the address; accept, redirect, reject and
 * hold a bed; a referral's timeline beside the list. Live from `referralEvents`.
 */
export function ReferralQueuePage() {
  const t = useT();
  const { alliance } = useSignedIn();
  const params = useParams<{ id?: string }>();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const filter = useMemo(() => toReferralFilter(filters), [filters]);
  const now = useNow(1000);
  const [announcement, setAnnouncement] = useState('');

  const [{ data, error, fetching }] = useLiveQuery({
    query: ReferralQueueQuery,
    variables: { filter, first: PAGE_SIZE },
    subscription: QueueReferralEvents,
    subscriptionVariables: {},
  });
  const [directory] = useQuery({
    query: AllianceDirectoryQuery,
    variables: { allianceId: alliance?.id ?? '' },
    pause: !alliance,
  });
  const members = useMemo(
    () => (directory.data?.alliance?.members.edges ?? []).map((e) => e.node),
    [directory.data],
  );
  const departments = members.find((m) => m.id === filters.to)?.departments ?? [];

  const query = formatFilters(filters);
  const suffix = query ? `?${query}` : '';
  const setFilters = useCallback(
    (change: Partial<QueueFilters>) => {
      const next = formatFilters({ ...filters, ...change });
      navigate(`/referrals${params.id ? `/${params.id}` : ''}${next ? `?${next}` : ''}`, { replace: true });
    },
    [filters, navigate, params.id],
  );

  const referrals = (data?.referrals.edges ?? []).map((edge) => readFragment(QueueReferral, edge.node));
  const overdue = referrals.filter((r) => r.status === 'SUBMITTED' && Date.parse(r.dueBy) < now).length;

  return (
    <section className="page__section" aria-labelledby="queue-heading">
      <div className="page__toolbar">
        <h1 className="page__title" id="queue-heading">
          {t('queue.heading')}
        </h1>
        {data && (
          <p className="queue-summary" data-testid="queue-summary">
            {t('queue.count', { count: data.referrals.totalCount })}
            {overdue > 0 && (
              <span className="countdown countdown--overdue">
                {t('queue.overdueCount', { count: overdue })}
              </span>
            )}
          </p>
        )}
      </div>

      <form
        className="queue-filters"
        aria-label={t('queue.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label className="field field--inline" htmlFor="filter-status">
          <span className="field__label">{t('queue.status')}</span>
          <select
            id="filter-status"
            value={filters.status}
            onChange={(event) => setFilters({ status: event.target.value as QueueFilters['status'] })}
          >
            <option value="open">{t('queue.open')}</option>
            {REFERRAL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`ReferralStatus.${status}`)}
              </option>
            ))}
            <option value="all">{t('queue.all')}</option>
          </select>
        </label>
        <label className="field field--inline" htmlFor="filter-direction">
          <span className="field__label">{t('queue.direction')}</span>
          <select
            id="filter-direction"
            value={filters.direction}
            onChange={(event) => setFilters({ direction: event.target.value as QueueFilters['direction'] })}
          >
            <option value="">{t('queue.any')}</option>
            {REFERRAL_DIRECTIONS.map((direction) => (
              <option key={direction} value={direction}>
                {t(`ReferralDirection.${direction}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline" htmlFor="filter-to">
          <span className="field__label">{t('queue.toMember')}</span>
          <select
            id="filter-to"
            value={filters.to}
            onChange={(event) => setFilters({ to: event.target.value, department: '' })}
          >
            <option value="">{t('queue.any')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.shortName || member.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline" htmlFor="filter-department">
          <span className="field__label">{t('queue.toDepartment')}</span>
          <select
            id="filter-department"
            value={filters.department}
            disabled={!filters.to}
            onChange={(event) => setFilters({ department: event.target.value })}
          >
            <option value="">{t('queue.any')}</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline" htmlFor="filter-from">
          <span className="field__label">{t('queue.fromMember')}</span>
          <select
            id="filter-from"
            value={filters.from}
            onChange={(event) => setFilters({ from: event.target.value })}
          >
            <option value="">{t('queue.any')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.shortName || member.name}
              </option>
            ))}
          </select>
        </label>
      </form>

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="queue-announcement">
        {announcement}
      </p>
      {announcement && (
        <p className="notice" aria-hidden="true">
          {announcement}
        </p>
      )}

      {error && (
        <p className="form-error" role="alert">
          {t('members.error', { message: describeError(error, t) })}
        </p>
      )}

      <div className={`queue-layout${params.id ? ' queue-layout--panel' : ''}`}>
        <div className="queue-list" aria-busy={fetching && !data}>
          {!data && !error && (
            <p className="muted" role="status">
              {t('shell.loading')}
            </p>
          )}
          {data && referrals.length === 0 && <p className="muted">{t('queue.empty')}</p>}
          <ol className="queue" aria-labelledby="queue-heading" data-testid="queue">
            {referrals.map((referral) => (
              <QueueItem
                key={referral.id}
                referral={referral}
                now={now}
                href={`/referrals/${encodeURIComponent(referral.id)}${suffix}`}
                selected={params.id === referral.id}
                onDone={setAnnouncement}
              />
            ))}
          </ol>
        </div>
        {params.id && (
          <ReferralPanel id={params.id} closeHref={`/referrals${suffix}`} onDone={setAnnouncement} />
        )}
      </div>
    </section>
  );
}
