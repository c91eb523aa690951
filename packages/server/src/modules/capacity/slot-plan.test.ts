import { afterEach, describe, expect, it } from 'vitest';
import { SlotKind, SlotPool } from '../../domain/enums.js';
import { planSlots, type SlotPoolRule } from './slot-plan.js';

const rule: SlotPoolRule = {
  kind: SlotKind.SPECIALIST_CONSULT,
  firstSlotTime: '08:30',
  slotMinutes: 20,
  slotsPerDay: 6,
  reservedPerDay: 4,
  releaseMinutesBeforeStart: 120,
  horizonDays: 2,
  resources: ['P1', 'P2'],
};

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe.each(['Asia/Shanghai', 'UTC', 'America/New_York'])('slot plan with the server in %s', (tz) => {
  it('lays out each Shanghai day from the first slot time, reserved first, released 2 h before start', () => {
    process.env.TZ = tz;
    // 2026-11-24 07:00 in Shanghai is 2026-11-23T23:00Z.
    const slots = planSlots(rule, new Date('2026-11-23T23:00:00Z'));
    expect(slots).toHaveLength(12);
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-11-24T00:30:00.000Z'); // 08:30 Shanghai
    expect(slots[5]!.startsAt.toISOString()).toBe('2026-11-24T02:10:00.000Z');
    expect(slots[6]!.startsAt.toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(slots.map((s) => s.pool).slice(0, 6)).toEqual([
      SlotPool.ALLIANCE_RESERVED,
      SlotPool.ALLIANCE_RESERVED,
      SlotPool.ALLIANCE_RESERVED,
      SlotPool.ALLIANCE_RESERVED,
      SlotPool.PUBLIC,
      SlotPool.PUBLIC,
    ]);
    expect(slots[0]!.releaseAt!.toISOString()).toBe('2026-11-23T22:30:00.000Z');
    expect(slots[4]!.releaseAt).toBeNull();
    expect(slots.map((s) => s.resource).slice(0, 3)).toEqual(['P1', 'P2', 'P1']);
    expect(slots[0]!.endsAt.getTime() - slots[0]!.startsAt.getTime()).toBe(20 * 60_000);
  });

  it('leaves out slots that have started, and rolls the horizon with the Shanghai date, not the UTC one', () => {
    process.env.TZ = tz;
    // 2026-11-24 09:00 Shanghai = 01:00Z: the day's first two slots (08:30, 08:50) have started.
    const slots = planSlots(rule, new Date('2026-11-24T01:00:00Z'));
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-11-24T01:10:00.000Z');
    expect(slots).toHaveLength(10);
    // 2026-11-24 23:30 Shanghai is still the 24th there though it is 15:30Z: the horizon is the 24th and 25th.
    const late = planSlots(rule, new Date('2026-11-24T15:30:00Z'));
    expect(late[0]!.startsAt.toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(late).toHaveLength(6);
  });
});
