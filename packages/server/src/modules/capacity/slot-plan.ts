import { SlotKind, SlotPool } from '../../domain/enums.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../../domain/time.js';

/** How a department lays out one kind of slot each day, and how much of it the alliance reserves. */
export interface SlotPoolRule {
  kind: SlotKind;
  /** 'HH:mm' in the alliance's wall-clock time (Asia/Shanghai). */
  firstSlotTime: string;
  slotMinutes: number;
  slotsPerDay: number;
  /** The first `reservedPerDay` slots of each day are ALLIANCE_RESERVED (预留号源), the rest PUBLIC. */
  reservedPerDay: number;
  releaseMinutesBeforeStart: number;
  horizonDays: number;
  /** Practitioner or device codes, taking the slots in turn. */
  resources: readonly string[];
}

export interface PlannedSlot {
  resource: string;
  pool: SlotPool;
  startsAt: Date;
  endsAt: Date;
  /** When an unbooked reserved slot goes to the public pool; null for public slots. */
  releaseAt: Date | null;
}

/**
 * The slots a rule calls for from today (Shanghai date of `now`) through the horizon, leaving out any
 * that have already started. Pure: the same instants whatever the server's own time zone is.
 */
export function planSlots(rule: SlotPoolRule, now: Date): PlannedSlot[] {
  const today = shanghaiDate(now);
  const planned: PlannedSlot[] = [];
  for (let day = 0; day < rule.horizonDays; day++) {
    const first = shanghaiInstant(addDays(today, day), rule.firstSlotTime).getTime();
    for (let n = 0; n < rule.slotsPerDay; n++) {
      const startsAt = new Date(first + n * rule.slotMinutes * 60_000);
      if (startsAt <= now) continue;
      const reserved = n < rule.reservedPerDay;
      planned.push({
        resource: rule.resources[n % rule.resources.length]!,
        pool: reserved ? SlotPool.ALLIANCE_RESERVED : SlotPool.PUBLIC,
        startsAt,
        endsAt: new Date(startsAt.getTime() + rule.slotMinutes * 60_000),
        releaseAt: reserved ? new Date(startsAt.getTime() - rule.releaseMinutesBeforeStart * 60_000) : null,
      });
    }
  }
  return planned;
}
