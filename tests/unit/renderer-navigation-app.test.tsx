// @vitest-environment happy-dom
// The App's navigation against an in-memory KioskApi: the home menu, the view stack (back
// returns, done and the idle timeout wipe to home), the region picker and the search screen.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { memoryKioskApi, SEARCH_HIT_COUNT, SETTINGS } from '../helpers/memory-kiosk-api.js';
import type { MemoryKioskApi } from '../helpers/memory-kiosk-api.js';
import { renderHome, shownLayer } from '../helpers/render-app.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function shownView(): string | undefined {
  return shownLayer().dataset.view;
}

function tapTile(tile: string) {
  fireEvent.click(document.querySelector(`[data-tile="${tile}"]`)!);
}

function tapInShown(name: RegExp) {
  fireEvent.click(within(shownLayer()).getByRole('button', { name }));
}

/** Waits until the app has loaded the region list, by opening the picker once and leaving it. */
async function waitForRegionList() {
  fireEvent.click(screen.getByTestId('change-region'));
  await waitFor(() => expect(within(shownLayer()).getByText<HTMLButtonElement>('A', { selector: '[data-letter]' }).disabled).toBe(false));
  fireEvent.click(within(shownLayer()).getByRole('button', { name: /返回/ }));
}

// The region picker's keys stay disabled until its region list has loaded, which under load can
// take longer than the render, so each key is awaited before it is tapped.
async function typeLetters(letters: string) {
  for (const letter of letters) {
    const key = await waitFor(() => {
      const found = within(shownLayer()).getByText<HTMLButtonElement>(letter.toUpperCase(), { selector: '[data-letter]' });
      expect(found.disabled).toBe(false);
      return found;
    });
    fireEvent.click(key);
  }
}

describe('home menu', () => {
  it('shows every tile', async () => {
    await renderHome();
    const tiles = [...document.querySelectorAll<HTMLButtonElement>('[data-tile]')].map((tile) => tile.dataset.tile);
    expect(tiles).toEqual(['lookup', 'projects', 'poverty', 'finance', 'village-affairs', 'township-affairs', 'complaints', 'search']);
    expect(screen.getByText('查我家补贴')).toBeTruthy();
    expect(screen.getByText('党务政务公开')).toBeTruthy();
  });

  it('disables board tiles without data', async () => {
    const api = memoryKioskApi();
    api.getSnapshotInfo = async () => null;
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <App api={api} />
      </I18nextProvider>,
    );
    await screen.findByTestId('terminal-name');

    const enabled = [...document.querySelectorAll<HTMLButtonElement>('[data-tile]')].filter((tile) => !tile.disabled);
    expect(enabled.map((tile) => tile.dataset.tile)).toEqual(['lookup']);
    expect(screen.getAllByText('暂无数据')).toHaveLength(7);
    expect(screen.queryByTestId('region-bar')).toBeNull();
  });

  it('shows the data-as-of line', async () => {
    await renderHome();
    expect(screen.getByTestId('data-info').textContent).toContain('数据截至 2025-06-30');
  });
});

