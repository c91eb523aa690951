import { describe, expect, it } from 'vitest';
import { splitMinutes, timeLeft } from './deadline';

describe('timeLeft', () => {
  const now = Date.parse('2026-11-25T08:00:00+08:00');
  it('counts whole minutes to the deadline and marks the last half hour and overdue ones', () => {
    expect(timeLeft('2026-11-25T10:05:30+08:00', now)).toEqual({ state: 'ok', minutes: 125 });
    expect(timeLeft('2026-11-25T08:29:00+08:00', now)).toEqual({ state: 'soon', minutes: 29 });
    expect(timeLeft('2026-11-25T07:50:00+08:00', now)).toEqual({ state: 'overdue', minutes: 10 });
    expect(timeLeft('2026-11-25T08:00:00+08:00', now)).toEqual({ state: 'overdue', minutes: 0 });
    expect(timeLeft('not a date', now)).toBeNull();
  });
});

describe('splitMinutes', () => {
  it('splits into days, hours and minutes', () => {
    expect(splitMinutes(45)).toEqual({ days: 0, hours: 0, minutes: 45 });
    expect(splitMinutes(125)).toEqual({ days: 0, hours: 2, minutes: 5 });
    expect(splitMinutes(1440 + 61)).toEqual({ days: 1, hours: 1, minutes: 1 });
  });
});
