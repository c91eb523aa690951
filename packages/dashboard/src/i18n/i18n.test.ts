import { describe, expect, it } from 'vitest';
import { LABELLED_ENUM_VALUES } from '../graphql/enums';
import { en } from './en';
import { createTranslator, dictionaries, interpolate, isLang, LANGS } from './translate';
import { zhCN } from './zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const zhKeys = Object.keys(zhCN).sort();

  it('have exactly the same keys in every language', () => {
    for (const lang of LANGS) expect(Object.keys(dictionaries[lang]).sort()).toEqual(zhKeys);
  });

  it('have no empty values', () => {
    for (const lang of LANGS) {
      const empty = Object.entries(dictionaries[lang]).filter(([, value]) => value.trim() === '');
      expect(empty, `${lang}: empty messages`).toEqual([]);
    }
  });

  it('use the same {placeholders} in every language', () => {
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(zh));
    }
  });

  it('label every value of every labelled enum', () => {
    for (const [name, values] of Object.entries(LABELLED_ENUM_VALUES)) {
      for (const value of values) expect(zhKeys, `${name}.${value}`).toContain(`${name}.${value}`);
    }
  });

  it('translate the examples from the brief', () => {
    const zh = createTranslator('zh-CN');
    const english = createTranslator('en');
    expect(zh('InstitutionKind.COMMUNITY_HEALTH_CENTRE')).toBe('社区卫生服务中心');
    expect(english('InstitutionKind.COMMUNITY_HEALTH_CENTRE')).toBe('Community health centre');
    expect(zh('BedKind.GENERAL')).toBe('普通床位');
    expect(zh('BedKind.ICU')).toBe('重症监护');
    expect(zh('MemberRole.CORE')).toBe('核心医院');
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('成员单位 {count} 家', { count: 12 })).toBe('成员单位 12 家');
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
    expect(interpolate('plain')).toBe('plain');
  });
});

describe('isLang', () => {
  it('accepts only supported languages', () => {
    expect(isLang('zh-CN')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang(null)).toBe(false);
  });
});
