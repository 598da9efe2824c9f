import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';

export function TopBar() {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <h1 className="app-title">{t('app.title')}</h1>
      <LanguageSwitch />
    </header>
  );
}
