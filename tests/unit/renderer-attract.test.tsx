// @vitest-environment happy-dom
// The attract loop: the notice excerpts, the notices it loads, its slides and welcome, and when
// the App starts and leaves it. Timers are vitest's fake timers, so no wait depends on the clock.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListItem, ListRequest, RecordDetail } from '../../src-shared/boards-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { App } from '../../src-renderer/App.js';
import { ATTRACT_NOTICE_COUNT, loadAttractNotices, noticeExcerpt } from '../../src-renderer/attract/attract-notices.js';
import { ATTRACT_SLIDE_MS, AttractScreen } from '../../src-renderer/attract/AttractScreen.js';
import { LEAVE_GUARD_MS } from '../../src-renderer/attract/use-attract-loop.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { memoryKioskApi, noticeDetail, SETTINGS, SNAPSHOT } from '../helpers/memory-kiosk-api.js';

const NOTICE_COUNT = 3;

function noticeItem(index: number): ListItem {
  return {
    id: `n${index}`,
    title: `第${index}号公告`,
    subtitle: '',
    date: `2025-06-0${index}`,
    regionName: '示例村',
    amountFen: null,
    direction: null,
    status: null,
    flagged: false,
  };
}

/** A notice with a Markdown body whose first paragraph names the notice. */
function markdownNotice(id: string): RecordDetail {
  const notice = noticeDetail(id);
  if (notice.kind !== 'notice') throw new Error(`noticeDetail(${id}) returned a ${notice.kind}, expected a notice`);
  return { ...notice, title: `公告 ${id}`, bodyFormat: 'markdown', body: `# 标题\n\n${id} 的正文。` };
}

/** Returns the in-memory API with NOTICE_COUNT notices, newest first, recording the list requests. */
function apiWithNotices(): KioskApi & { lists: ListRequest[] } {
  const api = memoryKioskApi();
  api.listRecords = async (request) => {
    api.lists.push(request);
    const items = request.kind === 'notice' ? Array.from({ length: NOTICE_COUNT }, (_, index) => noticeItem(NOTICE_COUNT - index)) : [];
    return { total: items.length, offset: 0, items: items.slice(0, request.limit), sources: [] };
  };
  api.getRecord = async (request) => markdownNotice(request.id);
  return api;
}

function renderInChinese(node: ReactNode) {
  return render(<I18nextProvider i18n={createRendererI18n('zh-CN')}>{node}</I18nextProvider>);
}

