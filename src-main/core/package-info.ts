// The package's install folder and version, found from a module's own location: the folder
// above src-main/... under tsx, above dist/main/... when built, or the app.asar root.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Returns the nearest folder at or above the module that contains a package.json. */
export function findPackageRoot(moduleUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

/** Returns the version in this package's package.json, or "unknown" when it cannot be read. */
export function readAppVersion(moduleUrl: string = import.meta.url): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(findPackageRoot(moduleUrl), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
