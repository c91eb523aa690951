/**
 * The indicators page's numbers, from the server's per-member figures. Pure, unit-tested.
 */

const DAY_MS = 86_400_000;
/** The alliance's days are Asia/Shanghai days (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface Day {
  /** `MM-DD` for the axis. */
  label: string;
  from: string;
  to: string;
}

/** The last `count` whole Asia/Shanghai days up to and including today, oldest first. */
export function lastDays(count: number, now: number): Day[] {
  const todayStart = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  const days: Day[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = todayStart - i * DAY_MS;
    const local = new Date(start + SHANGHAI_OFFSET_MS);
    const label = `${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
    days.push({ label, from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() });
  }
  return days;
}

export interface DayCounts {
  up: number;
  down: number;
  lateral: number;
}

/** Referrals created that day by direction: what every member sent, added up. */
export function sumDay(
  members: readonly {
    referralsOutUpward: number;
    referralsOutDownward: number;
    referralsOutLateral: number;
  }[],
): DayCounts {
  return members.reduce(
    (sum, m) => ({
      up: sum.up + m.referralsOutUpward,
      down: sum.down + m.referralsOutDownward,
      lateral: sum.lateral + m.referralsOutLateral,
    }),
    { up: 0, down: 0, lateral: 0 },
  );
}

/** A share (0..1) as a percent for charts, with `decimals` places (rates of a few per mille need 2). */
export function percent(share: number | null | undefined, decimals = 1): number | null {
  const scale = 10 ** decimals;
  return share === null || share === undefined ? null : Math.round(share * 100 * scale) / scale;
}
