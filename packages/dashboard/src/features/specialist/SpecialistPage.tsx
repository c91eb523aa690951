import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSignedIn } from '../../app/viewer';
import { describeError } from '../../graphql/errors';
import { readFragment } from '../../graphql/graphql';
import { useLiveQuery } from '../../graphql/live';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { SlotSummaryFields } from '../referral-card/fragments';
import { LoadError } from '../shell/LoadError';
import { referralOf } from '../referral-card/ReferralSummary';
import { ClaimResult } from './ClaimResult';
import { claimOutcome, type ClaimOutcome } from './claim-outcome';
import {
  ClaimSlotMutation,
  SpecialistQueueEvents,
  SpecialistQueueQuery,
  SpecialistShiftQuery,
  SpecialistSlotEvents,
  SpecialistSlotsQuery,
} from './operations';
import { QueueItem, type SlotOption } from './QueueItem';
import { SlotList, type ListedSlot } from './SlotList';
import './specialist.css';

/** Waiting for an answer or accepted: what a specialist can still take into a slot. */
const CLAIMABLE = ['SUBMITTED', 'ACCEPTED'] as const;

/**
 * The on-duty specialist's view (phone first): the department's queue, the reserved slots of the shift,
 * and one tap to claim a referral into a slot. Queue and slots stay live; when a claim loses, the page
 * says who won and reads both again.
 */
