export { I18nProvider } from './I18nProvider';
export { LanguageSwitch } from './LanguageSwitch';
export { useI18n, useT, type I18n } from './context';
export { LANGS, DEFAULT_LANG, type Lang, type MessageKey, type Translate } from './translate';
