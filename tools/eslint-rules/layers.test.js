// Tests for the layer rule: one allowed and one rejected import per boundary that matters.
import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import layers from './layers.js';

RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve(import.meta.dirname, '../..');
const file = (relative) => path.join(root, relative);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

tester.run('layers', layers, {
  valid: [
    { filename: file('src-main/core/store.ts'), code: "import { x } from '../../src-shared/id-number.js';", options: [{ root }] },
    { filename: file('src-main/publisher/publish.ts'), code: "import { x } from '../core/log.js';", options: [{ root }] },
    { filename: file('src-main/electron/main.ts'), code: "import { app } from 'electron';", options: [{ root }] },
    { filename: file('src-main/cli/commands/serve.ts'), code: "import { x } from '../../browser-host/server.js';", options: [{ root }] },
    { filename: file('src-renderer/App.tsx'), code: "import { x } from '../src-shared/money.js';", options: [{ root }] },
    { filename: file('tests/unit/a.test.ts'), code: "import { x } from '../../src-main/electron/main.js';", options: [{ root }] },
  ],
  invalid: [
    {
      filename: file('src-main/core/store.ts'),
      code: "import { app } from 'electron';",
      options: [{ root }],
      errors: [{ messageId: 'electron' }],
    },
    {
      filename: file('src-main/core/store.ts'),
      code: "import { x } from '../publisher/publish.js';",
      options: [{ root }],
      errors: [{ messageId: 'wrongLayer' }],
    },
    {
      filename: file('src-shared/money.ts'),
      code: "import { x } from '../src-main/core/log.js';",
      options: [{ root }],
      errors: [{ messageId: 'wrongLayer' }],
    },
    {
      filename: file('src-shared/money.ts'),
      code: "import fs from 'node:fs';",
      options: [{ root }],
      errors: [{ messageId: 'nodeBuiltin' }],
    },
    {
      filename: file('src-renderer/api/client.ts'),
      code: "import { lookupHousehold } from '../../src-main/core/lookup.js';",
      options: [{ root }],
      errors: [{ messageId: 'wrongLayer' }],
    },
    {
      filename: file('src-renderer/api/client.ts'),
      code: "import Database from 'better-sqlite3';",
      options: [{ root }],
      errors: [{ messageId: 'nodeBuiltin' }],
    },
    {
      filename: file('src-main/publisher/publish.ts'),
      code: "export * from '../electron/ipc.js';",
      options: [{ root }],
      errors: [{ messageId: 'wrongLayer' }],
    },
    {
      filename: file('src-main/browser-host/server.ts'),
      code: "const m = await import('../publisher/publish.js');",
      options: [{ root }],
      errors: [{ messageId: 'wrongLayer' }],
    },
  ],
});
