#!/usr/bin/env node
// The `minsheng` command. Runs the compiled CLI from dist/; `npm run build:main` makes it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/src-main/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    '未找到已编译的命令行程序，请先运行 npm run build:main。\n' +
      'The compiled CLI was not found; run `npm run build:main` first.\n',
  );
  process.exit(1);
}

const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
