import type { Lang } from '../../i18n';
import { formatDateTime } from '../../lib/format';

const timeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "11/25 08:30–08:50": a slot's start with its day, and its end time. */
export function slotTimeRange(start: string, end: string, lang: Lang): string {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(lang, format);
  }
  const until = new Date(end);
  return `${formatDateTime(start, lang)}–${Number.isNaN(until.getTime()) ? end : format.format(until)}`;
}
