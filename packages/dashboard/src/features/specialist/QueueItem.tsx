import { useId, useState, type FormEvent } from 'react';
import type { FragmentOf } from '../../graphql/graphql';
import { useI18n } from '../../i18n';
import type { ReferralSummaryFields, SlotSummary } from '../referral-card/fragments';
import { ReferralSummary, referralOf } from '../referral-card/ReferralSummary';
import { slotTimeRange } from '../referral-card/slot-time';

export type SlotOption = SlotSummary;

interface Props {
  referral: FragmentOf<typeof ReferralSummaryFields>;
  /** Open reserved slots still ahead, earliest first; the first is the one-tap default. */
  options: readonly SlotOption[];
  onDuty: boolean;
  /** A claim is under way (any referral): one at a time. */
  busy: boolean;
  /** This referral's claim is under way. */
  claiming: boolean;
  now: number;
  onClaim: (referralId: string, referralCode: string, slotId: string) => void;
}

/** A referral of the queue with its claim control: the earliest open slot is preselected, one tap takes it. */
export function QueueItem({ referral: masked, options, onDuty, busy, claiming, now, onClaim }: Props) {
  const { t, lang } = useI18n();
  const referral = referralOf(masked);
  const selectId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  // Keep the person's choice while it is still open; otherwise fall back to the earliest.
  const slotId = options.some((o) => o.id === chosen) ? chosen : (options[0]?.id ?? null);
  const hint = !onDuty
    ? t('specialist.claimOffDuty')
    : options.length === 0
      ? t('specialist.noOpenSlots')
      : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (slotId) onClaim(referral.id, referral.code, slotId);
  };

  return (
    <ReferralSummary referral={referral} perspective="receiver" now={now}>
      <form className="claim" onSubmit={submit}>
        <label className="claim__label" htmlFor={selectId}>
          {t('specialist.slot')}
        </label>
        <select
          id={selectId}
          className="claim__select"
          value={slotId ?? ''}
          disabled={options.length === 0}
          onChange={(event) => setChosen(event.target.value)}
          data-testid={`claim-slot-${referral.code}`}
        >
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {slotTimeRange(option.start, option.end, lang)}
              {option.practitioner ? ` · ${option.practitioner.name}` : ''}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button button--primary claim__button"
          disabled={!onDuty || !slotId || busy}
          aria-busy={claiming}
          aria-describedby={hint ? `${selectId}-hint` : undefined}
          data-testid={`claim-${referral.code}`}
        >
          {claiming ? t('specialist.claiming') : t('specialist.claim')}
        </button>
        {hint && (
          <p className="claim__hint muted" id={`${selectId}-hint`}>
            {hint}
          </p>
        )}
      </form>
    </ReferralSummary>
  );
}
