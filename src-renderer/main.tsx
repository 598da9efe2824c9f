// Entry of the kiosk page: picks the host's KioskApi and AdminApi, sets up i18n and locks the
// surface down to taps and scrolling (no context menu, no text selection, no dragging, no pinch zoom).
import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { selectAdminApi } from './api/admin-client.js';
import { selectKioskApi } from './api/kiosk-client.js';
import { createRendererI18n } from './i18n/index.js';
import './styles.css';
import './styles/boards.css';
import './styles/navigation.css';
import './styles/printing.css';

document.addEventListener('contextmenu', (event) => event.preventDefault());
// Dragging an image or a selection would carry it out of the page in a desktop browser.
document.addEventListener('dragstart', (event) => event.preventDefault());
// Ctrl + wheel and multi-finger gestures would zoom the page in a desktop browser.
document.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { passive: false });
document.addEventListener('gesturestart', (event) => event.preventDefault());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={createRendererI18n()}>
      <App api={selectKioskApi()} adminApi={selectAdminApi()} />
    </I18nextProvider>
  </StrictMode>,
);
