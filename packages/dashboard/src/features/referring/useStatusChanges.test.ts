import { describe, expect, it } from 'vitest';
import { baselineOf, changedSince } from './useStatusChanges';

const referral = (id: string, statusChangedAt: string, status = 'SUBMITTED') => ({
  id,
  code: `ZZ-${id}`,
  status,
  statusChangedAt,
});

describe('status changes', () => {
  const first = [referral('a', '2026-11-25T08:00:00+08:00'), referral('b', '2026-11-25T09:00:00+08:00')];
  const since = baselineOf(first, 0);

  it('start from the newest change first shown, or from now for an empty list', () => {
    expect(since).toBe(Date.parse('2026-11-25T09:00:00+08:00'));
    expect(baselineOf([], 42)).toBe(42);
  });

  it('are the referrals changed or added after that, newest first; older ones shown later are not news', () => {
    const later = [
      referral('a', '2026-11-25T09:05:00+08:00', 'SCHEDULED'),
      referral('b', '2026-11-25T09:00:00+08:00'),
      referral('c', '2026-11-25T09:10:00+08:00'),
      // Completed long ago, shown when the doctor switches to "all": not a change.
      referral('d', '2026-11-20T09:00:00+08:00', 'COMPLETED'),
    ];
    expect(changedSince(later, since).map((r) => r.id)).toEqual(['c', 'a']);
  });
});