describe('view stack', () => {
  it('opens a board and goes back', async () => {
    await renderHome();
    tapTile('finance');
    expect(shownView()).toBe('board');
    expect(within(shownLayer()).getByTestId('current-region').textContent).toBe('当前地区：宁乡市');

    tapInShown(/返回/);
    expect(shownView()).toBe('home');
  });

  it('returns from a detail to the search as left', async () => {
    const api = memoryKioskApi();
    await renderHome(api);
    tapTile('search');
    fireEvent.click(screen.getByText('低保', { selector: '[data-testid="quick-word"]' }));
    await screen.findByText('已显示 20 条结果');

    fireEvent.click(screen.getAllByTestId('search-hit')[2]!);
    expect(shownView()).toBe('detail');

    tapInShown(/返回/);
    expect(shownView()).toBe('search');
    expect((screen.getByTestId('search-query') as HTMLInputElement).value).toBe('低保');
    expect(screen.getByTestId('search-count').textContent).toBe('已显示 20 条结果');
    // Kept mounted: the search did not run again.
    expect(api.searches).toHaveLength(1);
  });

  it('wipes to home on done', async () => {
    await renderHome();
    tapTile('search');
    fireEvent.click(screen.getByText('低保', { selector: '[data-testid="quick-word"]' }));
    await screen.findByText('已显示 20 条结果');
    fireEvent.click(screen.getAllByTestId('search-hit')[0]!);

    tapInShown(/完成/);
    expect(shownView()).toBe('home');
    expect(document.querySelectorAll('.view-layer')).toHaveLength(1);

    // The next villager's search starts empty.
    tapTile('search');
    expect((screen.getByTestId('search-query') as HTMLInputElement).value).toBe('');
  });

  it('clears the number when leaving the lookup', async () => {
    await renderHome();
    tapTile('lookup');
    for (const key of '430124') fireEvent.click(document.querySelector(`[data-key="${key}"]`)!);
    expect(screen.getByTestId('id-display').textContent).toBe('430124');

    tapInShown(/返回/);
    expect(shownView()).toBe('home');
    tapTile('lookup');
    expect(screen.getByTestId('id-display').textContent).toBe('');
  });

  it('keeps the URL and browser storage untouched', async () => {
    const before = window.location.href;
    await renderHome();
    tapTile('search');
    fireEvent.click(screen.getByText('低保', { selector: '[data-testid="quick-word"]' }));
    await screen.findByText('已显示 20 条结果');
    fireEvent.click(screen.getAllByTestId('search-hit')[0]!);

    expect(window.location.href).toBe(before);
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });
});

