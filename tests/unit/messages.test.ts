// The main-side catalogs (CLI, publisher, hosts): both languages carry the same keys with the
// same placeholders, and every key the code uses exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src-shared/messages/catalogs.js';
import { translatorFor } from '../../src-shared/messages/translator.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(name, value);
    else for (const [inner, text] of flatten(value, name)) entries.set(inner, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]!).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const zh = catalogs['zh-CN'] as unknown as Record<string, Tree>;
const en = catalogs.en as unknown as Record<string, Tree>;

describe('main-side message catalogs', () => {
  it('have the same namespaces in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  for (const namespace of Object.keys(zh)) {
    it(`have the same keys and placeholders in ${namespace}`, () => {
      const zhEntries = flatten(zh[namespace]!);
      const enEntries = flatten(en[namespace] ?? {});
      expect([...enEntries.keys()].sort()).toEqual([...zhEntries.keys()].sort());

      for (const [key, zhText] of zhEntries) {
        const enText = enEntries.get(key) ?? '';
        expect(zhText.trim(), `${namespace}:${key} (zh-CN) is empty`).not.toBe('');
        expect(enText.trim(), `${namespace}:${key} (en) is empty`).not.toBe('');
        expect(placeholders(enText), `${namespace}:${key} placeholders differ`).toEqual(placeholders(zhText));
      }
    });
  }

  it('contain every key the code uses', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = [...sourceFiles(path.join(root, 'src-main')), ...sourceFiles(path.join(root, 'src-shared'))];
    const missing: string[] = [];

    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*['"]([\w-]+):([\w.-]+)['"]/g)) {
        const [, namespace, key] = match;
        for (const [language, tree] of [['zh-CN', zh], ['en', en]] as const) {
          if (!flatten(tree[namespace!] ?? {}).has(key!)) {
            missing.push(`${language} ${namespace}:${key} (${path.relative(root, file)})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('translate with interpolation in both languages', () => {
    expect(translatorFor('zh-CN')('cli:unknownCommand', { name: 'x' })).toContain('未知命令');
    expect(translatorFor('en')('cli:unknownCommand', { name: 'x' })).toContain('Unknown command "x"');
  });
});
