// Both screen catalogs must have the same keys, and every t('...') literal in src-renderer must
// exist in both, so no screen ever shows a bare key or a mix of languages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/i18n/en.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import zhCN from '../../src-renderer/i18n/zh-CN.js';
import serveEn from '../../src-shared/messages/en/serve.js';
import serveZhCN from '../../src-shared/messages/zh-CN/serve.js';
import { RELATION_KEYS } from '../../src-shared/relation.js';

const RENDERER_DIR = path.resolve(import.meta.dirname, '../../src-renderer');

function flattenKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    flattenKeys(child, prefix ? `${prefix}.${key}` : key),
  );
}

// Screen sources only: the catalogs themselves mention t('...') in their header comment.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'i18n' ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) ? [file] : [];
  });
}

function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sourceFiles(RENDERER_DIR)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*(['"`])([^'"`$]+)\1/g)) {
      keys.set(match[2]!, path.relative(RENDERER_DIR, file));
    }
  }
  return keys;
}

describe('renderer catalogs', () => {
  const zhKeys = flattenKeys(zhCN).sort();
  const enKeys = flattenKeys(en).sort();

  it('have the same keys in both languages', () => {
    expect(enKeys.filter((key) => !zhKeys.includes(key))).toEqual([]);
    expect(zhKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it('have no empty messages', () => {
    const empty = [...flattenKeys(zhCN).map((key) => ['zh-CN', key]), ...flattenKeys(en).map((key) => ['en', key])].filter(
      ([language, key]) => {
        const catalog: unknown = language === 'en' ? en : zhCN;
        const value = key!.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);
        return typeof value !== 'string' || value.trim() === '';
      },
    );
    expect(empty).toEqual([]);
  });

  it('contain every key the screens use', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(30);

    // A key used with a count resolves to its plural forms, such as key_one and key_other.
    const has = (keys: string[], key: string) => keys.includes(key) || keys.includes(`${key}_other`);
    const missing = [...used].filter(([key]) => !has(zhKeys, key) || !has(enKeys, key));
    expect(missing).toEqual([]);
  });

  it('name every relation the data standard accepts', () => {
    const missing = Object.values(RELATION_KEYS).filter(
      (key) => !zhKeys.includes(`relation.${key}`) || !enKeys.includes(`relation.${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds no dynamic keys in t() calls', () => {
    const dynamic: string[] = [];
    for (const file of sourceFiles(RENDERER_DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*(?!['"`])([^)]{0,40})/g)) dynamic.push(`${path.relative(RENDERER_DIR, file)}: t(${match[1]}`);
      for (const match of text.matchAll(/\bt\(\s*`[^`]*\$\{/g)) dynamic.push(`${path.relative(RENDERER_DIR, file)}: ${match[0]}`);
    }
    expect(dynamic).toEqual([]);
  });

  it('count further notices in the plural form of each language', () => {
    const i18n = createRendererI18n('en');
    expect(i18n.t('notices.moreNotices', { count: 1 })).toBe('1 more notice');
    expect(i18n.t('notices.moreNotices', { count: 3 })).toBe('3 more notices');
    void i18n.changeLanguage('zh-CN');
    expect(i18n.t('notices.moreNotices', { count: 1 })).toBe('另有 1 条通知');
    expect(i18n.t('notices.moreNotices', { count: 3 })).toBe('另有 3 条通知');
  });

  it('are quoted by serve without data', () => {
    expect(serveZhCN.noSnapshot).toContain(`“${zhCN.home.noData}”`);
    expect(serveEn.noSnapshot).toContain(`"${en.home.noData}"`);
  });
});
