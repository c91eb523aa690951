import { describe, expect, it } from 'vitest';
import { lastDays, percent, sumDay } from './figures';

describe('lastDays', () => {
  it('cuts Asia/Shanghai days, oldest first, today included', () => {
    // 2026-03-01 01:30 in Shanghai is still 2026-02-28 in UTC.
    const days = lastDays(2, Date.parse('2026-02-28T17:30:00Z'));
    expect(days).toEqual([
      { label: '02-28', from: '2026-02-27T16:00:00.000Z', to: '2026-02-28T16:00:00.000Z' },
      { label: '03-01', from: '2026-02-28T16:00:00.000Z', to: '2026-03-01T16:00:00.000Z' },
    ]);
  });
});

describe('sumDay and percent', () => {
  it('add up what the members sent, and show shares as percent with one decimal', () => {
    expect(
      sumDay([
        { referralsOutUpward: 2, referralsOutDownward: 0, referralsOutLateral: 1 },
        { referralsOutUpward: 1, referralsOutDownward: 3, referralsOutLateral: 0 },
      ]),
    ).toEqual({ up: 3, down: 3, lateral: 1 });
    expect(percent(0.12345)).toBe(12.3);
    expect(percent(0.000367, 2)).toBe(0.04);
    expect(percent(null)).toBeNull();
  });
});
