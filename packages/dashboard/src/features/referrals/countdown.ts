/**
 * Time left to answer a referral (`dueBy`), as the queue shows it. Pure, unit-tested; the page
 * re-renders it every second.
 */
export interface Countdown {
  overdue: boolean;
  /** Under 15 minutes left: shown as urgent (amber) before it turns red. */
  soon: boolean;
  /** `h:mm:ss` or `m:ss` of the time left, or of the time overdue. */
  clock: string;
}

const SOON_MS = 15 * 60_000;

export function countdown(dueBy: string, now: number): Countdown {
  const left = Date.parse(dueBy) - now;
  const overdue = left < 0;
  const seconds = Math.floor(Math.abs(left) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  return { overdue, soon: !overdue && left < SOON_MS, clock };
}
