// i18next for the screens: zh-CN by default, English on request, no fallback between them, so
// a missing key shows up in the key test instead of as silently mixed languages.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/kiosk-api.js';
import en from './en.js';
import zhCN from './zh-CN.js';

export const rendererCatalogs = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/** Creates and initialises the i18next instance the screens use. */
export function createRendererI18n(language: Language = 'zh-CN') {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: rendererCatalogs,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
