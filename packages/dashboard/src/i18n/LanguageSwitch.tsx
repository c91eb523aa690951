import { useI18n } from './context';
import { LANGS } from './translate';

/** 中文 / English toggle. Each label is written in its own language, so anyone can find theirs. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('lang.label')}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="segmented__option"
          aria-pressed={option === lang}
          onClick={() => setLang(option)}
        >
          {t(`lang.${option}`)}
        </button>
      ))}
    </div>
  );
}
