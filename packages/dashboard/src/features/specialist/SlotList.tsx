import { readFragment, type FragmentOf } from '../../graphql/graphql';
import { useI18n } from '../../i18n';
import { SlotSummaryFields } from '../referral-card/fragments';
import { slotTimeRange } from '../referral-card/slot-time';

export interface ListedSlot {
  slot: FragmentOf<typeof SlotSummaryFields>;
  /** The booked referral, where the list asked for it and the viewer may read it. */
  referral?: { code: string; patient: { displayName: string } } | null;
}

interface Props {
  slots: readonly ListedSlot[];
  now: number;
  empty: string;
  testId: string;
}

/** Reserved slots by start time: free ones plainly, booked ones with the referral and who took it. */
export function SlotList({ slots, now, empty, testId }: Props) {
  const { t, lang } = useI18n();
  if (slots.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="slot-list" data-testid={testId}>
      {slots.map(({ slot: masked, referral }) => {
        const slot = readFragment(SlotSummaryFields, masked);
        const past = Date.parse(slot.end) <= now;
        return (
          <li
            key={slot.id}
            className={`slot-row slot-row--${slot.status.toLowerCase()}${past ? ' slot-row--past' : ''}`}
            data-testid={`slot-${slot.id}`}
            data-status={slot.status}
          >
            <span className="slot-row__time">{slotTimeRange(slot.start, slot.end, lang)}</span>
            <span className="slot-row__who">
              {slot.practitioner?.name ?? t('specialist.anyPractitioner')}
            </span>
            <span className={`badge slot-status slot-status--${slot.status.toLowerCase()}`}>
              {t(`SlotStatus.${slot.status}`)}
            </span>
            {slot.status === 'BOOKED' && (
              <span className="slot-row__booking">
                {referral && (
                  <>
                    <code>{referral.code}</code> {referral.patient.displayName}
                  </>
                )}
                {slot.claimedBy && (
                  <span className="muted"> {t('referralCard.claimedBy', { name: slot.claimedBy.name })}</span>
                )}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
