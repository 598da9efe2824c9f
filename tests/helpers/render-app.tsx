// The whole App rendered into happy-dom over a KioskApi, for the renderer's screen tests.
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { expect } from 'vitest';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { App } from '../../src-renderer/App.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { memoryKioskApi } from './memory-kiosk-api.js';

/** Renders the App in Chinese and waits for the home menu of the memory API's county, 宁乡市. */
export async function renderHome(api: KioskApi = memoryKioskApi()): Promise<void> {
  render(
    <I18nextProvider i18n={createRendererI18n()}>
      <App api={api} />
    </I18nextProvider>,
  );
  await screen.findByText('当前地区：宁乡市');
}

/** Returns the layer of the view on screen. Views kept underneath it are hidden layers. */
export function shownLayer(): HTMLElement {
  const layers = [...document.querySelectorAll<HTMLElement>('.view-layer')].filter((layer) => !layer.hidden);
  expect(layers).toHaveLength(1);
  return layers[0]!;
}
