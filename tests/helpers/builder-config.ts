// electron-builder.yml as electron-builder 26 itself reads, validates and applies it, without
// packaging anything: its own config loader and JSON schema, its own file matchers for the app
// files, and its rules for the deb's after-install and after-remove templates
// (app-builder-lib/out/targets/FpmTarget.js).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

export interface TargetEntry {
  target: string;
  arch: string[];
}

export interface ResourceEntry {
  from: string;
  to: string;
  filter?: string[];
}

export interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  directories: { output: string; buildResources: string };
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: ResourceEntry[];
  electronFuses?: Record<string, boolean>;
  linux: { target: TargetEntry[]; extraResources: ResourceEntry[] };
  appImage: { artifactName: string };
  deb: { depends: string[]; afterInstall: string; afterRemove: string };
  win: { target: TargetEntry[]; extraResources: ResourceEntry[] };
  nsis: { include: string; perMachine: boolean; artifactName: string };
}

type FileFilter = (file: string, stat: Stats) => boolean;
interface FileMatcher {
  from: string;
  to: string;
  patterns: string[];
  isEmpty(): boolean;
  containsOnlyIgnore(): boolean;
  prependPattern(pattern: string): void;
  createFilter(): FileFilter;
}

interface FileMatcherOptions {
  macroExpander: (text: string) => string;
  customBuildOptions: unknown;
  globalOutDir: string;
  defaultSrc: string;
}

// electron-builder's internals are CommonJS without exported types for these modules.
const require = createRequire(import.meta.url);
const configModule = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const fileMatcherModule = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, expand: (text: string) => string, patterns: string[]) => FileMatcher;
  getFileMatchers(config: BuilderConfig, name: string, destination: string, options: FileMatcherOptions): FileMatcher[] | null;
  getMainFileMatchers(
    appDir: string,
    destination: string,
    expand: (text: string) => string,
    platformOptions: unknown,
    packager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
};

/** The installed electron-builder's version, for messages. */
export const BUILDER_VERSION = (require('app-builder-lib/package.json') as { version: string }).version;

export const builderConfig = await configModule.getConfig(REPO_ROOT, null, null);

/** Validates the config against electron-builder's JSON schema; throws its message when invalid. */
export function validateBuilderConfig(config: BuilderConfig): Promise<void> {
  return configModule.validateConfiguration(config, { isEnabled: false, add: () => undefined });
}

/** Where the deb installs the app: /opt/<sanitizedProductName>, which keeps Chinese letters. */
export const DEB_APP_DIR = `/opt/${builderConfig.productName}`;

const identity = (text: string) => text;

/**
 * Lists the project files, relative to the repository, that electron-builder packs into the
 * app for Linux: its main file matcher with the default exclusions it adds (build resources,
 * output folder, lock files and the like). node_modules is left out; electron-builder copies
 * the production dependencies by its own rules.
 */
export function packedAppFiles(): string[] {
  // The packager fields getMainFileMatchers reads.
  const packager = {
    info: {
      projectDir: REPO_ROOT,
      buildResourcesDir: path.resolve(REPO_ROOT, builderConfig.directories.buildResources),
      config: builderConfig,
      isPrepackedAppAsar: false,
      debugLogger: { isEnabled: false },
    },
  };
  const outDir = path.resolve(REPO_ROOT, builderConfig.directories.output);
  const [matcher] = fileMatcherModule.getMainFileMatchers(REPO_ROOT, '/app', identity, builderConfig.linux, packager, outDir, false);
  const filter = matcher!.createFilter();

  const nodeModules = path.join(REPO_ROOT, 'node_modules');
  return walkFiltered(REPO_ROOT, filter, (file) => file === nodeModules).map((file) => path.relative(REPO_ROOT, file));
}

/** Lists the files under `dir` that `filter` lets through, walking only the folders it lets through. */
function walkFiltered(dir: string, filter: FileFilter, skip: (file: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (skip(file)) continue;
    const stat = lstatSync(file);
    if (!filter(file, stat)) continue;
    if (stat.isDirectory()) found.push(...walkFiltered(file, filter, skip));
    else found.push(file);
  }
  return found;
}

/**
 * Lists where electron-builder copies the extra resources for a platform, relative to the
 * installed app's resources folder: the top-level entries and the platform's own, matched and
 * copied as its copyFiles does.
 */
export function extraResourceFiles(platform: 'linux' | 'win'): string[] {
  const destination = '/resources';
  const matchers =
    fileMatcherModule.getFileMatchers(builderConfig, 'extraResources', destination, {
      macroExpander: identity,
      customBuildOptions: builderConfig[platform],
      globalOutDir: path.resolve(REPO_ROOT, builderConfig.directories.output),
      defaultSrc: REPO_ROOT,
    }) ?? [];

  const copied: string[] = [];
  for (const matcher of matchers) {
    if (matcher.isEmpty() || matcher.containsOnlyIgnore()) matcher.prependPattern('**/*');
    for (const file of walkFiltered(matcher.from, matcher.createFilter())) {
      copied.push(path.relative(destination, path.join(matcher.to, path.relative(matcher.from, file))));
    }
  }
  return copied.sort();
}

/** Returns whether electron-builder leaves `file` (relative to the repository) unpacked beside the asar archive. */
export function isAsarUnpacked(file: string): boolean {
  const matcher = new fileMatcherModule.FileMatcher(REPO_ROOT, '/app', identity, builderConfig.asarUnpack);
  return matcher.createFilter()(path.join(REPO_ROOT, file), lstatSync(path.join(REPO_ROOT, file)));
}

/**
 * Fills a deb script template as electron-builder does: `${name}` becomes the value, and a name
 * it does not define makes the build fail ("Macro X is not defined"). The values are those of
 * this config; electron-builder also accepts the keys of the linux section, which these
 * templates do not use.
 */
export function renderDebScript(templateFile: string): string {
  const values: Record<string, string> = {
    executable: builderConfig.executableName,
    sanitizedProductName: builderConfig.productName,
    productFilename: builderConfig.productName,
  };
  const template = readFileSync(path.join(REPO_ROOT, templateFile), 'utf8');
  return template.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${templateFile}: Macro ${name} is not defined`);
    return value;
  });
}

/** Returns the lines between `# >>> minsheng-kiosk` and `# <<< minsheng-kiosk`: this project's part of a deb script. */
export function projectBlock(script: string): string {
  const start = script.indexOf('# >>> minsheng-kiosk');
  const end = script.indexOf('# <<< minsheng-kiosk');
  if (start === -1 || end < start) throw new Error('no "# >>> minsheng-kiosk" … "# <<< minsheng-kiosk" block');
  return script.slice(start, end);
}
