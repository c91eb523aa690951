import { describe, it, expect } from 'vitest';
import { isMobileNumber, normalizeMobile } from './mobile.js';

describe('normalizeMobile / isMobileNumber', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['19912345678', '19912345678'],
    ['16612345678', '16612345678'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['  13800138000  ', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['86 13800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
  ])('accepts %j -> %s', (raw, expected) => {
    expect(normalizeMobile(raw)).toBe(expected);
    expect(isMobileNumber(raw)).toBe(true);
  });

  it.each([
    '',
    '1380013800', // 10 digits
    '138001380001', // 12 digits
    '12800138000', // second digit 2
    '10800138000', // second digit 0
    '23800138000', // does not start with 1
    '+8513800138000', // wrong country code
    '008613800138000', // 00 prefix not supported
    '+86+8613800138000',
    '86',
    '1380013800O', // letter O
    '(138)00138000',
    '138.0013.8000',
    '021-12345678', // landline
    '+1 415 555 0100',
  ])('rejects %j', (raw) => {
    expect(normalizeMobile(raw)).toBeNull();
    expect(isMobileNumber(raw)).toBe(false);
  });
});
