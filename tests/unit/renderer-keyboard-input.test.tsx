// @vitest-environment happy-dom
// ChineseTextInput in happy-dom: taps on simple-keyboard's keys and on the candidate bar, checked
// through the values passed to onChange and the messages on screen.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import type { Language } from '../../src-shared/kiosk-api.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { ChineseTextInput } from '../../src-renderer/keyboard/ChineseTextInput.js';
import { CHINESE_CANDIDATE_TABLE } from '../../src-renderer/keyboard/candidate-table.js';
import { memoryKioskApi } from '../helpers/memory-kiosk-api.js';

afterEach(cleanup);

interface Harness {
  /** Every value passed to onChange, in order. */
  changes: string[];
}

// A portrait window, as on the kiosk's tall screen: landscape windows get fewer candidates a page.
beforeAll(() => {
  // happy-dom's own window API, which the DOM typings do not declare.
  (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({ width: 1080, height: 1920 });
});

function renderInput(options: {
  initial?: string;
  maxLength?: number;
  api?: Pick<KioskApi, 'suggestTerms'>;
  regionCode?: string;
  language?: Language;
}): Harness {
  const harness: Harness = { changes: [] };

  function Host() {
    const [value, setValue] = useState(options.initial ?? '');
    return (
      <ChineseTextInput
        value={value}
        onChange={(next) => {
          harness.changes.push(next);
          setValue(next);
        }}
        maxLength={options.maxLength ?? 2000}
        placeholder="请写下您的问题"
        api={options.api}
        regionCode={options.regionCode}
      />
    );
  }

  render(
    <I18nextProvider i18n={createRendererI18n(options.language ?? 'zh-CN')}>
      <Host />
    </I18nextProvider>,
  );
  return harness;
}

function keyElement(key: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-skbtn="${key}"]`);
  if (!element) throw new Error(`no key ${key} on the keyboard`);
  return element;
}

/** Taps a key the way simple-keyboard listens for it: pointer down, then up. */
function tapKey(key: string) {
  act(() => {
    const element = keyElement(key);
    fireEvent.pointerDown(element);
    fireEvent.pointerUp(element);
  });
}

function tapKeys(keys: string) {
  for (const key of keys) tapKey(key);
}

function candidateTexts(): string[] {
  return screen.queryAllByTestId('keyboard-candidate').map((button) => button.textContent ?? '');
}

function tapCandidate(text: string) {
  const button = screen.getAllByTestId('keyboard-candidate').find((candidate) => candidate.textContent === text);
  if (!button) throw new Error(`no candidate ${text}; shown: ${candidateTexts().join(' ')}`);
  fireEvent.click(button);
}

function shownText(): string {
  return screen.getByTestId('keyboard-text').textContent ?? '';
}

function problem(): string {
  return screen.getByTestId('keyboard-problem').textContent ?? '';
}

describe('ChineseTextInput typing', () => {
  it('types 低保 from pinyin', () => {
    const harness = renderInput({});

    tapKeys('dibao');
    expect(screen.getByTestId('keyboard-pinyin').textContent).toBe('dibao');
    expect(candidateTexts()[0]).toBe('低保');

    tapCandidate('低保');
    expect(harness.changes).toEqual(['低保']);
    expect(screen.queryByTestId('keyboard-pinyin')).toBeNull();
    expect(screen.getByTestId('keyboard-count').textContent).toBe('已输入 2/2000 字');
  });

  it('shows snapshot words after built-in ones', async () => {
    const api = memoryKioskApi();
    renderInput({ api, regionCode: '430124' });

    tapKeys('dibao');
    await waitFor(() => expect(candidateTexts()).toContain('地边'));

    const candidatesShown = candidateTexts();
    expect(candidatesShown.indexOf('低保')).toBe(0);
    expect(candidatesShown.indexOf('地边')).toBe(1);
    expect(api.suggestions.at(-1)).toEqual({ pinyin: 'dibao', regionCode: '430124', limit: 12 });
  });

  it('keeps the rest of the pinyin after a character', () => {
    const harness = renderInput({});

    tapKeys('dibao');
    tapCandidate('低');
    expect(screen.getByTestId('keyboard-pinyin').textContent).toBe('bao');

    tapCandidate('保');
    expect(harness.changes).toEqual(['低', '低保']);
  });

  it('pages through the characters', () => {
    renderInput({});
    tapKeys('yi');
    const firstPage = candidateTexts();
    const previous = screen.getByTestId<HTMLButtonElement>('keyboard-previous-page');
    expect(previous.disabled).toBe(true);

    fireEvent.click(screen.getByTestId('keyboard-next-page'));
    const secondPage = candidateTexts();
    expect(secondPage).toHaveLength(8);
    // Words such as 医疗救助 fill the start of the first page, ahead of the characters.
    const wordsOnFirstPage = firstPage.filter((text) => text.length > 1).length;
    expect(secondPage[0]).toBe(CHINESE_CANDIDATE_TABLE.get('yi')![8 - wordsOnFirstPage]);
    expect(secondPage).not.toEqual(firstPage);

    fireEvent.click(screen.getByTestId('keyboard-previous-page'));
    expect(candidateTexts()).toEqual(firstPage);
  });

  it('deletes pinyin before text', () => {
    const harness = renderInput({ initial: '补贴' });

    tapKeys('me');
    tapKey('{bksp}');
    expect(screen.getByTestId('keyboard-pinyin').textContent).toBe('m');
    tapKey('{bksp}');
    expect(harness.changes).toEqual([]);

    tapKey('{bksp}');
    expect(harness.changes).toEqual(['补']);
  });

  it('types punctuation, digits and a space', () => {
    const harness = renderInput({ initial: '没有收到' });

    tapKey('，');
    tapKey('{numbers}');
    tapKeys('2024');
    tapKey('{space}');
    tapKey('{letters}');
    tapKey('。');

    expect(harness.changes.at(-1)).toBe('没有收到，2024 。');
  });

  it('types English letters directly', () => {
    const harness = renderInput({});

    tapKey('{language}');
    tapKey('{shift}');
    tapKey('A');
    tapKey('{shift}');
    tapKeys('bc');

    expect(harness.changes.at(-1)).toBe('Abc');
    expect(screen.queryByTestId('keyboard-pinyin')).toBeNull();
  });

  it('starts in English letters in English', () => {
    const harness = renderInput({ language: 'en' });

    tapKeys('ok');
    tapKey(',');

    expect(harness.changes.at(-1)).toBe('ok,');
    expect(screen.queryByTestId('keyboard-pinyin')).toBeNull();
  });

  it('types half-width punctuation in English', () => {
    renderInput({ language: 'en' });

    tapKey('{numbers}');

    const keys = [...document.querySelectorAll<HTMLElement>('[data-skbtn]')].map((key) => key.dataset.skbtn);
    for (const key of [',', '.', '?', '"', "'", ':']) expect(keys).toContain(key);
    for (const key of ['，', '。', '？', '：']) expect(keys).not.toContain(key);
  });

  it('shows the placeholder while empty', () => {
    renderInput({});

    expect(shownText()).toBe('请写下您的问题');
    expect(screen.getByTestId('keyboard-count').textContent).toBe('已输入 0/2000 字');
  });
});

describe('ChineseTextInput rejections', () => {
  it('requires a candidate before punctuation', () => {
    const harness = renderInput({ initial: '低' });

    tapKeys('bao');
    tapKey('。');

    expect(harness.changes).toEqual([]);
    expect(problem()).toContain('请先点选下面的字词');
    expect(screen.getByTestId('keyboard-pinyin').textContent).toBe('bao');
  });

  it('keeps pinyin when switching language', () => {
    renderInput({});

    tapKeys('bu');
    tapKey('{language}');

    expect(problem()).toContain('请先点选下面的字词');
    expect(keyElement('q')).toBeTruthy();
    expect(screen.getByTestId('keyboard-pinyin').textContent).toBe('bu');
  });

  it('rejects a word past maxLength', () => {
    const harness = renderInput({ initial: '一二三', maxLength: 5 });

    tapKeys('mysd');
    tapCandidate('没有收到');

    expect(harness.changes).toEqual([]);
    expect(problem()).toBe('⚠ “没有收到”放不下：只能再输入 2 个字。');
    expect(screen.getByTestId('keyboard-pinyin').textContent).toBe('mysd');
  });

  it('rejects letters when full', () => {
    const harness = renderInput({ initial: '一二三', maxLength: 3 });

    tapKey('a');

    expect(harness.changes).toEqual([]);
    expect(problem()).toBe('⚠ 已经输满 3 字，不能再输入。可以按删除键删掉一些字。');
    expect(screen.queryByTestId('keyboard-pinyin')).toBeNull();
  });

  it('clears the message after a good step', () => {
    renderInput({ initial: '一二三', maxLength: 3 });

    tapKey('a');
    tapKey('{bksp}');

    expect(problem()).toBe('');
  });

  it('shows the messages in English', () => {
    renderInput({ initial: '一二三', maxLength: 3, language: 'en' });

    tapKey('a');

    expect(problem()).toBe('⚠ The text is full at 3 characters. Tap Delete to remove some.');
    expect(screen.getByTestId('keyboard-count').textContent).toBe('3/3 characters typed');
  });
});

describe('ChineseTextInput clearing', () => {
  it('confirms before clearing', () => {
    const harness = renderInput({ initial: '村干部克扣补贴' });

    tapKey('{clear}');
    expect(screen.getByTestId('keyboard-clear-confirm').textContent).toContain('确定要清空全部 7 个字吗');
    expect(harness.changes).toEqual([]);

    fireEvent.click(screen.getByTestId('keyboard-clear-yes'));
    expect(harness.changes).toEqual(['']);
    expect(screen.queryByTestId('keyboard-clear-confirm')).toBeNull();
  });

  it('keeps the text on cancel', () => {
    const harness = renderInput({ initial: '村干部克扣补贴' });

    tapKey('{clear}');
    fireEvent.click(screen.getByTestId('keyboard-clear-cancel'));

    expect(harness.changes).toEqual([]);
    expect(shownText()).toBe('村干部克扣补贴');
  });

  it('cancels the question on another key', () => {
    const harness = renderInput({ initial: '补贴' });

    tapKey('{clear}');
    tapKey('。');

    expect(screen.queryByTestId('keyboard-clear-confirm')).toBeNull();
    expect(harness.changes).toEqual(['补贴。']);
  });

  it('shows no confirmation when empty', () => {
    renderInput({});

    tapKey('{clear}');

    expect(screen.queryByTestId('keyboard-clear-confirm')).toBeNull();
  });
});
