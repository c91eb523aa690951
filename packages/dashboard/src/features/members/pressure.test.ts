import { describe, expect, it } from 'vitest';
import { latestUpdate, occupancy, occupancyPercent, pressureLevel, summariseByKind } from './pressure';

const beds = (total: number, occupied: number, held = 0) => ({
  total,
  occupied,
  held,
  available: total - occupied - held,
});

describe('pressureLevel', () => {
  it('is green below 75%, amber from 75% and red from 90%', () => {
    expect(pressureLevel(beds(100, 0))).toBe('low');
    expect(pressureLevel(beds(100, 74))).toBe('low');
    expect(pressureLevel(beds(100, 75))).toBe('medium');
    expect(pressureLevel(beds(100, 89))).toBe('medium');
    expect(pressureLevel(beds(100, 90))).toBe('high');
    expect(pressureLevel(beds(100, 100))).toBe('high');
  });

  it('counts beds held for referrals as taken', () => {
    // 6 occupied + 3 held of 10: 90%, although only 6 patients are in bed yet.
    expect(pressureLevel(beds(10, 6, 3))).toBe('high');
    expect(occupancy(beds(10, 6, 3))).toBeCloseTo(0.9);
  });

  it('hits thresholds exactly where floating point would not (27/30 is 90%)', () => {
    expect(pressureLevel(beds(30, 27))).toBe('high');
    expect(occupancyPercent(beds(30, 27))).toBe(90);
    expect(pressureLevel(beds(3, 2))).toBe('low'); // 66.7%
    expect(pressureLevel(beds(4, 3))).toBe('medium'); // 75%
  });

  it('rounds the shown percentage down, so it never contradicts the colour', () => {
    // 0.896 → 89%, amber
    expect(occupancyPercent(beds(1000, 896))).toBe(89);
    expect(pressureLevel(beds(1000, 896))).toBe('medium');
  });

  it('has no level when there are no beds, and red when the counts overflow', () => {
    expect(pressureLevel(beds(0, 0))).toBe('none');
    expect(occupancy(beds(0, 0))).toBeNull();
    expect(occupancyPercent(beds(0, 0))).toBeNull();
    expect(pressureLevel({ total: 5, occupied: 5, held: 1 })).toBe('high');
  });
});

describe('summariseByKind', () => {
  it('sums departments per bed kind, in the contract order of kinds', () => {
    const summary = summariseByKind([
      { kind: 'ICU', ...beds(10, 9) },
      { kind: 'GENERAL', ...beds(40, 20, 2) },
      { kind: 'ICU', ...beds(6, 3, 1) },
      { kind: 'GENERAL', ...beds(30, 10) },
    ]);
    expect(summary).toEqual([
      { kind: 'GENERAL', total: 70, occupied: 30, held: 2, available: 38 },
      { kind: 'ICU', total: 16, occupied: 12, held: 1, available: 3 },
    ]);
  });

  it('is empty for no rows', () => {
    expect(summariseByKind([])).toEqual([]);
  });
});

describe('latestUpdate', () => {
  it('compares instants, not strings, across offsets', () => {
    expect(
      latestUpdate([
        { updatedAt: '2026-11-24T09:00:00+08:00' }, // 01:00Z
        { updatedAt: '2026-11-24T02:00:00Z' },
        { updatedAt: 'not a date' },
      ]),
    ).toBe('2026-11-24T02:00:00Z');
    expect(latestUpdate([])).toBeNull();
  });
});
