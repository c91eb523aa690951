import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nContext, type I18n } from './context';
import { createTranslator, readStoredLang, storeLang, type Lang } from './translate';

interface Props {
  children: ReactNode;
  /** Overrides the stored choice (tests, embedding). */
  initialLang?: Lang;
}

/** Holds the UI language, persists it, and keeps `<html lang>` and the title in step with it. */
export function I18nProvider({ children, initialLang }: Props) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? readStoredLang());

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => ({ lang, setLang, t: createTranslator(lang) }), [lang, setLang]);

  useEffect(() => {
    // Screen readers pick their voice, and browsers their CJK font, from <html lang>.
    document.documentElement.lang = lang;
    document.title = `${value.t('app.title')} · ${value.t('app.subtitle')}`;
  }, [lang, value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
