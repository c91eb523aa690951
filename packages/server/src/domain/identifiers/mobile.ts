/**
 * Mainland China mobile numbers: 11 digits, `1` then `3`–`9`, then 9 digits.
 */

// Separators people type between digit groups; anything else is rejected.
const SEPARATORS = /[\s-]/g;
const MOBILE_WITH_PREFIX = /^(?:\+?86)?(1[3-9]\d{9})$/;

/**
 * Returns the bare 11-digit mobile number, or null when `raw` is not one.
 * Accepts an optional `+86`/`86` country prefix, spaces and hyphens, and
 * full-width digits (folded with NFKC, as typed with a Chinese IME).
 */
export function normalizeMobile(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(SEPARATORS, '');
  const m = MOBILE_WITH_PREFIX.exec(compact);
  return m?.[1] ?? null;
}

/** True when `raw` is a mainland China mobile number (see {@link normalizeMobile}). */
export function isMobileNumber(raw: string): boolean {
  return normalizeMobile(raw) !== null;
}