describe('region picker', () => {
  it('picks a village by its initials', async () => {
    await renderHome();
    fireEvent.click(screen.getByTestId('change-region'));
    expect(shownView()).toBe('region');

    await typeLetters('zjp');
    expect(screen.getByTestId('typed-letters').textContent).toBe('已输入：ZJP');
    expect(screen.getByTestId('region-match-count').textContent).toBe('找到 1 个地名');
    const match = document.querySelector<HTMLButtonElement>('[data-region="430124102202"]')!;
    expect(match.textContent).toContain('张家坪村');
    expect(match.textContent).toContain('属于枫木桥乡');

    fireEvent.click(match);
    expect(shownView()).toBe('home');
    expect(screen.getByTestId('current-region').textContent).toBe('当前地区：张家坪村');
  });

  it('says so when no name matches', async () => {
    await renderHome();
    fireEvent.click(screen.getByTestId('change-region'));
    await typeLetters('zx');
    expect(screen.getByTestId('region-match-count').textContent).toBe('没有以 ZX 开头的地名。请删掉最后一个字母再试。');

    fireEvent.click(screen.getByRole('button', { name: '删除最后一个字母' }));
    expect(screen.getByTestId('region-match-count').textContent).toBe('找到 2 个地名');
    fireEvent.click(screen.getByRole('button', { name: '清空已输入的字母' }));
    expect(screen.getByTestId('breadcrumbs')).toBeTruthy();
  });

  it('drills down and back up', async () => {
    await renderHome();
    fireEvent.click(screen.getByTestId('change-region'));
    expect(screen.getByTestId('breadcrumbs').textContent).toBe('宁乡市');

    fireEvent.click(document.querySelector('[data-region="430124102"]')!);
    expect(screen.getByTestId('breadcrumbs').textContent).toBe('宁乡市 ›枫木桥乡');
    expect(document.querySelector('[data-region="430124102201"]')!.textContent).toContain('长乐村');

    fireEvent.click(within(screen.getByTestId('breadcrumbs')).getByRole('button', { name: /宁乡市/ }));
    expect(document.querySelector('[data-region="430124101"]')!.textContent).toContain('示例镇');

    fireEvent.click(document.querySelector('[data-region="430124101"]')!);
    fireEvent.click(screen.getByTestId('pick-whole'));
    expect(screen.getByTestId('current-region').textContent).toBe('当前地区：示例镇');
  });

  it('opens on the current township', async () => {
    const api = memoryKioskApi();
    api.getSettings = async () => ({ ...SETTINGS, homeRegionCode: '430124102202' });
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <App api={api} />
      </I18nextProvider>,
    );
    await screen.findByText('当前地区：张家坪村');
    fireEvent.click(screen.getByTestId('change-region'));

    expect(screen.getByTestId('breadcrumbs').textContent).toBe('宁乡市 ›枫木桥乡');
    const current = document.querySelector('[data-region="430124102202"]')!;
    expect(current.getAttribute('aria-current')).toBe('true');
    expect(current.textContent).toContain('✓ 当前选择');
  });

  it('returns to the board it was opened from', async () => {
    const api = memoryKioskApi();
    await renderHome(api);
    tapTile('village-affairs');
    fireEvent.click(within(shownLayer()).getByTestId('change-region'));
    await typeLetters('cl');
    fireEvent.click(document.querySelector('[data-region="430124102201"]')!);

    expect(shownView()).toBe('board');
    expect(within(shownLayer()).getByTestId('current-region').textContent).toBe('当前地区：长乐村');
  });

  it('scopes search to the picked region', async () => {
    const api = memoryKioskApi();
    await renderHome(api);
    fireEvent.click(screen.getByTestId('change-region'));
    await typeLetters('zjp');
    fireEvent.click(document.querySelector('[data-region="430124102202"]')!);

    tapTile('search');
    fireEvent.click(screen.getByText('道路', { selector: '[data-testid="quick-word"]' }));
    await screen.findByTestId('search-no-hits');
    expect(api.searches.map((request) => request.regionCode)).toEqual(['430124102202']);
  });

  it('returns to the home region on done', async () => {
    await renderHome();
    fireEvent.click(screen.getByTestId('change-region'));
    await typeLetters('zjp');
    fireEvent.click(document.querySelector('[data-region="430124102202"]')!);
    tapTile('projects');

    tapInShown(/完成/);
    expect(shownView()).toBe('home');
    expect(screen.getByTestId('current-region').textContent).toBe('当前地区：宁乡市');
  });

  it('returns to the home region on idle timeout', async () => {
    await renderHome();
    await waitForRegionList();
    // The idle timer starts when the picker opens, so the fake timers must be in place before.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    fireEvent.click(screen.getByTestId('change-region'));
    for (const letter of 'ZJP') fireEvent.click(within(shownLayer()).getByText(letter, { selector: '[data-letter]' }));
    fireEvent.click(document.querySelector('[data-region="430124102202"]')!);
    expect(screen.getByTestId('current-region').textContent).toBe('当前地区：张家坪村');

    // Still on home, but the changed region is session state the timeout wipes.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SETTINGS.idleTimeoutSeconds * 1000);
    });
    expect(screen.getByTestId('current-region').textContent).toBe('当前地区：宁乡市');
  });

  it('says so when the region list fails', async () => {
    const api = memoryKioskApi();
    api.getRegions = async () => {
      throw new Error('connection refused');
    };
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <App api={api} />
      </I18nextProvider>,
    );
    // The snapshot names its own county while the region list is missing.
    await screen.findByText('当前地区：宁乡市');
    fireEvent.click(screen.getByTestId('change-region'));
    expect(await screen.findByText(/地区列表暂时不可用/)).toBeTruthy();
    expect(document.querySelector<HTMLButtonElement>('[data-letter="A"]')!.disabled).toBe(true);
  });
});

