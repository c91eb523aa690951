/**
 * Alliance wall-clock time. The demo alliance and its rosters live in China Standard Time
 * (Asia/Shanghai, UTC+8, no daylight saving), whatever the server's own time zone is.
 */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** The Shanghai calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The instant of a Shanghai wall-clock time ('HH:mm') on a Shanghai date ('YYYY-MM-DD'). */
export function shanghaiInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  if (y === undefined || m === undefined || d === undefined || hh === undefined || mm === undefined) {
    throw new Error(`bad date/time ${date} ${time}`);
  }
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - SHANGHAI_OFFSET_MINUTES * 60_000);
}

/** The Shanghai date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return shanghaiDate(new Date(shanghaiInstant(date, '12:00').getTime() + days * 86_400_000));
}

/** Whole years between a birth date ('YYYY-MM-DD') and an instant, in Shanghai time. */
export function ageOn(birthDate: string, instant: Date): number {
  const today = shanghaiDate(instant);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The source of "now"; injected so tests can move time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
