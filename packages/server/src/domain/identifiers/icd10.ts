/**
 * ICD-10 diagnosis codes as used in Chinese referrals.
 */

import { ICD10_CATEGORIES } from './icd10-codes.js';

/**
 * Accepted shape of a normalized ICD-10 code:
 *
 * - `A00` — 3-character category (letter + 2 digits);
 * - `A00.0`, `A00.00` — WHO subcategory, 1–2 more digits;
 * - `A00.000`, `A00.x00` — China national clinical version (国家临床版) extension:
 *   3 characters after the dot, the first a digit or the placeholder `x`;
 * - `A00.000x000`, `A00.x00x000` — the same plus China's `x` + 3-digit suffix.
 *
 * The placeholder `x` is lowercase, as printed in the national editions.
 * Group 1 captures the category.
 */
export const ICD10_PATTERN = /^([A-Z]\d{2})(?:\.(?:\d{1,2}|[\dx]\d{2}(?:x\d{3})?))?$/;

/**
 * Normalizes an ICD-10 code as entered: trims, folds full-width characters
 * (NFKC), uppercases the code but keeps the Chinese placeholder `x` lowercase.
 * Returns null when the result does not match {@link ICD10_PATTERN}.
 */
export function normalizeIcd10(raw: string): string | null {
  const s = raw.normalize('NFKC').trim();
  const dot = s.indexOf('.');
  const normalized = dot < 0 ? s.toUpperCase() : s.slice(0, dot).toUpperCase() + s.slice(dot).toLowerCase();
  return ICD10_PATTERN.test(normalized) ? normalized : null;
}

/** The 3-character category of a (raw) code, or null when it is malformed. */
export function icd10Category(raw: string): string | null {
  const n = normalizeIcd10(raw);
  return n === null ? null : n.slice(0, 3);
}

/**
 * True when `code` is well formed and its 3-character category is in
 * {@link ICD10_CATEGORIES}; e.g. `I21.9` is known because `I21` is.
 */
export function isKnownIcd10(code: string): boolean {
  const category = icd10Category(code);
  return category !== null && ICD10_CATEGORIES.has(category);
}

/** The Chinese name of the category of `code`, or undefined when unknown or malformed. */
export function icd10Name(code: string): string | undefined {
  const category = icd10Category(code);
  return category === null ? undefined : ICD10_CATEGORIES.get(category);
}
