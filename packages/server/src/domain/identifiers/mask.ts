/**
 * Masking of personal data for display outside the institutions that need it
 * (minimum-necessary rule). There is deliberately no resident-ID masker: ID
 * numbers are never returned by the API, not even partially.
 */

import { normalizeMobile } from './mobile.js';

// Latin-script names (pinyin, foreign patients): letters plus name punctuation.
const LATIN_NAME = /^[\p{Script=Latin}][\p{Script=Latin}\s.'-]*$/u;

/**
 * Masks a person's name.
 *
 * - empty → `*`
 * - Latin script → first letter + `***` (length hidden)
 * - otherwise, by characters: 1 → `*`; 2 → `张*`; 3+ → first + `*`×(n−2) + last
 *   (e.g. `张*明`, `欧阳*华`).
 */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '*';
  if (LATIN_NAME.test(trimmed)) {
    return `${trimmed.charAt(0).toUpperCase()}***`;
  }
  // Array.from splits by code point, so rare characters outside the BMP stay whole.
  const chars = Array.from(trimmed);
  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${first}*`;
  return `${first}${'*'.repeat(chars.length - 2)}${last}`;
}

/**
 * Masks a mobile number as `138****5678`. Input that is not a valid mobile
 * number is masked entirely (`***********`) so nothing leaks.
 */
export function maskMobile(mobile: string): string {
  const n = normalizeMobile(mobile);
  if (n === null) return '*'.repeat(11);
  return `${n.slice(0, 3)}****${n.slice(7)}`;
}
