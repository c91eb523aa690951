import { describe, it, expect } from 'vitest';
import { STANDARD_DEPARTMENTS, isStandardDepartmentCode, standardDepartment } from './department-codes.js';

describe('STANDARD_DEPARTMENTS', () => {
  it.each([
    ['02', '全科医疗科'],
    ['03', '内科'],
    ['03.01', '呼吸内科专业'],
    ['03.02', '消化内科专业'],
    ['03.03', '神经内科专业'],
    ['03.04', '心血管内科专业'],
    ['03.05', '血液内科专业'],
    ['03.06', '肾病学专业'],
    ['03.07', '内分泌专业'],
    ['03.10', '老年病专业'],
    ['04', '外科'],
    ['04.01', '普通外科专业'],
    ['04.02', '神经外科专业'],
    ['04.03', '骨科专业'],
    ['04.04', '泌尿外科专业'],
    ['04.05', '胸外科专业'],
    ['05', '妇产科'],
    ['05.01', '妇科专业'],
    ['05.02', '产科专业'],
    ['07', '儿科'],
    ['10', '眼科'],
    ['11', '耳鼻咽喉科'],
    ['19', '肿瘤科'],
    ['20', '急诊医学科'],
    ['21', '康复医学科'],
    ['28', '重症医学科'],
    ['32', '医学影像科'],
    ['50', '中医科'],
  ])('%s is %s', (code, nameZh) => {
    expect(isStandardDepartmentCode(code)).toBe(true);
    expect(standardDepartment(code)?.nameZh).toBe(nameZh);
  });

  it('has unique, well-formed codes whose parent subject is listed', () => {
    const codes = STANDARD_DEPARTMENTS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { code, nameZh, nameEn } of STANDARD_DEPARTMENTS) {
      expect(code).toMatch(/^\d{2}(?:\.\d{2})?$/);
      expect(nameZh).not.toBe('');
      expect(nameEn).not.toBe('');
      expect(codes).toContain(code.slice(0, 2));
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(STANDARD_DEPARTMENTS)).toBe(true);
    expect(Object.isFrozen(STANDARD_DEPARTMENTS[0])).toBe(true);
  });

  it('returns the English name too', () => {
    expect(standardDepartment(' 03.04 ')).toEqual({
      code: '03.04',
      nameZh: '心血管内科专业',
      nameEn: 'Cardiology',
    });
  });

  it.each(['', '3', '03.4', '3.04', '0304', '03.99', '29', '99', '03.11', 'abc'])('rejects %j', (code) => {
    expect(isStandardDepartmentCode(code)).toBe(false);
    expect(standardDepartment(code)).toBeUndefined();
  });
});
