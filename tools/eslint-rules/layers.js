// ESLint rule that keeps the layers of the house apart: each top-level folder may import only
// from the folders listed for it, and only some layers may reach Node built-ins or Electron.
import path from 'node:path';
import { builtinModules } from 'node:module';

// Folder of a layer (relative to the repository root) -> the layers it may import from.
export const LAYERS = {
  'src-shared': { imports: ['src-shared'], node: false, electron: false },
  'src-main/core': { imports: ['src-shared', 'src-main/core'], node: true, electron: false },
  'src-main/publisher': {
    imports: ['src-shared', 'src-main/core', 'src-main/publisher'],
    node: true,
    electron: false,
  },
  'src-main/electron': {
    imports: ['src-shared', 'src-main/core', 'src-main/electron'],
    node: true,
    electron: true,
  },
  'src-main/browser-host': {
    imports: ['src-shared', 'src-main/core', 'src-main/browser-host'],
    node: true,
    electron: false,
  },
  'src-main/watchdog': { imports: ['src-shared', 'src-main/watchdog'], node: true, electron: false },
  'src-main/cli': {
    imports: [
      'src-shared',
      'src-main/core',
      'src-main/publisher',
      'src-main/browser-host',
      'src-main/watchdog',
      'src-main/cli',
    ],
    node: true,
    electron: false,
  },
  'src-renderer': { imports: ['src-shared', 'src-renderer'], node: false, electron: false },
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

// Packages that only run in a Node process; the renderer and src-shared must not load them.
const NODE_ONLY_PACKAGES = new Set(['better-sqlite3', 'pino']);

function layerOf(relativePath) {
  const normalized = relativePath.split(path.sep).join('/');
  const matches = Object.keys(LAYERS).filter(
    (layer) => normalized === layer || normalized.startsWith(`${layer}/`),
  );
  return matches.sort((a, b) => b.length - a.length)[0];
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Reject imports that cross a layer of the design the wrong way.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        additionalProperties: false,
      },
    ],
    messages: {
      wrongLayer:
        "'{{from}}' may not import from '{{to}}'; allowed: {{allowed}}. Move the shared code down a layer.",
      nodeBuiltin:
        "'{{from}}' runs in the browser or is pure, so it may not import the Node module '{{name}}'.",
      electron: "'{{from}}' must run under plain Node, so it may not import 'electron'.",
    },
  },

  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const fromLayer = layerOf(path.relative(root, context.filename));
    if (!fromLayer) return {};
    const rules = LAYERS[fromLayer];

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;

      // 1. Relative imports: resolve and compare layers.
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(context.filename), specifier);
        const toLayer = layerOf(path.relative(root, target));
        if (toLayer && !rules.imports.includes(toLayer)) {
          context.report({
            node,
            messageId: 'wrongLayer',
            data: { from: fromLayer, to: toLayer, allowed: rules.imports.join(', ') },
          });
        }
        return;
      }

      // 2. Bare imports: Electron and Node-only modules are limited to some layers.
      const name = packageName(specifier);
      if (name === 'electron' && !rules.electron) {
        context.report({ node, messageId: 'electron', data: { from: fromLayer } });
      } else if (!rules.node && (NODE_BUILTINS.has(specifier) || NODE_ONLY_PACKAGES.has(name))) {
        context.report({ node, messageId: 'nodeBuiltin', data: { from: fromLayer, name: specifier } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
