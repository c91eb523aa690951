import { describe, it, expect } from 'vitest';
import { ICD10_CATEGORIES } from './icd10-codes.js';
import { ICD10_PATTERN, icd10Category, icd10Name, isKnownIcd10, normalizeIcd10 } from './icd10.js';

describe('normalizeIcd10', () => {
  it.each([
    ['I10', 'I10'],
    ['i10', 'I10'],
    ['  I21.9 ', 'I21.9'],
    ['e11.9', 'E11.9'],
    ['J44.1', 'J44.1'],
    ['S72.00', 'S72.00'],
    ['I10.x00', 'I10.x00'],
    ['I10.X00', 'I10.x00'],
    ['E11.900', 'E11.900'],
    ['I10.x00x002', 'I10.x00x002'],
    ['E11.900X001', 'E11.900x001'],
    ['Ｉ２１．９', 'I21.9'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeIcd10(raw)).toBe(expected);
  });

  it.each([
    '',
    'I',
    'I1',
    'I100',
    '110',
    'II0',
    'I10.',
    'I21.9.1',
    'I21.A',
    'I21.9A',
    'I10.xx0',
    'I10.x0',
    'I10.0000',
    'I10.x00x00',
    'I10.x00y002',
    'I 10',
    'I10 .9',
    'I21-9',
  ])('rejects %j', (raw) => {
    expect(normalizeIcd10(raw)).toBeNull();
  });
});

describe('ICD10_PATTERN', () => {
  it('captures the category', () => {
    expect(ICD10_PATTERN.exec('I21.900')?.[1]).toBe('I21');
  });
  it('is anchored', () => {
    expect(ICD10_PATTERN.test('xI21')).toBe(false);
    expect(ICD10_PATTERN.test('I21x')).toBe(false);
  });
});

describe('isKnownIcd10 / icd10Name / icd10Category', () => {
  it.each([
    ['I10', '特发性（原发性）高血压'],
    ['I10.x00', '特发性（原发性）高血压'],
    ['I21.9', '急性心肌梗死'],
    ['E11.9', '2型糖尿病'],
    ['e11.900', '2型糖尿病'],
    ['J44.1', '慢性阻塞性肺病'],
    ['I63.9', '脑梗死'],
    ['C34.9', '支气管和肺恶性肿瘤'],
    ['S72.0', '股骨骨折'],
    ['Z50.1', '涉及使用康复操作的医疗'],
  ])('%s is known as %s', (code, name) => {
    expect(isKnownIcd10(code)).toBe(true);
    expect(icd10Name(code)).toBe(name);
  });

  it.each(['A99', 'U07.1', 'I99.9', 'Z98', 'not a code', '', 'I21.A'])('%j is unknown', (code) => {
    expect(isKnownIcd10(code)).toBe(false);
    expect(icd10Name(code)).toBeUndefined();
  });

  it.each([
    ['i21.9', 'I21'],
    ['I10.x00x002', 'I10'],
    ['I2', null],
  ])('category of %j is %j', (code, category) => {
    expect(icd10Category(code)).toBe(category);
  });
});

describe('ICD10_CATEGORIES', () => {
  const codes = [...ICD10_CATEGORIES.keys()];

  it('has at least 250 categories', () => {
    expect(ICD10_CATEGORIES.size).toBeGreaterThanOrEqual(250);
  });

  it('has well-formed keys and non-empty Chinese names', () => {
    for (const [code, name] of ICD10_CATEGORIES) {
      expect(code, code).toMatch(/^[A-Z]\d{2}$/);
      expect(name.trim(), code).not.toBe('');
      expect(name, code).toMatch(/\p{Script=Han}/u);
    }
  });

  it('covers every chapter letter A–Z except U', () => {
    const letters = new Set(codes.map((c) => c.charAt(0)));
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTVWXYZ') {
      expect(letters.has(letter), letter).toBe(true);
    }
  });
});
