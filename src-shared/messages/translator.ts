// Messages of the command line, the publisher's validation report and the hosts, from i18next
// catalogs: zh-CN by default, English on request. The renderer has catalogs of its own.
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import type { Language } from '../kiosk-api.js';
import { catalogs } from './catalogs.js';

export type Translate = TFunction;

const instances = new Map<Language, Translate>();

/** Returns a synchronous translate function for the language; instances are cached. */
export function translatorFor(language: Language): Translate {
  const cached = instances.get(language);
  if (cached) return cached;

  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: false,
    resources: catalogs,
    ns: Object.keys(catalogs['zh-CN']),
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });

  const translate = instance.t.bind(instance) as Translate;
  instances.set(language, translate);
  return translate;
}

/** Picks the language from an explicit option, then MINSHENG_LANG, then zh-CN. */
export function resolveLanguage(option: string | undefined, env: string | undefined): Language {
  const value = option ?? env;
  if (value === 'en' || value?.toLowerCase().startsWith('en')) return 'en';
  return 'zh-CN';
}
