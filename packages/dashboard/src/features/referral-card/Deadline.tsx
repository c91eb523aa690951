import { useT, type Translate } from '../../i18n';
import { splitMinutes, timeLeft } from '../../lib/deadline';

/** "1 天 2 小时", "2 小时 5 分", "45 分钟". */
export function formatMinutes(total: number, t: Translate): string {
  const { days, hours, minutes } = splitMinutes(total);
  if (days > 0) return t('referralCard.daysHours', { d: days, h: hours });
  if (hours > 0) return t('referralCard.hoursMinutes', { h: hours, m: minutes });
  return t('referralCard.minutes', { m: minutes });
}

/** Time left to answer, in words and colour (overdue and the last half hour stand out). */
export function Deadline({ dueBy, now }: { dueBy: string; now: number }) {
  const t = useT();
  const left = timeLeft(dueBy, now);
  if (!left) return null;
  const time = formatMinutes(left.minutes, t);
  return (
    <span className={`deadline deadline--${left.state}`}>
      {t(left.state === 'overdue' ? 'referralCard.overdue' : 'referralCard.left', { time })}
    </span>
  );
}