describe('search screen', () => {
  async function openSearch(): Promise<MemoryKioskApi> {
    const api = memoryKioskApi();
    await renderHome(api);
    tapTile('search');
    return api;
  }

  it('explains the empty query', async () => {
    await openSearch();
    expect(screen.getByText(/请先输入要找的字词/)).toBeTruthy();
    expect(screen.getAllByTestId('quick-word').map((chip) => chip.textContent)).toContain('危房改造');
  });

  it('labels the Chinese words in English', async () => {
    await renderHome();
    fireEvent.click(screen.getByText('English'));
    tapTile('search');

    const row = screen.getAllByTestId('quick-word')[0]!.parentElement!;
    expect(row.getAttribute('aria-label')).toBe('Common words (Chinese, as the records are in Chinese):');
    expect(within(row).getByText('Common words (Chinese, as the records are in Chinese):')).toBeTruthy();
  });

  it('adds a candidate word from pinyin', async () => {
    const api = await openSearch();
    await typeLetters('db');
    expect(screen.getByTestId('pinyin-letters').textContent).toBe('拼音：db');

    const candidates = await screen.findAllByTestId('candidate');
    expect(candidates.map((candidate) => candidate.textContent)).toEqual(['低保', '地边']);
    expect(api.suggestions.at(-1)).toMatchObject({ pinyin: 'db', regionCode: '430124' });

    fireEvent.click(candidates[0]!);
    expect((screen.getByTestId('search-query') as HTMLInputElement).value).toBe('低保');
    expect(screen.getByTestId('pinyin-letters').textContent).toBe('拼音：');
    await screen.findByText('已显示 20 条结果');
  });

  it('says so when no word fits the pinyin', async () => {
    await openSearch();
    await typeLetters('xq');
    expect((await screen.findByTestId('no-candidates')).textContent).toBe('没有以 xq 开头的字词，请删掉一个字母再试。');
  });

  it('marks matches in the results', async () => {
    await openSearch();
    fireEvent.click(screen.getByText('低保', { selector: '[data-testid="quick-word"]' }));
    await screen.findByText('已显示 20 条结果');

    const first = screen.getAllByTestId('search-hit')[0]!;
    expect([...first.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['低保', '低保']);
    expect(first.textContent).toContain('公开公告 · 2025-05-06 · 示例村');
  });

  it('loads more results on request', async () => {
    const api = await openSearch();
    fireEvent.click(screen.getByText('低保', { selector: '[data-testid="quick-word"]' }));
    await screen.findByText('已显示 20 条结果');

    fireEvent.click(screen.getByTestId('search-more'));
    await screen.findByText(`已显示 ${SEARCH_HIT_COUNT} 条结果`);
    expect(screen.getAllByTestId('search-hit')).toHaveLength(SEARCH_HIT_COUNT);
    expect(screen.queryByTestId('search-more')).toBeNull();
    expect(api.searches.map((request) => request.offset)).toEqual([0, 20]);
  });

  it('explains a search without hits', async () => {
    await openSearch();
    fireEvent.click(screen.getByText('道路', { selector: '[data-testid="quick-word"]' }));
    expect((await screen.findByTestId('search-no-hits')).textContent).toBe('没有找到含有“道路”的公开内容。请换一个字词再试。');
  });

  it('searches what a keyboard types', async () => {
    const api = await openSearch();
    fireEvent.change(screen.getByTestId('search-query'), { target: { value: ' 低保 ' } });
    await screen.findByText('已显示 20 条结果');
    expect(api.searches.at(-1)?.query).toBe('低保');
  });

  it('deletes the query with the letter keys', async () => {
    await openSearch();
    fireEvent.click(screen.getByText('危房改造', { selector: '[data-testid="quick-word"]' }));
    fireEvent.click(screen.getByRole('button', { name: '删除最后一个字母' }));
    expect((screen.getByTestId('search-query') as HTMLInputElement).value).toBe('危房改');
    fireEvent.click(screen.getByRole('button', { name: '清空已输入的字母' }));
    expect((screen.getByTestId('search-query') as HTMLInputElement).value).toBe('');
  });

  it('says so when search fails', async () => {
    const api = memoryKioskApi();
    api.search = async () => {
      throw new Error('connection refused');
    };
    await renderHome(api);
    tapTile('search');
    fireEvent.click(screen.getByText('低保', { selector: '[data-testid="quick-word"]' }));
    expect(await screen.findByText(/搜索暂时不可用/)).toBeTruthy();
  });
});
