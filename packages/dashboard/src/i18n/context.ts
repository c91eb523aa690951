import { createContext, useContext } from 'react';
import type { Lang, Translate } from './translate';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

export const I18nContext = createContext<I18n | null>(null);

/** Current language, its setter and the translator. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n()/useT() must be used inside <I18nProvider>');
  return i18n;
}

/** The translator for the current language: `t('login.submit')`, `t('BedKind.ICU')`. */
export function useT(): Translate {
  return useI18n().t;
}
