import { BED_KINDS, type BedKind } from '../../graphql/enums';

/**
 * Bed pressure: how full a pool of beds is, counting beds held for incoming referrals as taken
 * (they are promised to a patient on the way). Pure functions, unit-tested.
 */

export interface BedCounts {
  total: number;
  available: number;
  held: number;
  occupied: number;
}

export interface BedKindSummary extends BedCounts {
  kind: BedKind;
}

/** green / amber / red; `none` when there are no beds of the kind at all. */
export type PressureLevel = 'low' | 'medium' | 'high' | 'none';

/** Occupancy at or above which pressure is amber, then red (percent of total). */
export const PRESSURE_THRESHOLDS = { medium: 75, high: 90 } as const;

/** (occupied + held) / total, or null when total is 0. */
export function occupancy(counts: Pick<BedCounts, 'total' | 'held' | 'occupied'>): number | null {
  if (counts.total <= 0) return null;
  return (counts.occupied + counts.held) / counts.total;
}

/**
 * Whole percent, rounded down so the number shown never crosses a threshold the colour has not
 * (89.6% shows as 89%, amber; not 90%, which would be red).
 */
export function occupancyPercent(counts: Pick<BedCounts, 'total' | 'held' | 'occupied'>): number | null {
  if (counts.total <= 0) return null;
  return Math.floor(((counts.occupied + counts.held) * 100) / counts.total);
}

/** green < 75% ≤ amber < 90% ≤ red. Integer maths, so 27/30 is exactly 90%, not 89.999…%. */
export function pressureLevel(counts: Pick<BedCounts, 'total' | 'held' | 'occupied'>): PressureLevel {
  if (counts.total <= 0) return 'none';
  const usedTimes100 = (counts.occupied + counts.held) * 100;
  if (usedTimes100 >= PRESSURE_THRESHOLDS.high * counts.total) return 'high';
  if (usedTimes100 >= PRESSURE_THRESHOLDS.medium * counts.total) return 'medium';
  return 'low';
}

/**
 * Sums per-department rows into one line per bed kind, in the contract's enum order (kinds the
 * dashboard does not know yet go last, so a new server enum value still shows up).
 */
export function summariseByKind(rows: readonly ({ kind: BedKind } & BedCounts)[]): BedKindSummary[] {
  const byKind = new Map<BedKind, BedKindSummary>();
  for (const row of rows) {
    const sum = byKind.get(row.kind) ?? { kind: row.kind, total: 0, available: 0, held: 0, occupied: 0 };
    sum.total += row.total;
    sum.available += row.available;
    sum.held += row.held;
    sum.occupied += row.occupied;
    byKind.set(row.kind, sum);
  }
  const rank = (kind: BedKind) => {
    const index = BED_KINDS.indexOf(kind);
    return index === -1 ? BED_KINDS.length : index;
  };
  return [...byKind.values()].sort((a, b) => rank(a.kind) - rank(b.kind));
}

/** The most recent `updatedAt` of the rows (ISO 8601), or null when there are none. */
export function latestUpdate(rows: readonly { updatedAt: string }[]): string | null {
  let latest: string | null = null;
  let latestTime = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const time = Date.parse(row.updatedAt);
    if (!Number.isNaN(time) && time > latestTime) {
      latest = row.updatedAt;
      latestTime = time;
    }
  }
  return latest;
}
