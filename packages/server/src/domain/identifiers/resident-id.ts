/**
 * Chinese resident identity numbers (居民身份证号码, GB 11643-1999).
 *
 * Layout: 6-digit administrative region code, 8-digit birth date (YYYYMMDD),
 * 3-digit sequence (odd = male), 1 check character (ISO 7064 MOD 11-2).
 */

/** A successfully parsed resident identity number. */
export interface ResidentId {
  /** The 18-character number, check character `X` uppercased. */
  readonly normalized: string;
  /** The 6-digit administrative region code of first registration. */
  readonly regionCode: string;
  /** Birth date as `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** Sex encoded by the parity of the 17th digit: odd = `M`, even = `F`. */
  readonly sex: 'M' | 'F';
}

/** Result of {@link parseResidentId}: the parsed value or an English reason. */
export type ResidentIdResult =
  { readonly ok: true; readonly value: ResidentId } | { readonly ok: false; readonly reason: string };

const WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// prettier-ignore
/**
 * Province-level division codes (first two digits of a region code):
 * the 34 provinces, autonomous regions, municipalities and SARs.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

// Years before this are data-entry errors, not patients.
const MIN_BIRTH_YEAR = 1900;
// China has had no daylight saving since 1991, so a fixed offset gives the civil date.
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Computes the GB 11643 check character for the first 17 digits.
 * @throws RangeError if `first17` is not exactly 17 ASCII digits.
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('residentIdCheckDigit needs exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/** True when `regionCode` is 6 digits starting with a real province-level code. */
export function isValidRegionCode(regionCode: string): boolean {
  return /^\d{6}$/.test(regionCode) && PROVINCE_CODES.has(regionCode.slice(0, 2));
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses `YYYYMMDD` into a calendar date, or null when no such day exists. */
function parseCompactDate(yyyymmdd: string): { year: number; month: number; day: number } | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < MIN_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Today's civil date in China as `YYYYMMDD`, independent of the server's time zone. */
function chinaDateCompact(now: Date): string {
  const shifted = new Date(now.getTime() + CHINA_UTC_OFFSET_MS);
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

/**
 * Validates and decodes an 18-character resident identity number.
 *
 * Surrounding whitespace is ignored and full-width characters are folded
 * (NFKC), because numbers are often typed with a Chinese IME.
 * 15-digit first-generation numbers are rejected.
 *
 * @param raw - the number as entered.
 * @param today - the reference instant for the "not in the future" check
 *   (compared as a civil date in China, UTC+8); defaults to now.
 */
export function parseResidentId(raw: string, today: Date = new Date()): ResidentIdResult {
  // Reasons never quote the number or a part of it: they reach API answers (minimum necessary).
  const s = raw.normalize('NFKC').trim().toUpperCase();
  if (s.length !== 18) {
    return {
      ok: false,
      reason:
        s.length === 15
          ? 'resident ID must be 18 characters; 15-digit first-generation IDs are not accepted'
          : `resident ID must be 18 characters, got ${s.length}`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return {
      ok: false,
      reason: 'resident ID must be 17 digits followed by a digit or X',
    };
  }
  const regionCode = s.slice(0, 6);
  if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) {
    return { ok: false, reason: 'resident ID region code (digits 1–6) has no valid province prefix' };
  }
  const compactBirth = s.slice(6, 14);
  const date = parseCompactDate(compactBirth);
  if (date === null) {
    return { ok: false, reason: 'resident ID birth date (digits 7–14) is not a valid date' };
  }
  if (compactBirth > chinaDateCompact(today)) {
    return { ok: false, reason: 'resident ID birth date (digits 7–14) is in the future' };
  }
  const expected = residentIdCheckDigit(s.slice(0, 17));
  if (s.charAt(17) !== expected) {
    return { ok: false, reason: 'resident ID check digit does not match (mistyped number?)' };
  }
  return {
    ok: true,
    value: {
      normalized: s,
      regionCode,
      birthDate: `${compactBirth.slice(0, 4)}-${compactBirth.slice(4, 6)}-${compactBirth.slice(6, 8)}`,
      sex: Number(s.charAt(16)) % 2 === 1 ? 'M' : 'F',
    },
  };
}

/** True when {@link parseResidentId} accepts `raw`. */
export function isResidentId(raw: string, today?: Date): boolean {
  return parseResidentId(raw, today).ok;
}

/**
 * Builds a valid (fictional) resident identity number, e.g. for demo seeds.
 *
 * @param regionCode - 6 digits with a real province prefix.
 * @param birthDate - `YYYY-MM-DD`, a real calendar date from 1900 on.
 * @param sequence - 0..999; its parity sets the sex (odd = male).
 * @throws RangeError on any invalid argument.
 */
export function makeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  if (!isValidRegionCode(regionCode)) {
    throw new RangeError(`invalid region code: ${regionCode}`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const compact = m ? `${m[1]}${m[2]}${m[3]}` : '';
  if (!m || parseCompactDate(compact) === null) {
    throw new RangeError(`invalid birth date: ${birthDate}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999, got ${sequence}`);
  }
  const first17 = `${regionCode}${compact}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/** Anything shaped like a resident ID: 17 digits and a check digit or X, or a 15-digit old number. */
const RESIDENT_ID_SHAPED = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])/g;

/**
 * Removes whatever looks like a resident ID from a text the server sends or writes (an error message,
 * a log line): GraphQL's own errors quote the values a client sent, and no code path may turn that
 * into a resident ID in an answer or a log. Valid or not, every such number goes.
 */
export function redactResidentIds(text: string): string {
  return text.replace(RESIDENT_ID_SHAPED, '[redacted]');
}
