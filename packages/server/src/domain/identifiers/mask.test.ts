import { describe, it, expect } from 'vitest';
import { maskMobile, maskPersonName } from './mask.js';

describe('maskPersonName', () => {
  it.each([
    ['', '*'],
    ['   ', '*'],
    ['张', '*'],
    ['张三', '张*'],
    ['张晓明', '张*明'],
    ['欧阳春华', '欧**华'],
    ['欧阳华', '欧*华'],
    ['司马相如', '司**如'],
    ['阿卜杜·艾尼', '阿****尼'],
    [' 李四 ', '李*'],
    ['𠮷野家', '𠮷*家'], // non-BMP first character stays whole
    ['王𠮷', '王*'],
    ['Zhang San', 'Z***'],
    ['zhang', 'Z***'],
    ["O'Brien", 'O***'],
    ['Anne-Marie Dupont', 'A***'],
    ['José', 'J***'],
    ['A', 'A***'],
  ])('%j -> %j', (name, expected) => {
    expect(maskPersonName(name)).toBe(expected);
  });
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['199-0000-1111', '199****1111'],
    ['', '***********'],
    ['12345', '***********'],
    ['12812345678', '***********'],
  ])('%j -> %j', (mobile, expected) => {
    expect(maskMobile(mobile)).toBe(expected);
  });
});
