import { describe, expect, it } from 'vitest';
import { countdown } from './countdown';

describe('countdown', () => {
  const due = '2026-01-01T10:00:00Z';
  const at = (iso: string) => Date.parse(iso);
  it('counts down to the deadline, marks the last 15 minutes, and counts up once overdue', () => {
    expect(countdown(due, at('2026-01-01T08:29:55Z'))).toEqual({
      overdue: false,
      soon: false,
      clock: '1:30:05',
    });
    expect(countdown(due, at('2026-01-01T09:50:00Z'))).toEqual({
      overdue: false,
      soon: true,
      clock: '10:00',
    });
    expect(countdown(due, at('2026-01-01T10:00:00Z'))).toEqual({ overdue: false, soon: true, clock: '0:00' });
    expect(countdown(due, at('2026-01-01T10:03:07Z'))).toEqual({ overdue: true, soon: false, clock: '3:07' });
  });
});
