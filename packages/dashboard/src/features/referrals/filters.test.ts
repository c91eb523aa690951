import { describe, expect, it } from 'vitest';
import { formatFilters, OPEN_STATUSES, parseFilters, toReferralFilter } from './filters';

describe('queue filters', () => {
  it('default to the open referrals of the whole alliance', () => {
    const filters = parseFilters('');
    expect(filters).toEqual({ status: 'open', direction: '', to: '', department: '', from: '' });
    expect(formatFilters(filters)).toBe('');
    expect(toReferralFilter(filters)).toEqual({
      status: OPEN_STATUSES,
      direction: null,
      toInstitutionId: null,
      toDepartmentId: null,
      fromInstitutionId: null,
    });
  });

  it('round-trip through the address, and drop what is not valid', () => {
    const search = 'status=REJECTED&dir=UPWARD&to=I1&dept=D1&from=I2';
    expect(formatFilters(parseFilters(search))).toBe(search);
    expect(toReferralFilter(parseFilters(search))).toEqual({
      status: ['REJECTED'],
      direction: 'UPWARD',
      toInstitutionId: 'I1',
      toDepartmentId: 'D1',
      fromInstitutionId: 'I2',
    });
    expect(parseFilters('status=NOPE&dir=SIDEWAYS&dept=D1')).toEqual(parseFilters(''));
    expect(toReferralFilter(parseFilters('status=all')).status).toBeNull();
  });
});
