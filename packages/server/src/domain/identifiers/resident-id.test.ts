import { describe, it, expect } from 'vitest';
import {
  isResidentId,
  isValidRegionCode,
  makeResidentId,
  parseResidentId,
  residentIdCheckDigit,
} from './resident-id.js';

const TODAY = new Date('2025-06-15T12:00:00Z');

describe('residentIdCheckDigit', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['00000000000000000', '1'],
  ])('%s -> %s', (first17, expected) => {
    expect(residentIdCheckDigit(first17)).toBe(expected);
  });

  it.each(['', '1101051949123100', '110105194912310021', '1101051949123100A'])('rejects %j', (bad) => {
    expect(() => residentIdCheckDigit(bad)).toThrow(RangeError);
  });
});

describe('parseResidentId: valid', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '110105', '1949-12-31', 'F'],
    ['11010519491231002x', '11010519491231002X', '110105', '1949-12-31', 'F'],
    ['  11010519491231002X\n', '11010519491231002X', '110105', '1949-12-31', 'F'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '110105', '1949-12-31', 'F'],
    ['510104198001010014', '510104198001010014', '510104', '1980-01-01', 'M'],
  ] as const)('%j', (raw, normalized, regionCode, birthDate, sex) => {
    expect(parseResidentId(raw, TODAY)).toEqual({
      ok: true,
      value: { normalized, regionCode, birthDate, sex },
    });
  });

  it('accepts 29 February in a leap year', () => {
    const id = makeResidentId('310104', '2000-02-29', 7);
    expect(parseResidentId(id, TODAY)).toMatchObject({ ok: true, value: { birthDate: '2000-02-29' } });
  });

  it('accepts a birth date equal to today in China even when UTC is still yesterday', () => {
    const id = makeResidentId('320102', '2025-06-15', 1);
    // 2025-06-14T18:00Z is already 15 June, 02:00, in Beijing.
    expect(parseResidentId(id, new Date('2025-06-14T18:00:00Z')).ok).toBe(true);
  });

  it('defaults today to now', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
  });
});

describe('parseResidentId: invalid', () => {
  const valid = '11010519491231002X';
  it.each([
    ['', /18 characters, got 0/],
    ['1101051949123100', /18 characters, got 16/],
    ['11010519491231002X1', /18 characters, got 19/],
    ['110105491231002', /15-digit first-generation/],
    ['1101051949123100XX', /17 digits followed by a digit or X/],
    ['11010519491231002Y', /17 digits followed by a digit or X/],
    ['1101 519491231002X', /17 digits followed by a digit or X/],
    ['X10105194912310021', /17 digits followed by a digit or X/],
    ['-1010519491231002X', /17 digits followed by a digit or X/],
    ['110105194912310021', /check digit/],
    ['110105194912310020', /check digit/],
    ['11010519491231003X', /check digit/],
  ])('%j', (raw, reason) => {
    const r = parseResidentId(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ['000000', 'no such province 00'],
    ['991234', 'no such province 99'],
    ['161234', 'no such province 16'],
    ['721234', 'no such province 72'],
  ])('rejects region %s (%s)', (region) => {
    const first17 = `${region}19800101001`;
    const r = parseResidentId(first17 + residentIdCheckDigit(first17), TODAY);
    expect(r).toEqual({
      ok: false,
      reason: 'resident ID region code (digits 1–6) has no valid province prefix',
    });
  });

  it.each([
    ['19490229', 'Feb 29 in a non-leap year'],
    ['19000229', 'Feb 29 in a century non-leap year'],
    ['19800230', 'Feb 30'],
    ['19800431', 'Apr 31'],
    ['19801301', 'month 13'],
    ['19800001', 'month 0'],
    ['19800100', 'day 0'],
    ['18991231', 'before 1900'],
    ['18800101', 'GB 11643 sample number 440524188001010014, before 1900'],
  ])('rejects birth date %s (%s)', (birth) => {
    const first17 = `110105${birth}002`;
    const r = parseResidentId(first17 + residentIdCheckDigit(first17), TODAY);
    expect(r).toEqual({
      ok: false,
      reason: 'resident ID birth date (digits 7–14) is not a valid date',
    });
  });

  it('rejects a birth date after today', () => {
    const id = makeResidentId('110105', '2025-06-16', 2);
    expect(parseResidentId(id, TODAY)).toEqual({
      ok: false,
      reason: 'resident ID birth date (digits 7–14) is in the future',
    });
    expect(parseResidentId(id, new Date('2025-06-16T00:00:00+08:00')).ok).toBe(true);
  });

  it('flags every single-digit typo via the check digit', () => {
    for (let pos = 0; pos < 18; pos++) {
      const ch = valid.charAt(pos);
      const replacement = ch === '1' ? '2' : '1';
      const typo = valid.slice(0, pos) + replacement + valid.slice(pos + 1);
      expect(parseResidentId(typo, TODAY).ok, typo).toBe(false);
    }
  });
});

describe('makeResidentId', () => {
  it.each([
    ['110105', '1949-12-31', 2, '11010519491231002X', 'F'],
    ['510104', '1980-01-01', 1, '510104198001010014', 'M'],
    ['650102', '1990-07-01', 0, undefined, 'F'],
    ['820000', '2024-02-29', 999, undefined, 'M'],
    ['710101', '1965-10-10', 58, undefined, 'F'],
    ['370202', '2001-03-04', 123, undefined, 'M'],
  ] as const)('%s %s #%d', (region, birth, seq, expected, sex) => {
    const id = makeResidentId(region, birth, seq);
    if (expected !== undefined) expect(id).toBe(expected);
    expect(id).toHaveLength(18);
    expect(id.slice(14, 17)).toBe(String(seq).padStart(3, '0'));
    expect(parseResidentId(id, TODAY)).toEqual({
      ok: true,
      value: { normalized: id, regionCode: region, birthDate: birth, sex },
    });
  });

  it.each([
    ['11010', '1980-01-01', 1, /region code/],
    ['990101', '1980-01-01', 1, /region code/],
    ['11010a', '1980-01-01', 1, /region code/],
    ['110105', '1981-02-29', 1, /birth date/],
    ['110105', '19800101', 1, /birth date/],
    ['110105', '1980-1-1', 1, /birth date/],
    ['110105', '1980-01-01', -1, /sequence/],
    ['110105', '1980-01-01', 1000, /sequence/],
    ['110105', '1980-01-01', 1.5, /sequence/],
    ['110105', '1980-01-01', Number.NaN, /sequence/],
  ])('throws for %s %s %d', (region, birth, seq, message) => {
    expect(() => makeResidentId(region, birth, seq)).toThrow(message);
  });
});

describe('isValidRegionCode', () => {
  it.each([
    ['110105', true],
    ['150102', true],
    ['460100', true],
    ['540102', true],
    ['650102', true],
    ['710000', true],
    ['810000', true],
    ['820000', true],
    ['100000', false],
    ['240000', false],
    ['380000', false],
    ['470000', false],
    ['550000', false],
    ['660000', false],
    ['830000', false],
    ['11010', false],
    ['1101051', false],
    ['ab0105', false],
  ])('%s -> %s', (code, expected) => {
    expect(isValidRegionCode(code)).toBe(expected);
  });
});
