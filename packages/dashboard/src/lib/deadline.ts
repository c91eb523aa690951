/**
 * Time left until a deadline (a referral's `dueBy`), in whole minutes, and how urgent that is: the queue
 * shows "2 h 5 min left" / "10 min overdue" with a colour class and the words, never the colour alone.
 */
export type DeadlineState = 'ok' | 'soon' | 'overdue';

export interface TimeLeft {
  state: DeadlineState;
  /** Whole minutes left (or, when overdue, past the deadline); never negative. */
  minutes: number;
}

/** Within this many minutes of its deadline, an open referral is marked as due soon. */
export const SOON_MINUTES = 30;

export function timeLeft(dueBy: string, now: number): TimeLeft | null {
  const due = Date.parse(dueBy);
  if (Number.isNaN(due)) return null;
  const minutes = Math.floor(Math.abs(due - now) / 60_000);
  if (due <= now) return { state: 'overdue', minutes };
  return { state: minutes < SOON_MINUTES ? 'soon' : 'ok', minutes };
}

/** Splits minutes into days, hours and minutes for display ("1 天 2 小时", "45 分钟"). */
export function splitMinutes(total: number): { days: number; hours: number; minutes: number } {
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}
