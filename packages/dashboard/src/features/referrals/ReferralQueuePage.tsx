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
import { FilterSelect } from './FilterSelect';
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

  const any = { value: '', label: t('queue.any') };
  const memberOptions = members.map((member) => ({
    value: member.id,
    label: member.shortName || member.name,
  }));

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
        <FilterSelect
          id="filter-status"
          label={t('queue.status')}
          value={filters.status}
          onChange={(status) => setFilters({ status: status as QueueFilters['status'] })}
          options={[
            { value: 'open', label: t('queue.open') },
            ...REFERRAL_STATUSES.map((status) => ({ value: status, label: t(`ReferralStatus.${status}`) })),
            { value: 'all', label: t('queue.all') },
          ]}
        />
        <FilterSelect
          id="filter-direction"
          label={t('queue.direction')}
          value={filters.direction}
          onChange={(direction) => setFilters({ direction: direction as QueueFilters['direction'] })}
          options={[
            any,
            ...REFERRAL_DIRECTIONS.map((direction) => ({
              value: direction,
              label: t(`ReferralDirection.${direction}`),
            })),
          ]}
        />
        <FilterSelect
          id="filter-to"
          label={t('queue.toMember')}
          value={filters.to}
          onChange={(to) => setFilters({ to, department: '' })}
          options={[any, ...memberOptions]}
        />
        <FilterSelect
          id="filter-department"
          label={t('queue.toDepartment')}
          value={filters.department}
          disabled={!filters.to}
          onChange={(department) => setFilters({ department })}
          options={[
            any,
            ...departments.map((department) => ({ value: department.id, label: department.name })),
          ]}
        />
        <FilterSelect
          id="filter-from"
          label={t('queue.fromMember')}
          value={filters.from}
          onChange={(from) => setFilters({ from })}
          options={[any, ...memberOptions]}
        />
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
