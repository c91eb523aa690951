import { storage } from '../lib/storage';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey, Messages } from './zh-CN';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'yilian.lang';

export const dictionaries: Readonly<Record<Lang, Messages>> = { 'zh-CN': zhCN, en };

export type Vars = Readonly<Record<string, string | number>>;

/** Looks up a message and fills its `{placeholders}`. */
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Fills `{name}` placeholders; an unknown placeholder stays visible so the gap is noticed. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslator(lang: Lang): Translate {
  const messages = dictionaries[lang];
  return (key, vars) => interpolate(messages[key], vars);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The stored choice, else zh-CN: the alliance's working language is the default, not the browser's. */
export function readStoredLang(): Lang {
  const stored = storage.get(LANG_STORAGE_KEY);
  return isLang(stored) ? stored : DEFAULT_LANG;
}

export function storeLang(lang: Lang): void {
  storage.set(LANG_STORAGE_KEY, lang);
}
