import type { Lang } from '../i18n';

const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** Short date-time (month, day, hour, minute) in the viewer's time zone and the UI language. */
export function formatDateTime(iso: string, lang: Lang): string {
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(lang, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/** `tel:` URI for a displayed phone number such as `0571-8888 1234`. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
