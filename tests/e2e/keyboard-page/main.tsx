// A page with only the on-screen Chinese keyboard, built by tests/e2e/keyboard.spec.ts, so the
// keyboard is tested in Chromium without any kiosk screen around it. The query string sets the
// language (?lang=en) and the maximum length (?max=20). It passes no api, so the candidates are
// the built-in words and the layout's characters.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createRendererI18n } from '../../../src-renderer/i18n/index.js';
import { ChineseTextInput } from '../../../src-renderer/keyboard/ChineseTextInput.js';
import '../../../src-renderer/styles.css';

const params = new URLSearchParams(window.location.search);
const language = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const maxLength = Number(params.get('max') ?? '2000');

function KeyboardPage() {
  const [value, setValue] = useState('');
  return (
    <main style={{ padding: 16, height: '100%', overflowY: 'auto' }}>
      <ChineseTextInput value={value} onChange={setValue} maxLength={maxLength} placeholder="请写下您要反映的问题" />
      <output data-testid="page-value" hidden>
        {value}
      </output>
    </main>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={createRendererI18n(language)}>
      <KeyboardPage />
    </I18nextProvider>
  </StrictMode>,
);