export function SpecialistPage() {
  const { t, lang } = useI18n();
  const { viewer } = useSignedIn();
  const department = viewer.department;
  const now = useNow(30_000);

  const [shiftAnswer, reexecuteShift] = useQuery({ query: SpecialistShiftQuery });
  const practitioner = shiftAnswer.data?.viewer.practitioner ?? null;
  const shift = practitioner?.currentShift ?? null;
  const shiftEnd = shift ? Date.parse(shift.end) : null;
  // The shift ended while the page was open: read who is on duty again.
  useEffect(() => {
    if (shiftEnd !== null && now >= shiftEnd) reexecuteShift({ requestPolicy: 'network-only' });
  }, [now, shiftEnd, reexecuteShift]);

  const departmentId = department?.id ?? '';
  const [queue, reexecuteQueue] = useLiveQuery({
    query: SpecialistQueueQuery,
    variables: { filter: { toDepartmentId: departmentId, status: [...CLAIMABLE] } },
    subscription: SpecialistQueueEvents,
    subscriptionVariables: { departmentId },
    pause: !department,
  });
  const [slots, reexecuteSlots] = useLiveQuery({
    query: SpecialistSlotsQuery,
    variables: {
      departmentId,
      onShift: shift !== null,
      shiftFrom: shift?.start ?? null,
      shiftTo: shift?.end ?? null,
      laterFrom: shift?.end ?? null,
    },
    subscription: SpecialistSlotEvents,
    subscriptionVariables: { departmentId },
    pause: !department || !shiftAnswer.data,
  });

  const shiftSlots: ListedSlot[] = useMemo(
    () => (slots.data?.shift?.edges ?? []).map(({ node }) => ({ slot: node, referral: node.referral })),
    [slots.data],
  );
  const laterSlots: ListedSlot[] = useMemo(
    () => (slots.data?.later.edges ?? []).map(({ node }) => ({ slot: node })),
    [slots.data],
  );
  // What a referral can be claimed into: open slots still ahead, earliest first.
  const options: SlotOption[] = useMemo(() => {
    const open = new Map<string, SlotOption>();
    for (const { slot: masked } of [...shiftSlots, ...laterSlots]) {
      const slot = readFragment(SlotSummaryFields, masked);
      if (slot.status === 'OPEN' && Date.parse(slot.start) > now) open.set(slot.id, slot);
    }
    return [...open.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }, [shiftSlots, laterSlots, now]);

  const [claiming, setClaiming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ClaimOutcome | null>(null);
  const [, claim] = useMutation(ClaimSlotMutation);
  const result = useRef<HTMLDivElement>(null);

  const refresh = useCallback(() => {
    reexecuteQueue({ requestPolicy: 'network-only' });
    reexecuteSlots({ requestPolicy: 'network-only' });
  }, [reexecuteQueue, reexecuteSlots]);

  const onClaim = useCallback(
    async (referralId: string, referralCode: string, slotId: string) => {
      setClaiming(referralId);
      setOutcome(null);
      // Not optimistic: the slot is contended, so the page waits for the server's verdict.
      const answer = await claim({ slotId, referralId });
      const next = claimOutcome(answer, referralCode);
      setClaiming(null);
      setOutcome(next);
      // Someone else moved first: show the queue and slots as they are now.
      if (next.kind !== 'won') refresh();
    },
    [claim, refresh],
  );

  // The claimed card leaves the queue: keyboard and screen-reader users continue at the verdict.
  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  if (!department) {
    return (
      <section className="page__section">
        <h1 className="page__title">{t('specialist.heading')}</h1>
        <p className="notice">{t('specialist.noDepartment')}</p>
      </section>
    );
  }

  const queueEdges = queue.data?.referrals.edges ?? [];
  const error = queue.error ?? slots.error ?? shiftAnswer.error;
  const onDuty = practitioner?.onDutyNow === true && shift !== null;

  return (
    <section
      className="page__section"
      aria-labelledby="specialist-heading"
      aria-busy={queue.fetching || slots.fetching}
    >
      <div className="page__toolbar page__toolbar--wrap">
        <h1 className="page__title" id="specialist-heading">
          {t('specialist.heading')}
          <span className="page__subtitle">{department.name}</span>
        </h1>
        {shiftAnswer.data && (
          <p className={`shift-badge shift-badge--${onDuty ? 'on' : 'off'}`} data-testid="shift">
            {onDuty && shift
              ? t('specialist.onDutyUntil', { end: formatDateTime(shift.end, lang) })
              : t('specialist.offDuty')}
          </p>
        )}
      </div>

      <ClaimResult outcome={outcome} ref={result} lang={lang} />

      {error && (
        <LoadError message={t('specialist.error', { message: describeError(error, t) })} onRetry={refresh} />
      )}

      <div className="specialist-grid">
        <section className="panel" aria-labelledby="queue-heading">
          <h2 className="panel__title" id="queue-heading">
            {t('specialist.queue')}
            {queue.data && <span className="count">{queue.data.referrals.totalCount}</span>}
          </h2>
          {!queue.data && queue.fetching && (
            <p className="muted" role="status">
              {t('specialist.loading')}
            </p>
          )}
          {queue.data && queueEdges.length === 0 && <p className="muted">{t('specialist.queueEmpty')}</p>}
          <ol className="card-list" data-testid="queue">
            {queueEdges.map(({ node }) => (
              <li key={referralOf(node).id}>
                <QueueItem
                  referral={node}
                  options={options}
                  onDuty={onDuty}
                  busy={claiming !== null}
                  claiming={claiming === referralOf(node).id}
                  now={now}
                  onClaim={onClaim}
                />
              </li>
            ))}
          </ol>
        </section>

        <section className="panel" aria-labelledby="slots-heading">
          <h2 className="panel__title" id="slots-heading">
            {t('specialist.shiftSlots')}
          </h2>
          {onDuty && shift ? (
            <p className="muted">
              {t('specialist.shiftWindow', {
                start: formatDateTime(shift.start, lang),
                end: formatDateTime(shift.end, lang),
              })}
            </p>
          ) : null}
          {slots.data && (
            <SlotList
              slots={shiftSlots}
              now={now}
              empty={t(onDuty ? 'specialist.shiftSlotsEmpty' : 'specialist.offDutySlots')}
              testId="shift-slots"
            />
          )}
          <h3 className="panel__subtitle">{t('specialist.laterSlots')}</h3>
          {slots.data && (
            <SlotList
              slots={laterSlots}
              now={now}
              empty={t('specialist.laterSlotsEmpty')}
              testId="later-slots"
            />
          )}
        </section>
      </div>
    </section>
  );
}
