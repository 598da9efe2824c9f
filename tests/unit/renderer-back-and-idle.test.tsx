// @vitest-environment happy-dom
// The back button ignores the second tap of a double tap, and the idle warning names what the
// reset clears on the screen in use.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { BackButton } from '../../src-renderer/components/BackDoneButtons.js';
import { IdleWarning } from '../../src-renderer/components/IdleWarning.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';

afterEach(cleanup);

function renderInChinese(node: ReactNode) {
  return render(<I18nextProvider i18n={createRendererI18n('zh-CN')}>{node}</I18nextProvider>);
}

describe('BackButton', () => {
  it('goes back once for a double tap', () => {
    let backs = 0;
    renderInChinese(<BackButton onBack={() => (backs += 1)} />);
    const button = screen.getByRole('button');

    fireEvent.click(button, { detail: 1 });
    fireEvent.click(button, { detail: 2 });
    expect(backs).toBe(1);
  });

  it('goes back on each of two separate taps', () => {
    let backs = 0;
    renderInChinese(<BackButton onBack={() => (backs += 1)} />);
    const button = screen.getByRole('button');

    fireEvent.click(button, { detail: 1 });
    fireEvent.click(button, { detail: 1 });
    expect(backs).toBe(2);
  });
});

describe('IdleWarning', () => {
  it('speaks of the typed number on the lookup', () => {
    renderInChinese(<IdleWarning secondsLeft={6} clears="number" onMoreTime={() => undefined} />);
    expect(screen.getByTestId('idle-countdown').textContent).toContain('号码');
  });

  it('speaks of what was looked at on boards and search', () => {
    renderInChinese(<IdleWarning secondsLeft={6} clears="browsing" onMoreTime={() => undefined} />);
    const text = screen.getByTestId('idle-countdown').textContent;
    expect(text).toContain('查看的内容');
    expect(text).not.toContain('号码');
  });
});
