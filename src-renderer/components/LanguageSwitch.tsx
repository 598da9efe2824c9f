// Two large buttons, 中文 and English, on every screen. The current one is marked with a check
// mark and aria-pressed, not with colour alone.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../src-shared/kiosk-api.js';
import type { Language } from '../../src-shared/kiosk-api.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();

  function labelOf(language: Language): string {
    return language === 'zh-CN' ? t('language.zh') : t('language.en');
  }

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => {
        const active = i18n.language === language;
        return (
          <button
            key={language}
            type="button"
            className={active ? 'language-button language-button--active' : 'language-button'}
            aria-pressed={active}
            lang={language}
            onClick={() => void i18n.changeLanguage(language)}
          >
            {active && <span aria-hidden="true">✓ </span>}
            {labelOf(language)}
          </button>
        );
      })}
    </div>
  );
}
