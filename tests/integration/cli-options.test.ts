// Command-line mistakes through the built command: Node's parser reports them in English, so
// the command line prints the catalog's text in the user's language instead.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('command line option errors', () => {
  it('names an unknown option in Chinese', async () => {
    const result = await runCli(['sync', '--bogus', 'x'], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('没有 --bogus 这个选项。');
    expect(result.stderr).not.toContain('Unknown option');
  });

  it('names an option without its value', async () => {
    const result = await runCli(['sync', '--source', '--lang', 'en']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Option --source needs a value.');
  });

  it('accepts a repeated --lang', async () => {
    const result = await runCli(['sync', '--lang', 'zh-CN', '--help', '--lang', 'en']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: minsheng sync');
  });
});