/** Runs the fake timers for `ms` and lets the promises they settle run too. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function shownSlideTitle(): string | null {
  return document.querySelector('[data-testid="attract-slide"][data-shown="true"] .attract-title')?.textContent ?? null;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('noticeExcerpt', () => {
  it('skips headings, images and tables', () => {
    const body = '# 关于低保的公示\n\n![照片](photo.png)\n\n| 户名 | 金额 |\n| --- | --- |\n| 张*丰 | 100 |\n\n本村 **2025 年** 低保名单如下。';
    expect(noticeExcerpt(body, 'markdown')).toBe('本村 2025 年 低保名单如下。');
  });

  it('joins paragraphs, quotes and list items', () => {
    const body = '第一段。\n\n> 引用的话。\n\n- 第一项\n- 第二项\n\nThe end.\n\nReally.';
    expect(noticeExcerpt(body, 'markdown')).toBe('第一段。引用的话。第一项 第二项 The end. Really.');
  });

  it('keeps a link text without its address', () => {
    expect(noticeExcerpt('详见[县政府网站](https://example.gov.cn)。', 'markdown')).toBe('详见县政府网站。');
  });

  it('folds the white space of plain text', () => {
    expect(noticeExcerpt('第一行\n\n   第二行\t结束', 'text')).toBe('第一行 第二行 结束');
  });

  it('cuts a long text with an ellipsis', () => {
    const excerpt = noticeExcerpt('长'.repeat(500), 'text', 10);
    expect(excerpt).toBe(`${'长'.repeat(9)}…`);
  });

  it('returns empty for a body of headings only', () => {
    expect(noticeExcerpt('# 只有标题', 'markdown')).toBe('');
  });
});

describe('loadAttractNotices', () => {
  it('asks for the newest notices of the region', async () => {
    const api = apiWithNotices();
    await loadAttractNotices(api, '430124');
    expect(api.lists).toEqual([{ kind: 'notice', regionCode: '430124', filters: {}, offset: 0, limit: ATTRACT_NOTICE_COUNT }]);
  });

  it('adds board, issuer and excerpt from the detail', async () => {
    const notices = await loadAttractNotices(apiWithNotices(), '430124');
    expect(notices.map((notice) => notice.id)).toEqual(['n3', 'n2', 'n1']);
    expect(notices[0]).toMatchObject({ title: '第3号公告', board: '村务公开', issuer: '示例村村民委员会', excerpt: 'n3 的正文。' });
  });

  it('keeps a notice whose detail fails', async () => {
    const api = apiWithNotices();
    api.getRecord = async (request) => {
      if (request.id === 'n2') throw new Error('connection refused');
      return markdownNotice(request.id);
    };
    const notices = await loadAttractNotices(api, '430124');
    expect(notices[1]).toEqual({ id: 'n2', title: '第2号公告', board: null, regionName: '示例村', issuer: '', date: '2025-06-02', excerpt: '' });
  });

  it('rejects when the list fails', async () => {
    const api = apiWithNotices();
    api.listRecords = async () => {
      throw new Error('connection refused');
    };
    await expect(loadAttractNotices(api, '430124')).rejects.toThrow('connection refused');
  });
});

describe('AttractScreen', () => {
  it('shows each notice in turn', async () => {
    renderInChinese(<AttractScreen api={apiWithNotices()} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => undefined} />);
    await advance(0);
    expect(shownSlideTitle()).toBe('第3号公告');
    expect(screen.getByTestId('attract-position').textContent).toBe('第 1 条，共 3 条');

    await advance(ATTRACT_SLIDE_MS);
    expect(shownSlideTitle()).toBe('第2号公告');
    await advance(ATTRACT_SLIDE_MS * 2);
    expect(shownSlideTitle()).toBe('第3号公告');
  });

  it('hides the notices not shown', async () => {
    renderInChinese(<AttractScreen api={apiWithNotices()} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => undefined} />);
    await advance(0);
    const hidden = [...document.querySelectorAll('[data-testid="attract-slide"][aria-hidden="true"]')];
    expect(hidden).toHaveLength(NOTICE_COUNT - 1);
  });

  it('shows the data date and the prompt', async () => {
    renderInChinese(<AttractScreen api={apiWithNotices()} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => undefined} />);
    await advance(0);
    expect(screen.getByTestId('attract-data-as-of').textContent).toBe(`数据截至 ${SNAPSHOT.dataAsOf}`);
    expect(screen.getByTestId('attract-prompt').textContent).toBe('轻触屏幕开始');
  });

  it('welcomes without a snapshot', async () => {
    const api = apiWithNotices();
    renderInChinese(<AttractScreen api={api} regionCode="430124" snapshot={null} onLeave={() => undefined} />);
    await advance(0);
    expect(screen.getByTestId('attract-welcome')).toBeTruthy();
    expect(api.lists).toEqual([]);
    expect(screen.getByTestId('attract-data-as-of').textContent).toContain('还没有安装数据');
  });

  it('welcomes when the host fails', async () => {
    const api = apiWithNotices();
    api.listRecords = async () => {
      throw new Error('connection refused');
    };
    renderInChinese(<AttractScreen api={api} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => undefined} />);
    await advance(0);
    expect(screen.getByTestId('attract-welcome')).toBeTruthy();
  });

  it('welcomes when there are no notices', async () => {
    renderInChinese(<AttractScreen api={memoryKioskApi()} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => undefined} />);
    await advance(0);
    expect(screen.getByTestId('attract-welcome')).toBeTruthy();
    expect(screen.queryByTestId('attract-slide')).toBeNull();
  });

  it('leaves on a click anywhere', async () => {
    let leaves = 0;
    renderInChinese(<AttractScreen api={apiWithNotices()} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => (leaves += 1)} />);
    await advance(0);
    fireEvent.click(document.querySelector('.attract-excerpt')!);
    expect(leaves).toBe(1);
  });

  it('leaves on a touch start', async () => {
    let leaves = 0;
    renderInChinese(<AttractScreen api={apiWithNotices()} regionCode="430124" snapshot={SNAPSHOT} onLeave={() => (leaves += 1)} />);
    await advance(0);
    fireEvent.pointerDown(document.querySelector('.attract-title')!);
    expect(leaves).toBe(1);
  });
});

describe('App attract loop', () => {
  // Shorter than the idle timeout, so a test can tell the two apart.
  const ATTRACT_MS = 10_000;

  async function renderApp() {
    const api = apiWithNotices();
    api.getSettings = async () => ({ ...SETTINGS, attractAfterSeconds: ATTRACT_MS / 1000 });
    renderInChinese(<App api={api} />);
    await advance(0);
    expect(document.querySelector('[data-tile="lookup"]')).not.toBeNull();
  }

  it('starts on the untouched home screen', async () => {
    await renderApp();
    await advance(ATTRACT_MS - 1);
    expect(screen.queryByTestId('attract')).toBeNull();

    await advance(1);
    expect(screen.getByTestId('attract')).toBeTruthy();
  });

  it('waits again after a touch', async () => {
    await renderApp();
    await advance(ATTRACT_MS - 1_000);
    fireEvent.pointerDown(document.querySelector('.menu-screen')!);

    await advance(ATTRACT_MS - 1);
    expect(screen.queryByTestId('attract')).toBeNull();
    await advance(1);
    expect(screen.getByTestId('attract')).toBeTruthy();
  });

  it('returns home on a tap and waits again', async () => {
    await renderApp();
    await advance(ATTRACT_MS);
    fireEvent.click(screen.getByTestId('attract-prompt'));

    expect(screen.queryByTestId('attract')).toBeNull();
    expect(document.querySelector('[data-tile="lookup"]')).not.toBeNull();
    expect(screen.queryByTestId('id-display')).toBeNull();

    await advance(ATTRACT_MS);
    expect(screen.getByTestId('attract')).toBeTruthy();
  });

  it('returns home on a swipe', async () => {
    await renderApp();
    await advance(ATTRACT_MS);
    const attract = screen.getByTestId('attract');
    fireEvent.pointerDown(attract, { clientX: 500, clientY: 500 });
    fireEvent.pointerMove(window, { clientX: 500, clientY: 200 });
    fireEvent.pointerUp(window, { clientX: 500, clientY: 200 });

    expect(screen.queryByTestId('attract')).toBeNull();
    expect(document.querySelector('[data-tile="lookup"]')).not.toBeNull();
  });

  it('touch that leaves presses no tile', async () => {
    // The guard measures time with performance.now().
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    await renderApp();
    await advance(ATTRACT_MS);
    fireEvent.pointerDown(screen.getByTestId('attract'));

    // A long press: the finger lifts over the lookup tile after the double-tap guard has passed.
    await advance(LEAVE_GUARD_MS * 2);
    const tile = document.querySelector('[data-tile="lookup"]')!;
    fireEvent.pointerUp(tile);
    fireEvent.click(tile);
    expect(screen.queryByTestId('id-display')).toBeNull();

    // The next tap acts normally.
    fireEvent.pointerDown(tile);
    fireEvent.pointerUp(tile);
    fireEvent.click(tile);
    expect(screen.getByTestId('id-display')).toBeTruthy();
  });

  it('swipe leaves the next tap working', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    await renderApp();
    await advance(ATTRACT_MS);
    fireEvent.pointerDown(screen.getByTestId('attract'));
    fireEvent.pointerUp(window);

    await advance(LEAVE_GUARD_MS);
    const tile = document.querySelector('[data-tile="lookup"]')!;
    fireEvent.pointerDown(tile);
    fireEvent.pointerUp(tile);
    fireEvent.click(tile);
    expect(screen.getByTestId('id-display')).toBeTruthy();
  });

  it('stays off until the session is wiped', async () => {
    await renderApp();
    fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
    await advance(SETTINGS.idleTimeoutSeconds * 1000 - 1);
    expect(screen.getByTestId('id-display')).toBeTruthy();
    expect(screen.queryByTestId('attract')).toBeNull();

    // The wipe returns home, where the loop starts after its own wait.
    await advance(1);
    expect(screen.queryByTestId('id-display')).toBeNull();
    await advance(ATTRACT_MS);
    expect(screen.getByTestId('attract')).toBeTruthy();
  });
});
